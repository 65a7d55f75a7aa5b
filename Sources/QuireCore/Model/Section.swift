/// A part of an issue: a heading's content, a chapter, or a post.
public struct Section: Hashable, Sendable {
    /// Stable id: derived from the id, the title and which occurrence of that
    /// title it is, so editing other sections leaves it alone.
    public var id: ItemID
    /// The heading, chapter title or post summary.
    public var title: String
    /// Nesting depth, 1 for top level (a Markdown heading's level).
    public var level: Int
    /// A chapter's offset in whole seconds; nil for anything that is not a chapter.
    public var start: Int?
    /// Where a chapter ends, in whole seconds: the next chapter's start, or the episode's
    /// duration for the last one; nil when unknown or not a chapter.
    public var end: Int?
    /// The readable text, links shown by their text, paragraphs separated by blank lines.
    public var text: String
    /// The reading items in document order, each once.
    public var links: SectionLinks
    /// Reactions a post received (`3 Likes`), 0 when none or not a post.
    public var reactions: Int
    /// A post's author as the thread writes it (`halseth`, without `@`), when it says.
    public var author: String?
    /// When a post was made, ISO 8601 (`2024-09-16T13:01:59Z`, or a date alone).
    public var posted: String?
    /// A post's number in its thread (`#3` gives 3), when the thread numbers them.
    public var number: Int?

    /// Creates a section; the id is filled in when the issue is assembled.
    public init(
        title: String, level: Int = 1, start: Int? = nil, text: String = "", links: [Link] = [],
        reactions: Int = 0, id: ItemID = ItemID(rawValue: 0)
    ) {
        self.id = id
        self.title = title
        self.level = level
        self.start = start
        self.text = text
        self.links = SectionLinks(links, sectionText: text)
        self.reactions = reactions
    }

    /// Creates a section whose links are already stored.
    init(title: String, level: Int, start: Int?, text: String, links: SectionLinks, reactions: Int)
    {
        self.id = ItemID(rawValue: 0)
        self.title = title
        self.level = level
        self.start = start
        self.text = text
        self.links = links
        self.reactions = reactions
    }
}
