/// Reading a query: its qualifiers (`in:`, `kind:`, `host:`, `is:unread`, `is:starred`)
/// and fuzzy terms, and whether a new query narrows an old one.
extension SearchIndex {
    /// Whether the hits of `old` contain every hit of `new`: `new` only adds characters to
    /// plain terms (no `|`, `!`, anchors or qualifiers that a longer query could loosen).
    public static func refines(_ new: String, _ old: String) -> Bool {
        guard !old.isEmpty, new.hasPrefix(old) else { return false }
        return !new.contains { "|!'^$:".contains($0) }
    }

    /// A query split into its qualifiers and its fuzzy terms.
    struct Parsed {
        var fuzzy: FuzzyQuery
        var kinds: Set<Kind> = []
        var documentKinds: Set<DocumentKind> = []
        var hosts: [String] = []
        var unread = false
        var starred = false

        init(_ query: String) {
            var terms: [Substring] = []
            for token in query.split(separator: " ") {
                let lower = token.lowercased()
                if lower.hasPrefix("in:"), let kind = Kind(rawValue: String(lower.dropFirst(3))) {
                    kinds.insert(kind)
                } else if lower.hasPrefix("kind:"),
                    let kind = DocumentKind(rawValue: String(lower.dropFirst(5)))
                {
                    documentKinds.insert(kind)
                } else if lower.hasPrefix("host:"), lower.count > 5 {
                    // Hosts are kept without `www.`, as a reader says them.
                    let host = lower.dropFirst(5)
                    hosts.append(String(host.hasPrefix("www.") ? host.dropFirst(4) : host))
                } else if lower == "is:unread" {
                    unread = true
                } else if lower == "is:starred" {
                    starred = true
                } else {
                    terms.append(token)
                }
            }
            fuzzy = FuzzyQuery(terms.joined(separator: " "))
        }
    }
}
