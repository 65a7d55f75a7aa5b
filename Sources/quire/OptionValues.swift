import ArgumentParser
import QuireUI

/// Option values the argument parser reads into types, with the message a wrong one gets.
enum OptionValues {
    /// `--theme`: 256, 8 or mono.
    static func theme(_ name: String) throws -> Theme {
        guard let theme = Theme.named(name) else {
            throw ValidationError("--theme must be 256, 8 or mono")
        }
        return theme
    }

    /// `--size`: COLUMNSxROWS.
    static func size(_ text: String) throws -> Size {
        guard let size = Size(parsing: text) else {
            throw ValidationError("--size must look like 80x24")
        }
        return size
    }
}
