/// Parses a key script like `jj<Enter>l<C-d>` into keys, for `quire render --keys` and tests.
///
/// Plain characters are keys of their own; names in angle brackets are special keys:
/// `<Up> <Down> <Left> <Right> <Home> <End> <PgUp> <PgDn> <Tab> <S-Tab> <Enter> <CR>
/// <Esc> <Space> <BS> <C-x> <lt>` (case-insensitive). `\r` and `\n` are Enter, `\t` Tab.
public enum KeyScript {
    /// A key name that is not known.
    public struct UnknownKey: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "unknown key <\(name)> in --keys" }
    }

    public static func parse(_ script: String) throws -> [Key] {
        var keys: [Key] = []
        var index = script.startIndex
        while index < script.endIndex {
            let character = script[index]
            if character == "<", let close = script[index...].firstIndex(of: ">"),
                script.index(after: index) < close
            {
                let name = String(script[script.index(after: index)..<close])
                keys.append(try named(name))
                index = script.index(after: close)
                continue
            }
            switch character {
            case "\r", "\n", "\r\n": keys.append(.enter)
            case "\t": keys.append(.tab)
            default: keys.append(.char(character))
            }
            index = script.index(after: index)
        }
        return keys
    }

    private static func named(_ name: String) throws -> Key {
        let lower = name.lowercased()
        switch lower {
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "home": return .home
        case "end": return .end
        case "pgup", "pageup": return .pageUp
        case "pgdn", "pagedown": return .pageDown
        case "tab": return .tab
        case "s-tab", "backtab": return .backTab
        case "enter", "cr", "return": return .enter
        case "esc", "escape": return .escape
        case "space": return .char(" ")
        case "bs", "backspace": return .backspace
        case "lt": return .char("<")
        default:
            if lower.hasPrefix("c-"), lower.count == 3, let c = lower.last { return .ctrl(c) }
            throw UnknownKey(name: name)
        }
    }
}
