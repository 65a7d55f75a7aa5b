/// An RSS 2.0 or Atom feed as `FeedReader` reads it: the feed's title and its items, each
/// with the fields quire makes an issue of.
struct Feed: Equatable {
    /// One item (RSS) or entry (Atom).
    struct Item: Equatable {
        var title: String?
        /// The item's web page.
        var link: String?
        /// The item's stable id (`<guid>`, Atom `<id>`), which survives edits to the item.
        var guid: String?
        var published: String?
        /// The body: `content:encoded` or Atom `<content>`, else the description or summary.
        var content: String?
        var summary: String?
        /// The media file's type (`audio/mpeg`), when the item has an enclosure.
        var enclosureType: String?
        /// `itunes:duration`, as written (seconds, `MM:SS` or `HH:MM:SS`).
        var duration: String?
        var episode: String?
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

        static func == (a: Item, b: Item) -> Bool {
            a.title == b.title && a.link == b.link && a.guid == b.guid
                && a.published == b.published && a.content == b.content
                && a.summary == b.summary && a.enclosureType == b.enclosureType
                && a.duration == b.duration && a.episode == b.episode
                && a.chapters.map { $0.start + "\u{1}" + $0.title }
                    == b.chapters.map { $0.start + "\u{1}" + $0.title }
                && a.hasPodcastTags == b.hasPodcastTags
        }
    }

    var title: String?
    var items: [Item] = []
}
