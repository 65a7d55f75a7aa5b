/// How a markup file (a feed, a web page) opens: its text from the first element or
/// declaration that matters, so that what the file is can be told by its content.
enum MarkupOpening {
    /// The file's first 4 KiB from its first tag, past whitespace, byte-order marks and
    /// comments, and, when `skippingDeclarations`, past `<?xml …?>` and `<!DOCTYPE …>`;
    /// nil when a comment or declaration does not end there.
    static func firstTag(_ bytes: UnsafeBufferPointer<UInt8>, skippingDeclarations: Bool)
        -> Substring?
    {
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
