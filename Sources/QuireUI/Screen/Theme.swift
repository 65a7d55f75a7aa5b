/// How a terminal shows a style: colours (palette indices) and attributes.
public struct Attributes: Equatable, Sendable {
    public var foreground: UInt8?
    public var background: UInt8?
    public var bold = false
    public var underline = false
    public var reverse = false
    public var dim = false

    public init(
        foreground: UInt8? = nil, background: UInt8? = nil, bold: Bool = false,
        underline: Bool = false,
        reverse: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }
}

/// Maps each style to attributes for a kind of terminal.
public struct Theme: Equatable, Sendable {
    public var name: String
    private var table: [Attributes]

    public init(name: String, _ build: (Style) -> Attributes) {
        self.name = name
        self.table = Style.allCases.map(build)
    }

    public func attributes(for style: Style) -> Attributes { table[Int(style.rawValue)] }

    /// For terminals with 256 colours.
    public static let color256 = Theme(name: "256") { style in
        switch style {
        case .normal: Attributes()
        case .dim: Attributes(foreground: 245)
        case .border: Attributes(foreground: 240)
        case .title: Attributes(foreground: 231, background: 24, bold: true)
        case .paneTitle: Attributes(foreground: 250, background: 236)
        case .paneTitleFocused: Attributes(foreground: 231, background: 25, bold: true)
        case .selected: Attributes(foreground: 231, background: 31, bold: true)
        case .selectedUnfocused: Attributes(foreground: 252, background: 238)
        case .link: Attributes(foreground: 75, underline: true)
        case .linkSelected: Attributes(foreground: 16, background: 220, bold: true)
        case .linkNumber: Attributes(foreground: 243)
        case .heading: Attributes(foreground: 222, bold: true)
        case .status: Attributes(foreground: 252, background: 235)
        case .statusMessage: Attributes(foreground: 214, background: 235, bold: true)
        case .help: Attributes(foreground: 252, background: 237)
        case .helpKey: Attributes(foreground: 222, background: 237, bold: true)
        case .accent: Attributes(foreground: 114)
        case .match: Attributes(foreground: 214, bold: true)
        case .matchSelected:
            Attributes(foreground: 220, background: 31, bold: true, underline: true)
        }
    }

    /// For terminals with the 8 basic colours.
    public static let color8 = Theme(name: "8") { style in
        switch style {
        case .normal: Attributes()
        case .dim: Attributes(dim: true)
        case .border: Attributes(foreground: 4)
        case .title: Attributes(foreground: 7, background: 4, bold: true)
        case .paneTitle: Attributes(reverse: true)
        case .paneTitleFocused: Attributes(foreground: 7, background: 4, bold: true)
        case .selected: Attributes(foreground: 0, background: 6)
        case .selectedUnfocused: Attributes(reverse: true)
        case .link: Attributes(foreground: 4, underline: true)
        case .linkSelected: Attributes(foreground: 0, background: 3, bold: true)
        case .linkNumber: Attributes(foreground: 6)
        case .heading: Attributes(foreground: 3, bold: true)
        case .status: Attributes(reverse: true)
        case .statusMessage: Attributes(foreground: 3, bold: true, reverse: true)
        case .help: Attributes(reverse: true)
        case .helpKey: Attributes(bold: true, reverse: true)
        case .accent: Attributes(foreground: 2)
        case .match: Attributes(foreground: 3, bold: true)
        case .matchSelected: Attributes(foreground: 3, background: 6, bold: true, underline: true)
        }
    }

    /// Bold, reverse and underline only: monochrome terminals and `NO_COLOR`.
    public static let monochrome = Theme(name: "mono") { style in
        switch style {
        case .normal, .linkNumber, .accent: Attributes()
        case .dim: Attributes(dim: true)
        case .border: Attributes()
        case .title, .paneTitleFocused, .heading: Attributes(bold: true)
        case .paneTitle: Attributes(underline: true)
        case .selected: Attributes(bold: true, reverse: true)
        case .selectedUnfocused: Attributes(reverse: true)
        case .link: Attributes(underline: true)
        case .linkSelected: Attributes(bold: true, underline: true, reverse: true)
        case .status, .help: Attributes(reverse: true)
        case .statusMessage, .helpKey: Attributes(bold: true, reverse: true)
        case .match: Attributes(bold: true, underline: true)
        case .matchSelected: Attributes(bold: true, underline: true, reverse: true)
        }
    }

    /// The theme for a terminal with `colors` colours; `noColor` is `NO_COLOR` being set.
    public static func choose(colors: Int, noColor: Bool) -> Theme {
        if noColor || colors < 8 { return .monochrome }
        return colors >= 256 ? .color256 : .color8
    }

    /// A theme by name (`256`, `8`, `mono`).
    public static func named(_ name: String) -> Theme? {
        [Theme.color256, .color8, .monochrome].first { $0.name == name }
    }
}

/// Writes a buffer as text with ANSI SGR sequences, for `quire render --ansi`.
public enum ANSIText {
    public static func render(_ buffer: ScreenBuffer, theme: Theme) -> String {
        var out = ""
        for y in 0..<buffer.size.rows {
            var current: Attributes?
            for x in 0..<buffer.size.columns {
                let cell = buffer[x, y]
                guard cell.width > 0 else { continue }
                let attributes = theme.attributes(for: cell.style)
                if attributes != current {
                    out += sgr(attributes)
                    current = attributes
                }
                out += cell.text
            }
            out += "\u{1B}[0m\n"
        }
        return out
    }

    static func sgr(_ a: Attributes) -> String {
        var codes = ["0"]
        if a.bold { codes.append("1") }
        if a.dim { codes.append("2") }
        if a.underline { codes.append("4") }
        if a.reverse { codes.append("7") }
        if let fg = a.foreground { codes.append(fg < 8 ? "\(30 + Int(fg))" : "38;5;\(fg)") }
        if let bg = a.background { codes.append(bg < 8 ? "\(40 + Int(bg))" : "48;5;\(bg)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
