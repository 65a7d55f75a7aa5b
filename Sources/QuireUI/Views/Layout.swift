/// Where each pane, the reader and the status line go for a screen size and focus.
///
/// Wide screens (100 columns or more) show the three lists side by side above the reader.
/// Narrower ones show a breadcrumb, the focused list, and the reader below it when there
/// are rows enough; when the reader is focused it takes the whole screen. Below 20×6 there
/// is only a "too small" note.
public struct Layout: Equatable, Sendable {
    public static let minimum = Size(columns: 20, rows: 6)
    public static let wideColumns = 100

    public var size: Size
    public var panes: [Pane: Rect] = [:]
    public var reader: Rect?
    public var breadcrumb: Rect?
    public var status: Rect
    public var isTooSmall: Bool

    public init(size: Size, focus: Pane) {
        self.size = size
        status = Rect(x: 0, y: size.rows - 1, width: size.columns, height: size.rows > 0 ? 1 : 0)
        isTooSmall = size.columns < Layout.minimum.columns || size.rows < Layout.minimum.rows
        guard !isTooSmall else { return }
        let body = size.rows - 1
        if size.columns >= Layout.wideColumns {
            let listHeight = max(5, body * 2 / 5)
            let readerHeight = body - listHeight
            let widths = Layout.split(size.columns, into: 3)
            var x = 0
            for (pane, width) in zip([Pane.issues, .sections, .links], widths) {
                panes[pane] = Rect(x: x, y: 0, width: width, height: listHeight)
                x += width
            }
            reader = Rect(x: 0, y: listHeight, width: size.columns, height: readerHeight)
            return
        }
        breadcrumb = Rect(x: 0, y: 0, width: size.columns, height: 1)
        let top = 1
        let available = body - top
        if focus == .reader {
            reader = Rect(x: 0, y: top, width: size.columns, height: available)
        } else if available >= 14 {
            let listHeight = available / 2
            panes[focus] = Rect(x: 0, y: top, width: size.columns, height: listHeight)
            reader = Rect(
                x: 0, y: top + listHeight, width: size.columns, height: available - listHeight)
        } else {
            panes[focus] = Rect(x: 0, y: top, width: size.columns, height: available)
        }
    }

    /// Columns the reader's text wraps to (a margin of one column on each side).
    public var readerTextWidth: Int { max(0, (reader?.width ?? 0) - 2) }

    /// Lines of text the reader shows (its first row is its title).
    public var readerRows: Int { max(1, (reader?.height ?? 2) - 1) }

    /// How far a page moves the reader: its lines less one, kept for context.
    public var readerPage: Int { max(1, readerRows - 1) }

    /// Rows of list items a pane shows (its first row is its title).
    public func visibleRows(_ pane: Pane) -> Int {
        guard let rect = panes[pane] else {
            // A list that is not on screen keeps its cursor as if it had the whole body.
            return max(1, size.rows - 3)
        }
        return max(1, (rect.height - 1) / Layout.rowHeight(pane))
    }

    /// Screen rows per item: issues show a second line with kind, date and links.
    static func rowHeight(_ pane: Pane) -> Int { pane == .issues ? 2 : 1 }

    /// `total` columns in `parts` nearly equal widths.
    static func split(_ total: Int, into parts: Int) -> [Int] {
        (0..<parts).map { total / parts + ($0 < total % parts ? 1 : 0) }
    }
}
