/// Makes issues of email messages: each conversation a thread, each message that starts
/// none an issue of its own.
///
/// Messages answer each other by `In-Reply-To` and `References`; a message with no
/// answer headers that are found joins by subject when its subject is a reply's
/// (`Re: [rust-dev] Borrowing`) and the rest of the subject is another message's. A
/// message that starts no conversation and answers none is read like any document (a
/// newsletter when a newsletter's list sent it, else by its content); a conversation, a
/// reply whose conversation is not in the library, or a discussion list's message that
/// no one answered, becomes one thread issue whose
/// posts are its messages in the order they were sent, each with its author, time and
/// number, quoted text kept in the post and its links marked as quoted.
enum MailIssues {
    /// The issues of `messages`, in the order of their first message, and what was
    /// changed to read them (per message: a charset that did not fit its bytes).
    static func issues(_ messages: [MailMessage]) -> (issues: [Issue], warnings: [IngestWarning]) {
        let groups = conversations(messages)
        // Bodies are read here, a conversation at a time, so a mailbox's are never all
        // held at once.
        let built = groups.parallelMap { group -> (Issue, [IngestWarning]) in
            let read = group.map { messages[$0].withBody() }
            let warnings = read.flatMap { message in
                message.warnings.map {
                    IngestWarning(
                        path: message.path, message: "message \(message.position + 1): \($0)")
                }
            }
            // A reply whose conversation is not here, or a discussion list's message no
            // one has answered yet, is still a post.
            let alone = read.count == 1 && !read[0].isReply && !read[0].isDiscussion
            return (alone ? issue(of: read[0]) : issue(ofConversation: read), warnings)
        }
        return (built.map(\.0), built.flatMap(\.1))
    }

