import CNcursesw
import QuireUI

/// What quire writes for one screen cell, chosen so that the screen buffer, ncurses and the
/// terminal agree on where the cursor stands afterwards.
///
/// The screen buffer measures characters with quire's own table (`DisplayWidth`); ncurses
/// moves its idea of the cursor by libc's `wcwidth`; the terminal by a table of its own.
/// Where they disagree, a row shifts or keeps text from the frame before: `🛠️` (a symbol
/// one column wide, then the emoji selector U+FE0F) is two columns to the buffer, one to
/// libc and tmux, and two to terminals that honour the selector. So a cell is written as
/// its first character and the combining marks after it, never a selector, a joiner or a
/// second picture (those are what terminals count differently); a character libc makes one
/// column in a two-column cell is followed by a blank (or a flag's second letter); one libc
/// does not know, or makes wider than its cell, becomes U+FFFD.
public struct TerminalGlyph: Equatable, Sendable {
    /// The scalars for the cell's first column: one spacing character, then combining marks.
    public var scalars: [UInt32]
    /// What fills a two-column cell's second column when `scalars` take only one; `nil` when
    /// they take both (or the cell has one column).
    public var filler: UInt32?

    /// How many combining marks are kept after a character: with it, four scalars for
    /// `setcchar`.
    static let marksKept = 3
    static let replacement: UInt32 = 0xFFFD

    /// The glyph for a cell of `width` columns (1 or 2) showing the grapheme `text`, by the
    /// column counts `columns` gives (libc's `wcwidth` in the terminal's locale).
    public init(_ text: Substring.UnicodeScalarView, width: Int, columns: (UInt32) -> Int) {
        var iterator = text.makeIterator()
        guard let base = iterator.next()?.value else {
            self.init(scalars: [0x20], filler: width == 2 ? 0x20 : nil)
            return
        }
        let baseColumns = columns(base)
        guard baseColumns >= 1, baseColumns <= width else {
            self.init(scalars: [Self.replacement], filler: width == 2 ? 0x20 : nil)
            return
        }
        var scalars = [base]
        var second: UInt32?
        while let next = iterator.next()?.value {
            if Self.isDisputed(next) { break }
            if columns(next) != 0 {
                second = next
                break
            }
            if scalars.count <= Self.marksKept { scalars.append(next) }
        }
        var filler: UInt32?
        if width == 2, baseColumns == 1 {
            // A flag is two regional indicators, one column each to libc.
            let flag =
                Self.isRegionalIndicator(base) && second.map(Self.isRegionalIndicator) == true
            filler = flag ? second : 0x20
        }
        self.init(scalars: scalars, filler: filler)
    }

    /// The glyph for a cell of the screen buffer.
    ///
    /// By libc's column counts in the current locale, those ncurses moves by; ASCII is
    /// taken as it is.
    public init(_ cell: Cell) {
        let scalars = cell.text.unicodeScalars
        if scalars.count == 1, let only = scalars.first, only.isASCII {
            self.init(scalars: [only.value], filler: nil)
            return
        }
        self.init(scalars[...], width: Int(cell.width)) { Int(quire_wcwidth($0)) }
    }

    /// A glyph of exactly these scalars and filler.
    public init(scalars: [UInt32], filler: UInt32?) {
        self.scalars = scalars
        self.filler = filler
    }

    /// Joiners, variation selectors and skin-tone modifiers: what makes terminals disagree.
    static func isDisputed(_ value: UInt32) -> Bool {
        value == 0x200D || (0xFE00...0xFE0F).contains(value)
            || (0xE0100...0xE01EF).contains(value) || (0x1F3FB...0x1F3FF).contains(value)
    }

    static func isRegionalIndicator(_ value: UInt32) -> Bool { (0x1F1E6...0x1F1FF).contains(value) }

    /// The glyph's UTF-8 bytes, the filler's included, for writing around ncurses.
    public var utf8: [UInt8] {
        var bytes: [UInt8] = []
        for value in scalars + (filler.map { [$0] } ?? []) {
            if let scalar = Unicode.Scalar(value) { bytes += Array(String(scalar).utf8) }
        }
        return bytes
    }
}
