import CLibXML2
import Foundation

/// Reads RSS 2.0 and Atom feeds with libxml2's SAX2 parser: one pass over the file, no
/// tree of a large feed, items handed on as each one ends.
///
/// Elements are told apart by local name and namespace, so `content:encoded`,
/// `itunes:duration`, `psc:chapter` and Atom's elements are found whatever prefix a feed
/// gives them. Only the feed's own title is kept from outside the items (an `<image>`'s
/// title is not the feed's).
enum FeedReader {
    /// libxml2 sets up its globals once, before threads parse.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    private static let atom = "http://www.w3.org/2005/Atom"
    private static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    private static let podlove = "http://podlove.org/simple-chapters"
    private static let content = "http://purl.org/rss/1.0/modules/content/"

    /// Whether `bytes` open as a feed: `<rss`, an Atom `<feed` or RSS 1.0's `<rdf:RDF`
    /// as the first element, after an XML declaration, comments and whitespace.
    static func looksLikeFeed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let rest = MarkupOpening.firstTag(bytes, skippingDeclarations: true) else {
            return false
        }
        return rest.hasPrefix("<rss") || rest.hasPrefix("<rdf:RDF")
            || (rest.hasPrefix("<feed") && rest.prefix(400).contains(atom))
    }

    /// The feed in `bytes` (UTF-8), or nil when it does not parse as XML.
    ///
    /// Each item is handed to `each` as soon as it is read, with the feed's title when it
    /// came before the item (it almost always does), and not kept: its issue can be made
    /// while the rest of the feed is read. The feed returned has its title and no items.
    static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, each: (Feed.Item, _ feedTitle: String?) -> Void
    ) -> Feed? {
        var offset = 0
        return parse(each: each) { buffer, room in
            let n = min(room, bytes.count - offset)
            if n > 0 {
                UnsafeMutableRawPointer(buffer).copyMemory(
                    from: bytes.baseAddress! + offset, byteCount: n)
            }
            offset += n
            return Int32(n)
        }
    }

    /// The feed in a file, read a part at a time (never held whole), its items handed to
    /// `each` as in `read(_:each:)`; `input` checks and hashes every byte on the way.
    ///
    /// Nil when the file is not a feed, or when `input` refused its bytes (not UTF-8, a
    /// control character): then it is read whole, as any file is.
    static func read(
        _ input: FeedInput, each: (Feed.Item, _ feedTitle: String?) -> Void
    ) -> Feed? {
        let feed = parse(each: each) { buffer, room in
            input.read(into: buffer, count: room)
        }
        // libxml2 may stop before the end (after the root element): the rest is read too,
        // so the hash and the check cover the whole file.
        guard input.finish(), let feed else { return nil }
        return feed
    }

    // The text is UTF-8 by now, whatever its declaration says (see `Charset`). Entities
    // are never substituted (no XXE), and nothing is fetched.
    private static let options = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue)

    /// What the SAX callbacks reach: the walk, and where items go.
    private final class Context {
        var walk = Walk()
        var items = 0
        let each: (Feed.Item, String?) -> Void
        let read: (UnsafeMutablePointer<CChar>, Int) -> Int32

        init(
            each: @escaping (Feed.Item, String?) -> Void,
            read: @escaping (UnsafeMutablePointer<CChar>, Int) -> Int32
        ) {
            self.each = each
            self.read = read
        }

        static func of(_ pointer: UnsafeMutableRawPointer?) -> Context {
            Unmanaged<Context>.fromOpaque(pointer!).takeUnretainedValue()
        }
    }

    /// Parses the XML `read` gives (it fills a buffer and returns the count, 0 at the end,
    /// -1 on an error) with SAX2 callbacks: no tree, and libxml2's pull parser, which
    /// reads a long CDATA section in one pass (its streaming reader searched a large
    /// item's text for `]]>` again and again: a quarter of a feed's load).
    private static func parse(
        each: (Feed.Item, _ feedTitle: String?) -> Void,
        read: (UnsafeMutablePointer<CChar>, Int) -> Int32
    ) -> Feed? {
        _ = initialised
        return withoutActuallyEscaping(each) { each in
            withoutActuallyEscaping(read) { read in
                let context = Context(each: each, read: read)
                return withExtendedLifetime(context) { parse(context) }
            }
        }
    }

    private static func parse(_ context: Context) -> Feed? {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { context, name, _, uri, _, _, count, _, attributes in
            Context.of(context).walk.open(
                FeedReader.string(name), FeedReader.string(uri),
                Attributes(values: attributes, count: Int(count)))
        }
        sax.endElementNs = { context, name, _, _ in
            let context = Context.of(context)
            if let item = context.walk.close(FeedReader.string(name)) {
                context.each(item, context.walk.feed.title)
                context.items += 1
            }
        }
        let characters: charactersSAXFunc = { context, bytes, count in
            guard let bytes, count > 0 else { return }
            Context.of(context).walk.append(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        sax.characters = characters
        sax.cdataBlock = characters
        sax.ignorableWhitespace = characters
        let pointer = Unmanaged.passUnretained(context).toOpaque()
        guard
            let parser = xmlCreateIOParserCtxt(
                &sax, pointer,
                { pointer, buffer, room in
                    guard let buffer else { return -1 }
                    return Context.of(pointer).read(buffer, Int(room))
                },
                { _ in 0 }, pointer, XML_CHAR_ENCODING_UTF8)
        else { return nil }
        defer { xmlFreeParserCtxt(parser) }
        xmlCtxtUseOptions(parser, options)
        let status = xmlParseDocument(parser)
        guard
            status == 0 || parser.pointee.wellFormed == 1 || context.items > 0
                || context.walk.feed.title != nil
        else { return nil }
        return context.walk.feed
    }

    /// An element's attributes as SAX2 gives them: five pointers each (local name,
    /// prefix, namespace, value start, value end).
    struct Attributes {
        let values: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
        let count: Int

        /// The value of the attribute named `name` (any namespace), references decoded.
        subscript(_ name: String) -> String? {
            guard let values else { return nil }
            for index in 0..<count {
                let base = values + index * 5
                guard let local = base[0], FeedReader.string(local) == name,
                    let start = base[3], let end = base[4]
                else { continue }
                return Self.decodingReferences(
                    UnsafeBufferPointer(start: start, count: end - start))
            }
            return nil
        }

        /// An attribute's value with its references decoded: libxml2 hands values over
        /// with `&` kept as `&#38;` when it substitutes no entities.
        private static func decodingReferences(_ value: UnsafeBufferPointer<UInt8>) -> String {
            guard value.contains(UInt8(ascii: "&")) else { return UTF8Text.string(value) }
            var out: [UInt8] = []
            out.reserveCapacity(value.count)
            var index = 0
            while index < value.count {
                if value[index] == UInt8(ascii: "&"),
                    let end = value[index..<min(value.count, index + 40)].firstIndex(
                        of: UInt8(ascii: ";")),
                    let decoded = HTMLEntities.decode(
                        UnsafeBufferPointer(rebasing: value[index...end]))
                {
                    out += decoded
                    index = end + 1
                } else {
                    out.append(value[index])
                    index += 1
                }
            }
            return UTF8Text.string(out)
        }
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// The state of the walk over the feed's elements.
    private struct Walk {
        var feed = Feed()
        var item: Feed.Item?
        /// Depth of the item element, while inside one.
        var itemDepth = -1
        /// The element whose text is being gathered, and the text so far.
        var field: String?
        var text: [UInt8] = []
        var depth = 0

        /// Adds text inside the current element.
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            if field != nil { text.append(contentsOf: bytes) }
        }

        /// Starts an element.
        mutating func open(_ name: String, _ space: String, _ attributes: Attributes) {
            defer { depth += 1 }
            if item == nil, name == "item" || (name == "entry" && space == FeedReader.atom) {
                item = Feed.Item()
                itemDepth = depth
                return
            }
            if space == FeedReader.itunes, item != nil { item?.hasPodcastTags = true }
            switch (name, space) {
            case ("enclosure", _):
                item?.enclosureType = attributes["type"]
            case ("link", FeedReader.atom):
                let rel = attributes["rel"] ?? "alternate"
                let href = attributes["href"]
                if rel == "alternate", item != nil, item?.metadata.url == nil {
                    item?.metadata.url = href.flatMap(Self.webAddress)
                }
            case ("chapter", FeedReader.podlove):
                if let start = attributes["start"], let title = attributes["title"] {
                    item?.chapters.append((start, title))
                }
            default:
                guard wanted(name, space) else { return }
                field = name
                text.removeAll(keepingCapacity: true)
            }
        }

        /// Ends an element; returns the item it ends, if it ends one.
        mutating func close(_ name: String) -> Feed.Item? {
            depth -= 1
            let closing = depth
            if item != nil, closing == itemDepth, name == "item" || name == "entry" {
                defer {
                    item = nil
                    itemDepth = -1
                }
                return item
            }
            guard let field, field == name else { return nil }
            self.field = nil
            let value = UTF8Text.string(text).trimmingWhitespace()
            guard !value.isEmpty else { return nil }
            guard item != nil else {
                // The channel's (or Atom feed's) own title, at the top level only.
                if name == "title", feed.title == nil, closing <= 2 { feed.title = value }
                return nil
            }
            guard var current = item else { return nil }
            switch name {
            case "title":
                current.metadata.title = current.metadata.title ?? value.collapsingWhitespace()
            case "link": current.metadata.url = current.metadata.url ?? Self.webAddress(value)
            case "guid", "id": current.guid = current.guid ?? value
            case "pubDate", "published", "date", "updated":
                current.metadata.date = current.metadata.date ?? DateParser.isoDate(in: value)
            case "encoded", "content": current.content = current.content ?? value
            case "description", "summary", "subtitle": current.summary = current.summary ?? value
            case "duration": current.metadata.duration = Int(value) ?? Timestamp.seconds(value)
            case "episode": current.metadata.episode = value
            default: break
            }
            item = current
            return nil
        }

        /// `text` as an absolute web address, or nil.
        private static func webAddress(_ text: String) -> String? {
            LinkResolver.resolve(text[...], base: nil).map(String.init)
        }

        /// Whether the text of `name` is kept.
        private func wanted(_ name: String, _ space: String) -> Bool {
            switch name {
            case "title", "link", "guid", "id", "pubDate", "published", "updated", "date",
                "description", "summary", "duration", "episode":
                return true
            case "encoded": return space == FeedReader.content
            case "content": return space == FeedReader.atom
            case "subtitle": return space == FeedReader.itunes
            default: return false
            }
        }
    }
}
