import CLibXML2
import Foundation

/// Reads RSS 2.0 and Atom feeds with libxml2's streaming reader (`xmlTextReader`): one
/// pass over the file, no tree of a large feed.
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
        _ = initialised
        guard let base = bytes.baseAddress else { return nil }
        let reader = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            xmlReaderForMemory($0, Int32(bytes.count), nil, "UTF-8", options)
        }
        guard let reader else { return nil }
        defer { xmlFreeTextReader(reader) }
        return walk(reader, each: each)
    }

    /// The feed in a file, read a part at a time (never held whole), its items handed to
    /// `each` as in `read(_:each:)`; `input` checks and hashes every byte on the way.
    ///
    /// Nil when the file is not a feed, or when `input` refused its bytes (not UTF-8, a
    /// control character): then it is read whole, as any file is.
    static func read(
        _ input: FeedInput, each: (Feed.Item, _ feedTitle: String?) -> Void
    ) -> Feed? {
        _ = initialised
        let context = Unmanaged.passUnretained(input).toOpaque()
        let reader = xmlReaderForIO(
            { context, buffer, length in
                guard let context, let buffer else { return -1 }
                let input = Unmanaged<FeedInput>.fromOpaque(context).takeUnretainedValue()
                return input.read(into: buffer, count: Int(length))
            },
            { _ in 0 }, context, nil, "UTF-8", options)
        guard let reader else { return nil }
        defer { xmlFreeTextReader(reader) }
        let feed = walk(reader, each: each)
        // libxml2 may stop before the end (after the root element): the rest is read too,
        // so the hash and the check cover the whole file.
        guard input.finish(), let feed else { return nil }
        return feed
    }

    private static let options = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
            // The text is UTF-8 by now, whatever its declaration says (see `Charset`).
            | XML_PARSE_IGNORE_ENC.rawValue)

    /// Walks `reader` to the end, handing each item to `each`; nil when it is not XML.
    private static func walk(
        _ reader: xmlTextReaderPtr, each: (Feed.Item, _ feedTitle: String?) -> Void
    ) -> Feed? {
        var walk = Walk()
        var items = 0
        var status = xmlTextReaderRead(reader)
        while status == 1 {
            if let item = walk.step(reader) {
                each(item, walk.feed.title)
                items += 1
            }
            status = xmlTextReaderRead(reader)
        }
        guard status == 0 || items > 0 else { return nil }
        return walk.feed
    }

    /// The reader's state while walking the feed.
    private struct Walk {
        var feed = Feed()
        var item: Feed.Item?
        /// Depth of the item element, while inside one.
        var itemDepth = -1
        /// The element whose text is being gathered, and the text so far.
        var field: String?
        var text = ""
        var depth = 0

        /// Reads the reader's current node; returns an item when the node ends one.
        mutating func step(_ reader: xmlTextReaderPtr) -> Feed.Item? {
            switch xmlTextReaderNodeType(reader) {
            case 1:  // element
                let name = Self.string(xmlTextReaderConstLocalName(reader)) ?? ""
                let space = Self.string(xmlTextReaderConstNamespaceUri(reader)) ?? ""
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                open(name, space, reader, isEmpty: isEmpty)
                if !isEmpty { depth += 1 }
            case 15:  // end of element
                depth -= 1
                return close(Self.string(xmlTextReaderConstLocalName(reader)) ?? "", depth: depth)
            case 3, 4, 13, 14:  // text, CDATA, whitespace
                if field != nil, let value = Self.string(xmlTextReaderConstValue(reader)) {
                    text += value
                }
            default:
                break
            }
            return nil
        }

        private mutating func open(
            _ name: String, _ space: String, _ reader: xmlTextReaderPtr, isEmpty: Bool
        ) {
            if item == nil, name == "item" || (name == "entry" && space == FeedReader.atom) {
                item = Feed.Item()
                itemDepth = depth
                return
            }
            if space == FeedReader.itunes, item != nil { item?.hasPodcastTags = true }
            switch (name, space) {
            case ("enclosure", _):
                let type = Self.attribute(reader, "type")
                item?.enclosureType = type
            case ("link", FeedReader.atom):
                let rel = Self.attribute(reader, "rel") ?? "alternate"
                let href = Self.attribute(reader, "href")
                if rel == "alternate", item != nil, item?.metadata.url == nil {
                    item?.metadata.url = href.flatMap(Self.webAddress)
                }
            case ("chapter", FeedReader.podlove):
                if let start = Self.attribute(reader, "start"),
                    let title = Self.attribute(reader, "title")
                {
                    item?.chapters.append((start, title))
                }
            default:
                guard !isEmpty, wanted(name, space) else { return }
                field = name
                text = ""
            }
        }

        /// Ends an element; returns the item it ends, if it ends one.
        private mutating func close(_ name: String, depth closing: Int) -> Feed.Item? {
            if item != nil, closing == itemDepth, name == "item" || name == "entry" {
                defer {
                    item = nil
                    itemDepth = -1
                }
                return item
            }
            guard let field, field == name else { return nil }
            self.field = nil
            let value = text.trimmingWhitespace()
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

        private static func attribute(_ reader: xmlTextReaderPtr, _ name: String) -> String? {
            // Read in place: moving to the attribute needs nothing freed.
            guard xmlTextReaderMoveToAttribute(reader, name) == 1 else { return nil }
            defer { xmlTextReaderMoveToElement(reader) }
            return string(xmlTextReaderConstValue(reader))
        }

        private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
