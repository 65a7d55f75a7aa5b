import Foundation
import QuireCore

/// OSC 52: the escape sequence that asks the user's terminal to set its clipboard, which
/// reaches the user's own machine over SSH.
public enum ClipboardSequence {
    /// How the sequence must be wrapped to get through a terminal multiplexer.
    public enum Wrapping: Equatable, Sendable {
        /// Straight to the terminal (or to tmux, which handles OSC 52 itself when its
        /// `set-clipboard` option is `on` or `external`).
        case none
        /// tmux passthrough (`ESC P tmux; … ESC \`, each ESC doubled), which needs tmux's
        /// `allow-passthrough` on.
        case tmux
        /// GNU screen: the sequence cut into DCS strings screen passes on.
        case screen
    }

    /// Base64 payloads longer than this are dropped by common terminals (hterm and
    /// others stop at about 100,000 bytes; xterm's limit is smaller in some builds).
    public static let payloadLimit = 74_994

    /// The base64 payload for `text` (sanitised first: no controls ever go out).
    public static func payload(for text: String) -> String {
        Data(TerminalText.sanitized(text).utf8).base64EncodedString()
    }

    /// The bytes to write for `text`.
    public static func bytes(for text: String, wrapping: Wrapping) -> [UInt8] {
        let sequence = Array("\u{1B}]52;c;\(payload(for: text))\u{07}".utf8)
        switch wrapping {
        case .none:
            return sequence
        case .tmux:
            var out = Array("\u{1B}Ptmux;".utf8)
            for byte in sequence {
                if byte == 0x1B { out.append(0x1B) }
                out.append(byte)
            }
            return out + Array("\u{1B}\\".utf8)
        case .screen:
            // screen limits one DCS string; 76 bytes a piece passes every version.
            var out: [UInt8] = []
            var start = 0
            while start < sequence.count {
                let end = min(start + 76, sequence.count)
                out += Array("\u{1B}P".utf8) + sequence[start..<end] + Array("\u{1B}\\".utf8)
                start = end
            }
            return out
        }
    }
}
