import Foundation

/// Makes an issue of a feed item: a podcast episode becomes show notes (its chapters from
/// Podlove Simple Chapters, else from the timestamps in its notes), any other item a
/// newsletter read from its HTML.
enum FeedIssue {
    static func parse(_ item: Feed.Item, feedTitle: String?, path: String) -> Issue {
        let body = item.content ?? item.summary ?? ""
        // Notes written as plain text keep their lines (a chapter list); HTML is read as
        // a browser shows it.
        var blocks =
            body.utf8.contains(UInt8(ascii: "<"))
            ? HTMLReader.blocks(from: body) : PlainTextReader.blocks(from: body)
        var metadata = item.metadata
        metadata.source = feedTitle
        if item.isEpisode {
            metadata.kind = .showNotes
            // Chapters from the feed follow the notes, one `start title` line each.
            blocks += item.chapters.map { chapter in
                Block(kind: .paragraph, text: chapter.start + " " + chapter.title, links: [])
            }
        } else {
            metadata.kind = .newsletter
        }
        return Ingestor.parse(
            blocks: blocks, metadata: metadata, isMarkdown: true, path: path,
            identity: item.guid.map { "guid:" + $0 })
    }
}

/// A feed's issues, made on all cores while the feed is still being read: each item is
/// parsed as soon as `FeedReader` hands it over, and its text is let go once it is.
///
/// At most a few items wait for a core at a time: when that many are waiting, the reading
/// thread parses the next item itself rather than queue it, so a feed read faster than
/// its items are parsed never piles up their text (and no thread waits on another).
final class FeedIssues: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private let group = DispatchGroup()
    private var made: [(position: Int, issue: Issue)] = []
    private var count = 0
    /// Items handed to other threads and not yet parsed.
    private var waiting = 0
    private let most = 2 * ProcessInfo.processInfo.activeProcessorCount

    init(path: String) { self.path = path }

    /// Starts making the issue of the next item (or makes it, when enough are waiting).
    func add(_ item: Feed.Item, feedTitle: String?) {
        let position = count
        count += 1
        let queued = lock.withLock {
            guard waiting < most else { return false }
            waiting += 1
            return true
        }
        guard queued else {
            let issue = FeedIssue.parse(item, feedTitle: feedTitle, path: path)
            lock.withLock { made.append((position, issue)) }
            return
        }
        group.enter()
        DispatchQueue.global().async { [path] in
            let issue = FeedIssue.parse(item, feedTitle: feedTitle, path: path)
            self.lock.withLock {
                self.made.append((position, issue))
                self.waiting -= 1
            }
            self.group.leave()
        }
    }

    /// The issues in the feed's order, once all are made; the feed's title names the
    /// source of those read before the title was.
    func issues(feedTitle: String?) -> [Issue] {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        return made.sorted { $0.position < $1.position }.map { entry in
            var issue = entry.issue
            if issue.source == nil { issue.source = feedTitle }
            return issue
        }
    }
}
