/// The four places focus can be, left to right.
public enum Pane: Int, Sendable, CaseIterable, Comparable {
    case issues, sections, links, reader

    public static func < (a: Pane, b: Pane) -> Bool { a.rawValue < b.rawValue }

    var next: Pane? { Pane(rawValue: rawValue + 1) }
    var previous: Pane? { Pane(rawValue: rawValue - 1) }
}

/// A list's selected row and the first row shown.
public struct ListCursor: Equatable, Sendable {
    public var selected = 0
    public var offset = 0

    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Keeps `selected` within `count` rows and visible in `visible` rows.
    mutating func clamp(count: Int, visible: Int) {
        selected = count == 0 ? 0 : min(max(0, selected), count - 1)
        let visible = max(1, visible)
        if selected < offset { offset = selected }
        if selected >= offset + visible { offset = selected - visible + 1 }
        offset = min(max(0, offset), max(0, count - visible))
    }
}

/// Box-drawing and marker characters, with an ASCII set for terminals without UTF-8.
public struct Glyphs: Equatable, Sendable {
    public var vertical: String
    public var horizontal: String
    public var ellipsis: String
    public var breadcrumb: String
    public var bullet: String
    /// A progress bar's filled and empty cells.
    public var barFilled: String = "█"
    public var barEmpty: String = "░"

    public static let unicode = Glyphs(
        vertical: "│", horizontal: "─", ellipsis: "…", breadcrumb: "›", bullet: "•")
    public static let ascii = Glyphs(
        vertical: "|", horizontal: "-", ellipsis: "~", breadcrumb: ">", bullet: "*",
        barFilled: "#", barEmpty: ".")
}
