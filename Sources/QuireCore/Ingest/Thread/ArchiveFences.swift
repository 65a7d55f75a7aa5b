/// Undoes two ways forum-archive converters misuse Markdown's code fences, so that a
/// thread's posts and links are found.
///
/// - **A fence that never closes.** A post that writes three backticks inline (`run ```
///   sudo fdisk -l ``` in terminal`) opens a fence that CommonMark runs to the end of the
///   document, swallowing every later post. When the last block is code holding a post
///   header line (`### Post by psusi on 2011-01-17`, `maria | 2024-09-16 … | #2`), the
///   fence was no fence: its text is read as Markdown again (the fence's line, when it
///   holds prose, is its first line: `MarkdownReader` keeps it).
/// - **Every post body fenced.** Some archives wrap each post's raw text in a fence to keep
///   it as the forum had it. When every post (two or more) between post headers is one
///   fence and nothing else, each fence's text is read as Markdown, so its links are links.
///   A thread where only some posts are code keeps its code.
enum ArchiveFences {
    /// `blocks` with both repairs made; the same blocks when neither applies.
    static func repair(_ blocks: [Block]) -> [Block] {
        unwrapPostBodies(closeRunaway(blocks))
    }

    /// A source line that heads a post: a Markdown heading line or a field header.
    private static func isHeaderLine(_ line: Substring) -> Bool {
        let hashes = line.prefix(while: { $0 == "#" }).count
        if hashes > 0 {
            guard hashes <= 6, line.dropFirst(hashes).first == " " else { return false }
            var text = line.dropFirst(hashes).trimmingWhitespace()
            // `## \#8 Posted by: …`: an escaped `#` reads as `#`.
            if text.hasPrefix("\\#") { text.removeFirst() }
            return PostSignals.isPostHeader(text.collapsingWhitespace())
        }
        return PostSignals.isFieldHeader(String(line))
    }

    private static func closeRunaway(_ blocks: [Block]) -> [Block] {
        var blocks = blocks
        // What is read again may itself end in a fence that never closes: repeat (each
        // round reads a shorter text: the fence's line is gone).
        var rounds = 0
        while let last = blocks.last, last.kind == .code {
            let text = last.text
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.contains(where: isHeaderLine), rounds < 64 else { break }
            rounds += 1
            blocks.removeLast()
            var read = MarkdownReader.blocks(from: text)
            if !read.isEmpty { read[0].blankLinesBefore = last.blankLinesBefore }
            blocks += read
        }
        return blocks
    }

    private static func unwrapPostBodies(_ blocks: [Block]) -> [Block] {
        // Two fences at least, found on the kinds alone: most documents stop here, before
        // any block is read for a post header.
        var fenceCount = 0
        guard
            blocks.containsInPlace(where: { block in
                if block.kind == .code { fenceCount += 1 }
                return fenceCount >= 2
            })
        else { return blocks }
        let headers = blocks.indices.filter { PostSignals.isPostHeader(blocks[$0]) }
        guard headers.count >= 2 else { return blocks }
        var fences: [Int] = []
        for (number, header) in headers.enumerated() {
            let end = number + 1 < headers.count ? headers[number + 1] : blocks.count
            let body = (header + 1..<end).filter { blocks[$0].kind != .rule }
            if body.isEmpty { continue }
            guard body.count == 1, blocks[body[0]].kind == .code else { return blocks }
            fences.append(body[0])
        }
        guard fences.count >= 2 else { return blocks }
        var result: [Block] = []
        result.reserveCapacity(blocks.count + fences.count * 2)
        var next = fences.makeIterator()
        var fence = next.next()
        for (index, block) in blocks.enumerated() {
            guard index == fence else {
                result.append(block)
                continue
            }
            fence = next.next()
            var read = MarkdownReader.blocks(from: block.text)
            if !read.isEmpty { read[0].blankLinesBefore = block.blankLinesBefore }
            result += read
        }
        return result
    }
}
