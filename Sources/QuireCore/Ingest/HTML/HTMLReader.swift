import CLibXML2

/// Reads HTML (an HTML block inside Markdown, as forum archives hold post bodies) into
/// blocks with libxml2's HTML parser.
///
/// Text reads as text, not tags: whitespace collapses as a browser shows it (kept inside
/// `<pre>`), block elements (`<p>`, `<div>`, `<li>`, headings, `<blockquote>`, `<aside>`)
/// part blocks, `<br>` breaks a line. `<a href>` becomes a link with its text; an anchor
/// that wraps only an image takes the image's `title` or `alt`; a mention or hashtag
/// (`class="mention"`) is text, not a link. Images, scripts, styles
/// and templates are no text and no links; `data:` and `javascript:` addresses are
/// dropped later, with every link's, by `LinkResolver`. Text inside `<blockquote>` is
/// marked quoted.
enum HTMLReader {
    /// libxml2 sets up its globals once, before threads parse.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// The blocks of `html`; the first has `blankLinesBefore`.
    static func blocks(from html: String, blankLinesBefore: Int = 0) -> [Block] {
        var html = html
        return html.withUTF8 { blocks(fromUTF8: $0, blankLinesBefore: blankLinesBefore) }
    }

    /// The blocks of the HTML whose UTF-8 is `bytes`; see `blocks(from:)`.
    static func blocks(fromUTF8 bytes: UnsafeBufferPointer<UInt8>, blankLinesBefore: Int = 0)
        -> [Block]
    {
        guard let document = parse(bytes) else { return [] }
        defer { xmlFreeDoc(document) }
        var walker = Walker()
        var node = xmlDocGetRootElement(document)
        while let current = node {
            walker.visit(current)
            node = current.pointee.next
        }
        walker.finish()
        if !walker.blocks.isEmpty { walker.blocks[0].blankLinesBefore = blankLinesBefore }
        return walker.blocks
    }

    /// The blocks of the element `root` and all inside it.
    ///
    /// In a page (`inPage`), chrome is skipped and each post marked up as one gets a
    /// heading (see `HTMLPage`).
    static func blocks(of root: xmlNodePtr, inPage: Bool) -> [Block] {
        var walker = Walker()
        walker.inPage = inPage
        walker.visit(root)
        walker.finish()
        return walker.blocks
    }

