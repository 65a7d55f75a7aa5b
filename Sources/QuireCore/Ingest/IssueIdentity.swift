/// Assigns the stable ids of an issue and its sections.
///
/// An issue is identified by a key its source gives (a feed item's GUID), else by its
/// normalised URL when it has one, else by its kind, title and date; never by where its
/// file is, so moving a folder keeps every id (a document with no title of its own is
/// named after its file, so renaming that file changes its id). A section is
/// identified by its issue, its title and which occurrence of that title it is, so editing
/// one section leaves the others' ids alone. Links are identified by their URL (`Link`).
enum IssueIdentity {
    /// Gives `issue` and its sections their ids; `key`, when given, identifies the issue
    /// instead of its URL or title (a feed item's GUID, which outlives edits to the item).
    static func assign(
        to issue: inout Issue, key given: String? = nil, disambiguator: String? = nil
    ) {
        var key: String
        if let given {
            key = "key:" + given
        } else if let url = issue.url {
            key = "url:" + URLNormalizer.identityKey(for: url)
        } else {
            key =
                "doc:" + issue.kind.rawValue + "\u{1}" + issue.title + "\u{1}" + (issue.date ?? "")
        }
        if let disambiguator { key += "\u{1}" + disambiguator }
        issue.id = ItemID(namespace: "issue", key: key)
        // A section's key is `issue id \u{1} title \u{1} occurrence`, the occurrence counting
        // earlier sections of the same title (as `String`s compare: canonically).
        var issueKey = issue.id.description
        var sectionSeed = StableHash()
        sectionSeed.combine("section")
        issueKey.withUTF8 { sectionSeed.append(bytes: $0) }
        sectionSeed.append(1)
        // Titles are nearly always all different: an ASCII title (where canonical equality
        // is byte equality) whose hash is new is a first occurrence, known without a
        // dictionary; the dictionary counts the rest, from the start once it is needed.
        var asciiTitles = ItemIDSet()
        var occurrences: [String: Int]?
        for index in issue.sections.indices {
            var title = issue.sections[index].title
            if occurrences == nil {
                let mayRepeat = title.withUTF8 { utf8 in
                    var hasher = StableHash()
                    hasher.append(bytes: utf8)
                    return utf8.contains(where: { $0 >= 0x80 })
                        || !asciiTitles.insert(ItemID(rawValue: hasher.value))
                }
                if mayRepeat {
                    occurrences = [:]
                    for earlier in issue.sections[..<index] {
                        occurrences![earlier.title, default: 0] += 1
                    }
                }
            }
            let occurrence = occurrences?[title, default: 0] ?? 0
            occurrences?[title] = occurrence + 1
            var hasher = sectionSeed
            title.withUTF8 { hasher.append(bytes: $0) }
            hasher.append(1)
            var number = String(occurrence)
            number.withUTF8 { hasher.append(bytes: $0) }
            hasher.endField()
            issue.sections[index].id = ItemID(rawValue: hasher.value)
        }
    }

    /// Gives a second issue with the same id (a copy of a document) an id of its own,
    /// from its file name, keeping the first one's.
    static func separateCollisions(_ issues: inout [Issue]) {
        var seen = ItemIDSet()
        for index in issues.indices { separateCollision(&issues[index], seen: &seen) }
    }

    /// Gives `issue` an id of its own if `seen` holds its id already, and adds its id to
    /// `seen`: `separateCollisions` one issue at a time, in library order.
    static func separateCollision(_ issue: inout Issue, seen: inout ItemIDSet) {
        guard !seen.insert(issue.id) else { return }
        let name = issue.path.split(separator: "/").last.map(String.init) ?? issue.path
        assign(to: &issue, disambiguator: name)
        seen.insert(issue.id)
    }
}
