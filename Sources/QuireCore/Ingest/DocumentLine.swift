/// One line of a document, with its links and where it sits among the blocks.
///
/// Show notes and threads are structured line by line (a chapter marker, a reaction, a
/// greeting), so their parsers flatten blocks into these.
struct DocumentLine: Sendable {
    var text: String
    /// Links in `text` (UTF-8 offsets relative to the line).
    var spans: [LinkSpan]
    /// Index of the block the line came from.
    var block: Int
    var blockKind: Block.Kind
    /// Whether this is the first line of its block.
    var startsBlock: Bool
    /// Whether this is the only line of its block (a paragraph of one line).
    var isStandalone: Bool
    /// Whether this is the last line of its block.
    var endsBlock: Bool
    /// Blank source lines between this line and the previous one.
    var blankLinesBefore: Int
    /// Whether the line quotes another post: inside a Markdown block quote, or a plain
    /// text line that starts with `>`.
    var quoted: Bool

    /// Whether the line is a heading's.
    var isHeading: Bool {
        if case .heading = blockKind { return true }
        return false
    }

    /// The block's lines, in order, as `DocumentLine`s.
    static func lines(of blocks: [Block]) -> [DocumentLine] {
        var result: [DocumentLine] = []
        for (index, block) in blocks.enumerated() {
            let ranges = block.lineRanges()
            for (number, (line, range)) in ranges.enumerated() {
                let blanks = number == 0 ? block.blankLinesBefore : 0
                result.append(
                    DocumentLine(
                        text: line.trimmingWhitespace(),
                        spans: block.spans(in: range).map { span in
                            // Trimming removed leading spaces: shift spans with it.
                            let lead = line.utf8.prefix(while: { $0 == 32 || $0 == 9 }).count
                            return span.with(
                                range: max(
                                    0, span.range.lowerBound - lead)..<max(
                                        0, span.range.upperBound - lead))
                        }, block: index, blockKind: block.kind, startsBlock: number == 0,
                        isStandalone: ranges.count == 1, endsBlock: number == ranges.count - 1,
                        blankLinesBefore: blanks,
                        quoted: block.quoted
                            || line.drop(while: { $0 == " " || $0 == "\t" }).utf8.first
                                == UInt8(ascii: ">")
                    ))
            }
        }
        return result
    }
}
