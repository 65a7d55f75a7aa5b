/// One terminal cell: a grapheme cluster, its width, and its style.
///
/// A wide character occupies its own cell (width 2) and the next one, which holds an
/// empty continuation (width 0) that backends skip.
public struct Cell: Equatable, Sendable {
    /// The grapheme cluster shown, or "" for the right half of a wide character.
    public var text: String
    /// Columns the text takes: 1, 2, or 0 for a continuation cell.
    public var width: UInt8
    /// The role the theme colours.
    public var style: Style

    /// A cell with text and style.
    public init(_ text: String, width: UInt8 = 1, style: Style = .normal) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A blank cell in `style`.
    public static func blank(_ style: Style = .normal) -> Cell { Cell(" ", width: 1, style: style) }
}