    /// The `href` and `title` of an opening anchor tag given alone (`<a href="…">`, as
    /// inline HTML in a Markdown paragraph holds it), read by the same parser; nil when
    /// the tag is no anchor with an address, or a mention.
    static func anchor(_ tag: String) -> (href: String, title: String?)? {
        guard let document = parse(tag) else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document),
            let node = HTMLPage.first(in: root, where: { HTMLPage.isElement($0, "a") }),
            let href = HTMLReader.attribute(node, "href"), !Walker.isProfileLink(node)
        else { return nil }
        return (href, HTMLReader.attribute(node, "title"))
    }

    /// An attribute's value, read from the node's own list (nothing to free).
    static func attribute(_ node: xmlNodePtr, _ name: StaticString) -> String? {
        var property = node.pointee.properties
        while let current = property {
            if let own = current.pointee.name,
                equalsIgnoringCase(own, name.utf8Start, name.utf8CodeUnitCount)
            {
                // Almost always one text node with nothing to take out: read in place.
                if let only = current.pointee.children, only.pointee.next == nil,
                    let content = only.pointee.content
                {
                    var bytes = UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))
                    while let first = bytes.first, isASCIIWhitespace(first) {
                        bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst())
                    }
                    while let last = bytes.last, isASCIIWhitespace(last) {
                        bytes = UnsafeBufferPointer(rebasing: bytes.dropLast())
                    }
                    if !TerminalText.mayHoldControls(bytes) {
                        return bytes.isEmpty ? nil : UTF8Text.string(bytes)
                    }
                }
                var text = ""
                var child = current.pointee.children
                while let piece = child {
                    if let content = piece.pointee.content { text += String(cString: content) }
                    child = piece.pointee.next
                }
                let value = TerminalText.removingControls(from: text).trimmingWhitespace()
                return value.isEmpty ? nil : value
            }
            property = current.pointee.next
        }
        return nil
    }

    /// Whether the NUL-terminated `name` is `count` bytes at `lower` (lower-case ASCII),
    /// ignoring ASCII case: how element and attribute names are compared, in place.
    static func equalsIgnoringCase(
        _ name: UnsafePointer<xmlChar>, _ lower: UnsafePointer<UInt8>, _ count: Int
    ) -> Bool {
        for index in 0..<count {
            let byte = name[index]
            guard byte != 0 else { return false }
            let folded = byte >= 65 && byte <= 90 ? byte | 0x20 : byte
            if folded != lower[index] { return false }
        }
        return name[count] == 0
    }

    /// `html` parsed as UTF-8, recovering from errors, silently, with no network; the
    /// caller frees the document.
    private static func parse(_ html: String) -> htmlDocPtr? {
        var html = html
        return html.withUTF8 { parse($0) }
    }

    /// `bytes` (UTF-8) parsed as HTML, as `parse(_:)` does a string; the caller frees the
    /// document.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> htmlDocPtr? {
        _ = initialised
        return bytes.withMemoryRebound(to: CChar.self) { chars in
            htmlReadMemory(
                chars.baseAddress, Int32(chars.count), nil, "UTF-8",
                Int32(
                    HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
                        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
                        | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
                        | HTML_PARSE_NOBLANKS.rawValue))
        }
    }

    /// Elements whose content is no reading text.
    private static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "img", "svg", "video", "audio", "iframe",
        "head", "title", "meta", "link", "button", "form", "input", "select", "textarea",
    ]

    /// Elements that start and end a block of their own.
    private static let blockElements: Set<String> = [
        "p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "figure",
        "figcaption", "blockquote", "pre", "table", "tr", "td", "th", "ul", "ol", "li", "dl", "dt",
        "dd", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "details", "summary", "body", "html",
    ]

    private struct Walker {
        var blocks: [Block] = []
        var bytes: [UInt8] = []
        var links: [LinkSpan] = []
        var kind: Block.Kind = .paragraph
        var listDepth = 0
        var quoteDepth = 0
        var preDepth = 0
        /// The last byte written was a space (or nothing): collapse what follows.
        var pendingSpace = false
        /// Walking a whole page rather than a fragment: skip chrome, head posts.
        var inPage = false

        mutating func visit(_ node: xmlNodePtr) {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    let raw = UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))
                    if let cleaned = TerminalText.removingControls(from: raw) {
                        cleaned.bytes.withUnsafeBufferPointer { text($0) }
                    } else {
                        text(raw)
                    }
                }
            case XML_ELEMENT_NODE:
                element(node)
            default:
                break  // comments, processing instructions
            }
        }

        private mutating func children(of node: xmlNodePtr) {
            var child = node.pointee.children
            while let current = child {
                visit(current)
                child = current.pointee.next
            }
        }

        /// Element names as read, by libxml2's pointer: the parser keeps one copy of each
        /// name per document, so each is lower-cased and looked up once.
        private var names: [UnsafePointer<xmlChar>: (name: String, skipped: Bool, block: Bool)] =
            [:]

        private mutating func element(_ node: xmlNodePtr) {
            guard let pointer = node.pointee.name else { return }
            let known: (name: String, skipped: Bool, block: Bool)
            if let found = names[pointer] {
                known = found
            } else {
                let name = String(cString: pointer).lowercased()
                known = (
                    name, HTMLReader.skipped.contains(name), HTMLReader.blockElements.contains(name)
                )
                names[pointer] = known
            }
            if known.skipped { return }
            let name = known.name
            if inPage {
                if HTMLPage.isChrome(node, name: name) || HTMLPage.isPostByline(node) { return }
                if let heading = HTMLPage.postHeading(node) {
                    finish()
                    blocks.append(Block(kind: .heading(level: 2), text: heading, links: []))
                }
            }
            switch name {
            case "br":
                bytes.append(10)
                pendingSpace = false
                return
            case "a":
                anchor(node)
                return
            default:
                break
            }
            guard known.block else {
                children(of: node)
                return
            }
            finish()
            // Mail clients wrap the quoted message, its attribution line too, in a `div`.
            let quotes = name == "blockquote" || (name == "div" && Self.isMailQuote(node))
            if quotes { quoteDepth += 1 }
            switch name {
            case "ul", "ol": listDepth += 1
            case "pre": preDepth += 1
            case "li": kind = .listItem(depth: max(1, listDepth))
            case "h1", "h2", "h3", "h4", "h5", "h6":
                kind = .heading(level: Int(name.dropFirst())!)
            default: break
            }
            children(of: node)
            finish()
            if quotes { quoteDepth -= 1 }
            switch name {
            case "ul", "ol": listDepth -= 1
            case "pre": preDepth -= 1
            default: break
            }
        }

        private mutating func anchor(_ node: xmlNodePtr) {
            let href = HTMLReader.attribute(node, "href")
            let start = bytes.count
            children(of: node)
            if bytes.count == start {
                // Only an image inside: its title or alt names the link.
                if var named = imageName(in: node) { named.withUTF8 { text($0) } }
            }
            // Trailing spaces are not the link's.
            var end = bytes.count
            while end > start, bytes[end - 1] == 32 { end -= 1 }
            var lower = start
            while lower < end, bytes[lower] == 32 { lower += 1 }
            guard let href, lower < end, !Self.isProfileLink(node) else { return }
            let title = HTMLReader.attribute(node, "title")
            // An editor that split a word across anchors to one address
            // (`<a href=x>D</a><a href=x>ata</a> <a href=x>Model</a>`) made one link.
            if var last = links.last, last.range.upperBound <= lower,
                bytes[last.range.upperBound..<lower].allSatisfy({ $0 == 32 }),
                let previous = last.url, previous == href
            {
                last.range = last.range.lowerBound..<end
                links[links.count - 1] = last
                return
            }
            links.append(LinkSpan(range: lower..<end, url: href, title: title))
        }

        /// A mail client's wrapper of the message quoted in a reply (Gmail's `gmail_quote`,
        /// Thunderbird's `moz-cite-prefix`, Yahoo's `yahoo_quoted`, Proton's).
        static func isMailQuote(_ node: xmlNodePtr) -> Bool {
            guard let classes = attribute(node, "class") else { return false }
            return classes.split(separator: " ").contains {
                $0 == "gmail_quote" || $0 == "moz-cite-prefix" || $0 == "yahoo_quoted"
                    || $0 == "protonmail_quote"
            }
        }

        /// A mention or hashtag (`<a class="mention" href="/u/lassoan">@lassoan</a>`, as
        /// Discourse and Mastodon write them): a person's or tag's page, read as text.
        static func isProfileLink(_ node: xmlNodePtr) -> Bool {
            guard let classes = attribute(node, "class") else { return false }
            return classes.split(separator: " ").contains {
                $0 == "mention" || $0 == "mention-group" || $0 == "hashtag"
            }
        }

        private func imageName(in node: xmlNodePtr) -> String? {
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE,
                    String(cString: current.pointee.name).lowercased() == "img"
                {
                    return HTMLReader.attribute(current, "title")
                        ?? HTMLReader.attribute(current, "alt")
                }
                if let found = imageName(in: current) { return found }
                child = current.pointee.next
            }
            return nil
        }

        private mutating func text(_ content: UnsafeBufferPointer<UInt8>) {
            if preDepth > 0 {
                bytes.append(contentsOf: content)
                pendingSpace = false
                return
            }
            // Runs of non-space bytes are copied whole.
            var index = 0
            while index < content.count {
                if isASCIIWhitespace(content[index]) {
                    pendingSpace = true
                    index += 1
                    continue
                }
                if pendingSpace, let last = bytes.last, last != 32, last != 10 {
                    bytes.append(32)
                }
                pendingSpace = false
                var end = index + 1
                while end < content.count, !isASCIIWhitespace(content[end]) { end += 1 }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: content[index..<end]))
                index = end
            }
        }

        mutating func finish() {
            defer {
                bytes.removeAll(keepingCapacity: true)
                links.removeAll(keepingCapacity: true)
                kind = listDepth > 0 ? .listItem(depth: listDepth) : .paragraph
                pendingSpace = false
            }
            // Trim the ends; spans keep their places.
            var end = bytes.count
            while end > 0, isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
            guard bytes[..<end].contains(where: { !isASCIIWhitespace($0) }) else { return }
            var finished = kind
            if preDepth > 0 { finished = .code }
            var block = Block(
                kind: finished, utf8: Array(bytes[..<end]),
                links: links.map { $0.with(range: $0.range.clamped(to: 0..<end)) })
            block.quoted = quoteDepth > 0
            blocks.append(block)
        }
    }
}
