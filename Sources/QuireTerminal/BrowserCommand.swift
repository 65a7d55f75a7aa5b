#if canImport(Glibc)
    import Glibc
#endif

/// How `o` starts a browser: an argument vector, never a shell.
///
/// From `$BROWSER` when it names a program that exists (a colon-separated list, the first
/// usable entry wins; each entry is split on spaces, and `%s` in a word is replaced by the
/// URL, which otherwise goes last as its own argument), else `xdg-open`, else `open`.
public struct BrowserCommand: Equatable, Sendable {
    /// The words of the command, `%s` still in them.
    public var words: [String]
    /// The program's path, found on `PATH`.
    public var executable: String

    /// Programs that run in the terminal: quire gives them the screen and waits.
    static let textBrowsers: Set<String> = [
        "w3m", "lynx", "links", "links2", "elinks", "browsh", "www-browser", "cha", "carbonyl",
        "edbrowse",
    ]

    /// Whether the browser runs in the terminal.
    public var isTextBrowser: Bool {
        Self.textBrowsers.contains(String(executable.split(separator: "/").last ?? ""))
    }

    /// The argument vector for `url`: `%s` replaced inside its word, else `url` appended.
    public func arguments(for url: String) -> [String] {
        var substituted = false
        var out: [String] = []
        for word in words {
            guard word.contains("%") else {
                out.append(word)
                continue
            }
            var result = ""
            var index = word.startIndex
            while index < word.endIndex {
                let next = word.index(after: index)
                if word[index] == "%", next < word.endIndex, word[next] == "s" {
                    result += url
                    substituted = true
                    index = word.index(after: next)
                } else if word[index] == "%", next < word.endIndex, word[next] == "%" {
                    result += "%"
                    index = word.index(after: next)
                } else {
                    result.append(word[index])
                    index = next
                }
            }
            out.append(result)
        }
        if !substituted { out.append(url) }
        return out
    }

    /// The command the config or the environment asks for.
    ///
    /// - Parameters:
    ///   - configured: the config file's `browser` (an argument vector, used as given);
    ///     when set it is the only candidate, so a typo is reported rather than passed over.
    ///   - find: the full path of a program name (searched on `PATH`), or nil.
    public static func resolve(
        configured: [String]? = nil,
        environment: [String: String],
        find: (String) -> String? = { BrowserCommand.search($0, path: nil) }
    ) -> BrowserCommand? {
        if let configured, let program = configured.first {
            let found =
                program.contains("/") ? (isExecutable(program) ? program : nil) : find(program)
            return found.map { BrowserCommand(words: configured, executable: $0) }
        }
        var entries: [[String]] = []
        if let browser = environment["BROWSER"] {
            for entry in browser.split(separator: ":") {
                let words = entry.split(separator: " ").map(String.init)
                if !words.isEmpty { entries.append(words) }
            }
        }
        entries += [["xdg-open"], ["open"]]
        for words in entries {
            let program = words[0]
            let found =
                program.contains("/") ? (isExecutable(program) ? program : nil) : find(program)
            if let found { return BrowserCommand(words: words, executable: found) }
        }
        return nil
    }

    /// `name`'s path on `path` (default: `$PATH`), if it is there and executable.
    public static func search(_ name: String, path: String?) -> String? {
        let folders = (path ?? getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin")
            .split(separator: ":")
        for folder in folders {
            let candidate = folder + "/" + name
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    private static func isExecutable(_ path: String) -> Bool {
        var info = stat()
        return access(path, X_OK) == 0 && stat(path, &info) == 0
            && info.st_mode & S_IFMT != S_IFDIR
    }
}