    /// The conversations among `messages`, as indices in the order sent (unknown times
    /// last, then file order); conversations in the order of their first message's file
    /// and place.
    static func conversations(_ messages: [MailMessage]) -> [[Int]] {
        var parent = Array(messages.indices)
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        func join(_ a: Int, _ b: Int) {
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        // Each id a node: a message's own, or one only referred to (a message not in the
        // library, which still ties its answers together).
        var node: [String: Int] = [:]
        for (index, message) in messages.enumerated() {
            if let id = message.messageID, node[id] == nil { node[id] = index }
        }
        func nodeFor(_ id: String) -> Int {
            if let found = node[id] { return found }
            parent.append(parent.count)
            node[id] = parent.count - 1
            return parent.count - 1
        }
        for (index, message) in messages.enumerated() {
            for id in message.answers { join(index, nodeFor(id)) }
        }
        // By subject: a reply joins the first message that has its subject without the
        // reply marker.
        let subjects = messages.map { $0.subject.map(Subject.init) }
        var started: [String: Int] = [:]
        for (index, folded) in subjects.enumerated() {
            guard let folded else { continue }
            if !folded.isReply, started[folded.key] == nil { started[folded.key] = index }
        }
        var replies: [String: Int] = [:]
        for (index, message) in messages.enumerated() {
            guard let folded = subjects[index], folded.isReply, !folded.key.isEmpty else {
                continue
            }
            if message.answers.contains(where: { node[$0].map { $0 < messages.count } == true }) {
                continue  // it found what it answers
            }
            if let first = started[folded.key] ?? replies[folded.key] {
                join(index, first)
            } else {
                replies[folded.key] = index
            }
        }
        var groups: [Int: [Int]] = [:]
        var order: [Int] = []
        for index in messages.indices {
            let r = root(index)
            if groups[r] == nil { order.append(r) }
            groups[r, default: []].append(index)
        }
        return order.map { r in
            groups[r]!.sorted { a, b in
                switch (messages[a].posted, messages[b].posted) {
                case (let x?, let y?) where x != y: return x < y
                case (_?, nil): return true
                case (nil, _?): return false
                default: return a < b
                }
            }
        }
    }

    /// A message that starts no conversation, read like a document: a newsletter when a
    /// newsletter's list sent it, else by its content.
    static func issue(of message: MailMessage) -> Issue {
        var metadata = Metadata()
        metadata.title = message.subject.map { Subject($0).display }
        metadata.date = message.date
        metadata.url = message.archivedAt
        metadata.source =
            message.list ?? message.subject.flatMap { Subject($0).tag } ?? message.author
        if message.isNewsletter { metadata.kind = .newsletter }
        return Ingestor.parse(
            blocks: MailBody.blocks(of: message, asPage: true), metadata: metadata,
            isMarkdown: true, path: message.path, identity: message.messageID.map { "mid:" + $0 })
    }

    /// A conversation as a thread: one post per message.
    static func issue(ofConversation messages: [MailMessage]) -> Issue {
        let first = messages[0]
        let posts = messages.enumerated().map { number, message in
            post(message, number: number + 1).build()
        }
        var issue = Issue(
            title: first.subject.map { Subject($0).display } ?? "", kind: .thread,
            path: first.path, url: first.archivedAt, date: first.date,
            source: messages.lazy.compactMap(\.list).first
                ?? first.subject.flatMap { Subject($0).tag },
            sections: posts)
        if issue.title.isEmpty, let opening = posts.first?.title { issue.title = opening }
        IssueIdentity.assign(to: &issue, key: first.messageID.map { "mid:" + $0 })
        return issue
    }

    /// One message as a post, read line by line as a forum archive's posts are (see
    /// `PostBuilder`): quoted lines marked, their links quoted.
    private static func post(_ message: MailMessage, number: Int) -> SectionBuilder {
        let blocks = MailBody.blocks(of: message, asPage: false)
        let opening = blocks.first(where: { !$0.quoted }) ?? blocks.first
        var post = PostBuilder(baseURL: message.archivedAt)
        post.header = opening.map { PostBuilder.summary($0.text) } ?? message.subject ?? ""
        post.about = PostHeader(author: message.author, posted: message.posted, number: number)
        for line in DocumentLine.lines(of: blocks) where line.blockKind != .rule {
            post.add(line)
        }
        return post.finish() ?? SectionBuilder(title: post.header ?? "")
    }
}

/// A subject with what mail clients and lists add to it folded away: reply markers
/// (`Re:`, `AW:`, `Re[2]:`), forwarding markers and `[list]` tags.
struct Subject {
    /// The subject as shown: markers and tags gone, the rest as written.
    var display: String
    /// What conversations are matched by: `display`, lower-cased, spaces collapsed.
    var key: String
    /// Whether it had a reply marker.
    var isReply = false
    /// The first `[tag]`, a mailing list's name (`tiling-wm`).
    var tag: String?

    private static let replyMarkers: Set<String> = ["re", "aw", "sv", "antw", "vs", "odp"]
    private static let forwardMarkers: Set<String> = ["fwd", "fw", "wg", "tr"]

    init(_ subject: String) {
        var rest = subject.trimmingWhitespace()[...]
        while true {
            if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                let name = rest[rest.index(after: rest.startIndex)..<close].trimmingWhitespace()
                if tag == nil, !name.isEmpty { tag = name }
                rest = rest[rest.index(after: close)...].drop(while: { $0 == " " })
                continue
            }
            guard let colon = rest.firstIndex(of: ":"),
                rest.distance(from: rest.startIndex, to: colon) <= 8
            else { break }
            let marker = rest[..<colon].lowercased().prefix(while: { $0.isLetter })
            let tail = rest[..<colon].lowercased().dropFirst(marker.count)
            guard tail.isEmpty || tail.allSatisfy({ "[]0123456789".contains($0) }) else { break }
            if Self.replyMarkers.contains(String(marker)) {
                isReply = true
            } else if !Self.forwardMarkers.contains(String(marker)) {
                break
            }
            rest = rest[rest.index(after: colon)...].drop(while: { $0 == " " })
        }
        display = String(rest).collapsingWhitespace()
        key = display.lowercased()
    }
}
