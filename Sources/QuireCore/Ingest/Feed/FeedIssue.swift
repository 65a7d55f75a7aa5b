/// Makes an issue of a feed item: a podcast episode becomes show notes (its chapters from
/// Podlove Simple Chapters, else from the timestamps in its notes), any other item a
/// newsletter read from its HTML.
enum FeedIssue {
    static func parse(_ item: Feed.Item, of feed: Feed, path: String) -> Issue {
        let body = item.content ?? item.summary ?? ""
        // Notes written as plain text keep their lines (a chapter list); HTML is read as
        // a browser shows it.
        var blocks =
            body.contains("<") ? HTMLReader.blocks(from: body) : PlainTextReader.blocks(from: body)
        var metadata = item.metadata
        metadata.source = feed.title
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
