/// An RSS 2.0 or Atom feed as `FeedReader` reads it: the feed's title; its items, each
/// with what quire makes an issue of, are handed over one by one as they are read.
struct Feed: Sendable {
    /// One item (RSS) or entry (Atom).
    struct Item: Sendable {
        /// Title, web page, date, episode number and duration, as the issue takes them.
        var metadata = Metadata()
        /// The item's stable id (`<guid>`, Atom `<id>`), which survives edits to the item.
        var guid: String?
        /// The body: `content:encoded` or Atom `<content>`, else the description or summary.
        var content: String?
        var summary: String?
        /// The media file's type (`audio/mpeg`), when the item has an enclosure.
        var enclosureType: String?
        /// Podlove Simple Chapters: start (as written) and title.
        var chapters: [(start: String, title: String)] = []
        /// Whether the item carries podcast tags (`itunes:…`).
        var hasPodcastTags = false

        /// Whether the item is a podcast episode: an audio or video enclosure, podcast
        /// tags, or chapters.
        var isEpisode: Bool {
            enclosureType.map { $0.hasPrefix("audio/") || $0.hasPrefix("video/") } == true
                || hasPodcastTags || !chapters.isEmpty
        }
    }

    var title: String?
}
