/// What kind of document an issue was read from; decided by content, never by file name.
public enum DocumentKind: String, Sendable, CaseIterable, Codable {
    /// A Markdown link newsletter: headings are sections, links are reading items.
    case newsletter
    /// Podcast show notes: a description and a run of timestamped chapters.
    case showNotes = "show-notes"
    /// A forum thread: an opening post and replies.
    case thread
    /// Anything else: one section holding the whole text.
    case document
}
