/// One reading item: a link with its text, or a work named without an address.
public struct Link: Hashable, Sendable {
    /// Identity of the reading item: the hash of its normalised URL (or, without a URL, of
    /// its normalised text), so the same paper in two issues has one id.
    public var id: ItemID
    /// The link text, with pieces split by emphasis merged and whitespace collapsed.
    public var text: String
    /// The URL exactly as the document gives it, unescaped; nil for a work named without one.
    public var url: String?
    /// The Markdown tooltip (`[text](url "title")`), unescaped.
    public var title: String?
    /// Where the link's text sits in its section's `text`, as UTF-8 offsets, if it does.
    public var anchor: Range<Int>?
    /// Whether the link sits inside a quote of another post or message: the quoting post
    /// repeats it, it is not a new reading item there.
    public var quoted = false

    /// Creates a link; `id` is derived from `url` (or `text` when there is no URL).
    public init(
        text: some StringProtocol, url: String?, title: String? = nil, anchor: Range<Int>? = nil
    ) {
        self.init(
            id: Link.identity(text: text, url: url), text: String(text), url: url, title: title,
            anchor: anchor)
    }

    init(
        id: ItemID, text: String, url: String?, title: String?, anchor: Range<Int>?,
        quoted: Bool = false
    ) {
        self.id = id
        self.text = text
        self.url = url
        self.title = title
        self.anchor = anchor
        self.quoted = quoted
    }

    /// The id a link with this text and URL has.
    public static func identity(text: some StringProtocol, url: String?) -> ItemID {
        if let url { return identity(url: url[...]) }
        return ItemID(namespace: "reference", key: TextNormalizer.identityKey(for: String(text)))
    }

    /// The id of a link to `url`, read in place.
    static func identity(url: Substring) -> ItemID {
        var url = url
        return url.withUTF8 { identity(urlUTF8: $0) }
    }

    /// A hash that has combined `link`, where every URL's id starts.
    private static let linkSeed = {
        var hasher = StableHash()
        hasher.combine("link")
        return hasher
    }()

    /// The id of a link to the URL whose UTF-8 is `utf8`.
    static func identity(urlUTF8 utf8: UnsafeBufferPointer<UInt8>) -> ItemID {
        var hasher = linkSeed
        URLNormalizer.hashIdentity(ofUTF8: utf8, into: &hasher)
        return ItemID(rawValue: hasher.value)
    }
}
