/// How a markup file (a feed, a web page) opens: its text from the first element or
/// declaration that matters, so that what the file is can be told by its content.
enum MarkupOpening {
    /// The file's first 4 KiB from its first tag, past whitespace, byte-order marks and
    /// comments, and, when `skippingDeclarations`, past `<?xml …?>` and `<!DOCTYPE …>`;
    /// nil when a comment or declaration does not end there.
    ///
    /// Empty when the first byte past whitespace and a byte-order mark is ASCII and not
    /// `<`: no tag opens the file.
    static func firstTag(_ bytes: UnsafeBufferPointer<UInt8>, skippingDeclarations: Bool)
        -> Substring?
    {
        // Most files are Markdown, ruled out here without a string made of their head.
        var first = 0
        while first < bytes.count {
            if isASCIIWhitespace(bytes[first]) {
                first += 1
            } else if first + 2 < bytes.count, bytes[first] == 0xEF, bytes[first + 1] == 0xBB,
                bytes[first + 2] == 0xBF
            {
                first += 3
            } else {
                break
            }
        }
        if first < bytes.count, bytes[first] < 0x80, bytes[first] != UInt8(ascii: "<") {
            return ""
        }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        var rest = head[...]
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
            let isComment = rest.hasPrefix("<!--")
            let isDeclaration =
                skippingDeclarations && (rest.hasPrefix("<?") || rest.hasPrefix("<!DOCTYPE"))
            guard isComment || isDeclaration else { return rest }
            guard let end = rest.firstRange(of: isComment ? "-->" : ">") else { return nil }
            rest = rest[end.upperBound...]
        }
    }
}
