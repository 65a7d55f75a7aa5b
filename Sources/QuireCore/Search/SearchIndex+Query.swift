/// Reading a query: its qualifiers (`in:`, `kind:`, `host:`, `is:unread`, `is:starred`,
/// `time<10m`) and fuzzy terms, and whether a new query narrows an old one.
extension SearchIndex {
    /// Whether the hits of `old` contain every hit of `new`: `new` only adds characters to
    /// plain terms (no `|`, `!`, anchors or qualifiers that a longer query could loosen).
    public static func refines(_ new: String, _ old: String) -> Bool {
        guard !old.isEmpty, new.hasPrefix(old) else { return false }
        return !new.contains { "|!'^$:<>=".contains($0) }
    }

    /// A query split into its qualifiers and its fuzzy terms.
    struct Parsed {
        var fuzzy: FuzzyQuery
        var kinds: Set<Kind> = []
        var documentKinds: Set<DocumentKind> = []
        var hosts: [String] = []
        var unread = false
        var starred = false
        /// Reading-time bounds in minutes (`time<10m`, `time>=1h`), each to hold.
        var times: [TimeBound] = []

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
                } else if let bound = TimeBound(lower) {
                    times.append(bound)
                } else {
                    terms.append(token)
                }
            }
            fuzzy = FuzzyQuery(terms.joined(separator: " "))
        }
    }
}

/// A bound on reading time in a query: `time<10m`, `time<=1h30m`, `time>5` (minutes).
struct TimeBound: Equatable {
    enum Relation { case less, lessOrEqual, greater, greaterOrEqual }
    var relation: Relation
    var minutes: Int

    init(relation: Relation, minutes: Int) {
        self.relation = relation
        self.minutes = minutes
    }

    /// Reads a lower-cased token; nil when it is not a time bound.
    init?(_ token: String) {
        guard token.hasPrefix("time") else { return nil }
        var rest = Substring(token.dropFirst(4))
        if rest.hasPrefix("<=") {
            relation = .lessOrEqual
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix(">=") {
            relation = .greaterOrEqual
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("<") {
            relation = .less
            rest = rest.dropFirst()
        } else if rest.hasPrefix(">") {
            relation = .greater
            rest = rest.dropFirst()
        } else {
            return nil
        }
        // `90`, `90m`, `90min`, `2h`, `1h30m`, `1h30`.
        var total = 0
        var number = ""
        var sawUnit = false
        var index = rest.startIndex
        while index < rest.endIndex {
            let character = rest[index]
            if character.isASCII, character.isNumber {
                number.append(character)
                index = rest.index(after: index)
                continue
            }
            guard let value = Int(number) else { return nil }
            let unit = rest[index...]
            if unit.hasPrefix("h") {
                total += value * 60
                index = rest.index(after: index)
            } else if unit.hasPrefix("min") {
                total += value
                index = rest.index(index, offsetBy: 3)
            } else if unit.hasPrefix("m") {
                total += value
                index = rest.index(after: index)
            } else {
                return nil
            }
            number = ""
            sawUnit = true
        }
        if !number.isEmpty {
            guard let value = Int(number) else { return nil }
            total += value  // minutes, after `1h` as well as alone
        } else if !sawUnit {
            return nil
        }
        guard total < 1_000_000 else { return nil }
        minutes = total
    }

    func holds(for minutes: Int) -> Bool {
        switch relation {
        case .less: minutes < self.minutes
        case .lessOrEqual: minutes <= self.minutes
        case .greater: minutes > self.minutes
        case .greaterOrEqual: minutes >= self.minutes
        }
    }
}
