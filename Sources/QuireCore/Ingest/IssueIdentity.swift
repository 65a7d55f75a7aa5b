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
        var occurrences: [String: Int] = [:]
        let issueKey = issue.id.description
        for index in issue.sections.indices {
            let title = issue.sections[index].title
            let occurrence = occurrences[title, default: 0]
            occurrences[title] = occurrence + 1
            issue.sections[index].id = ItemID(
                namespace: "section", key: "\(issueKey)\u{1}\(title)\u{1}\(occurrence)")
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
