import QuireCore

/// A grid of cells that render draws into and a backend shows.
///
/// All text enters through `put`, which passes it through `TerminalText.sanitized` (so a
/// hostile document cannot drive the terminal: an escape sequence shows as `␛`), clips by display width and lays out wide
/// characters over two cells. A wide character that would straddle the clip edge is
/// replaced by a space, so columns never shift.
public struct ScreenBuffer: Equatable, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]
    /// Runs of cells that link somewhere, for terminals that show OSC 8 hyperlinks.
    public private(set) var hyperlinks: [Hyperlink] = []

    /// A blank buffer.
    public init(size: Size) {
        self.size = size
        self.cells = Array(repeating: .blank(), count: size.columns * size.rows)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.columns + x] }
        set { cells[y * size.columns + x] = newValue }
    }

    /// Fills `rect` (clipped to the buffer) with blanks in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .normal) {
        guard let (columns, rows) = clipped(rect) else { return }
        for y in rows {
            for x in columns { self[x, y] = .blank(style) }
        }
    }

    /// The columns and rows of `rect` inside the buffer; nil when none are.
    private func clipped(_ rect: Rect) -> (Range<Int>, Range<Int>)? {
        let x0 = max(0, rect.x)
        let y0 = max(0, rect.y)
        let x1 = min(size.columns, rect.maxX)
        let y1 = min(size.rows, rect.maxY)
        guard x0 < x1, y0 < y1 else { return nil }
        return (x0..<x1, y0..<y1)
    }

    /// Writes `text` at (`x`, `y`) in at most `maxWidth` columns; returns the columns used.
    ///
    /// Escape sequences show as `␛`; other controls and bidi overrides are dropped; tabs
    /// and line breaks become a space. Zero-width characters join the previous cell.
    @discardableResult
    public mutating func put(
        _ text: some StringProtocol, x: Int, y: Int, maxWidth: Int = .max, style: Style = .normal
    ) -> Int {
        guard y >= 0, y < size.rows, x < size.columns else { return 0 }
        let limit = min(size.columns, maxWidth == .max ? size.columns : x + max(0, maxWidth))
        var column = x
        for visible in TerminalText.sanitized(text) {
            let width = DisplayWidth.of(visible)
            if width == 0 {
                // Combining marks and joiners belong to the character before them.
                if column > x, column - 1 >= 0, column - 1 < size.columns {
                    var previous = column - 1
                    if self[previous, y].width == 0, previous > 0 { previous -= 1 }
                    self[previous, y].text.append(visible)
                }
                continue
            }
            if column + width > limit {
                if width == 2, column < limit, column >= 0 { self[column, y] = .blank(style) }
                break
            }
            if column >= 0 {
                self[column, y] = Cell(String(visible), width: UInt8(width), style: style)
                if width == 2 { self[column + 1, y] = Cell("", width: 0, style: style) }
            }
            column += width
        }
        return column - x
    }

    /// Marks `width` cells from (`x`, `y`) as a hyperlink to `url`, clipped to the buffer.
    public mutating func link(_ url: String, x: Int, y: Int, width: Int) {
        let x0 = max(0, x)
        let x1 = min(size.columns, x + width)
        guard y >= 0, y < size.rows, x0 < x1 else { return }
        if let last = hyperlinks.last, last.y == y, last.x + last.width == x0, last.url == url {
            hyperlinks[hyperlinks.count - 1].width += x1 - x0
        } else {
            hyperlinks.append(Hyperlink(x: x0, y: y, width: x1 - x0, url: url))
        }
    }

    /// Takes the cells of `rect` (and the hyperlinks within it) from `other`, a buffer of
    /// the same size: a part of the last frame kept as it was.
    public mutating func copy(_ rect: Rect, from other: ScreenBuffer) {
        guard other.size == size, let (columns, rows) = clipped(rect) else { return }
        for y in rows {
            let row = y * size.columns
            cells.replaceSubrange(
                row + columns.lowerBound..<row + columns.upperBound,
                with: other.cells[row + columns.lowerBound..<row + columns.upperBound])
        }
        let inside = { (link: Hyperlink) in rows.contains(link.y) && columns.contains(link.x) }
        hyperlinks.removeAll(where: inside)
        hyperlinks += other.hyperlinks.filter(inside)
    }

    /// The rows as plain strings (continuation cells skipped), for tests and `quire render`.
    public func lines() -> [String] {
        (0..<size.rows).map { y in
            var line = ""
            for x in 0..<size.columns where self[x, y].width > 0 { line += self[x, y].text }
            return line
        }
    }

    /// Indices of the cells that differ from `previous` (everything when the size differs).
    public func changedCells(since previous: ScreenBuffer?) -> [Int] {
        guard let previous, previous.size == size else { return Array(cells.indices) }
        return cells.indices.filter { cells[$0] != previous.cells[$0] }
    }
}

/// Cells that link to a URL: shown by the backend as an OSC 8 hyperlink.
public struct Hyperlink: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    /// The target, already checked by `LinkSafety` (http or https, no controls).
    public var url: String
}
