import ArgumentParser
import Foundation
import QuireCore

/// Where the parsed-library cache lives, for every command that reads a library.
enum CacheOptions {
    /// The cache folder: `$XDG_CACHE_HOME/quire`, else `~/.cache/quire`.
    static var directory: String {
        LibraryCache.defaultDirectory(environment: ProcessInfo.processInfo.environment)
    }

    /// The cache for this build of quire; `remembering` what it reads in memory too, for
    /// the reader, which reads the library again when its files change.
    static func cache(remembering: Bool = false) -> LibraryCache {
        LibraryCache(
            directory: directory, build: LibraryCache.build(version: Quire.version),
            remembers: remembering)
    }
}

/// `quire cache path|clear`: where parsed documents are kept between runs.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or clear the parsed-library cache.",
        discussion: """
            quire keeps what it parsed from each file in $XDG_CACHE_HOME/quire \
            (~/.cache/quire), so the next start reads it back instead of parsing again. \
            An entry is used only for the same file unchanged (size, times, inode, or else \
            the same bytes) and the same quire build; anything else is parsed again. The \
            folder is kept under 4 GiB by removing the least recently used entries. \
            --no-cache on any command reads every file afresh.
            """,
        subcommands: [Path.self, Clear.self]
    )

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "path",
            abstract: "Print the cache folder, its entries and their size.")

        func run() throws {
            let cache = CacheOptions.cache()
            let usage = cache.usage()
            StandardOutput.write("\(cache.directory)\n")
            StandardError.write(
                "quire: \(usage.entries) entries, \(ByteCount.text(usage.bytes))\n")
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clear", abstract: "Remove every cache entry.")

        func run() throws {
            let cache = CacheOptions.cache()
            let removed = cache.clear()
            StandardOutput.write(
                "removed \(removed.entries) entries (\(ByteCount.text(removed.bytes))) from \(cache.directory)\n"
            )
        }
    }
}

/// Sizes for people: `812 B`, `3.4 MB`.
enum ByteCount {
    static func text(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: value < 10 ? "%.1f" : "%.0f", value) + " " + units[unit]
    }
}
