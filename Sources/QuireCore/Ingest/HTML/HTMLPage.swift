import CLibXML2

/// A saved web page (a newsletter's web version, an article, a forum thread page): what
/// its `<head>` says about it, and its main content as blocks.
///
/// Parsed with libxml2's HTML parser. The main content is found by structure: the page's
/// `<article>` (the common parent of several; a comment marked up as one does not count), else `<main>` or `role="main"`, else the
/// element that holds the most paragraph text (each paragraph counting for its parent and,
/// half, its grandparent). Inside it, navigation, footers, asides that are not quotes,
/// forms and share, subscribe, comment-form and related-posts chrome are dropped. Posts
/// marked up with schema.org microdata (`itemtype="…/Comment"`,
/// `…/DiscussionForumPosting`, as Discourse and other forums write their pages) each get a
/// heading that names the author, time and number, so the thread parser finds them.
/// The title is the first `<h1>` of the content when the page's title holds it, else
/// `og:title`, `<title>` or that heading; the date comes from `article:published_time`,
/// a date `<meta>`, or the first `<time datetime>`; `<link rel="canonical">` (else
/// `og:url`) is the page's address, and `<base href>` (else that address) resolves
/// relative links.
enum HTMLPage {
    /// Whether `bytes` open as an HTML page: `<!DOCTYPE html` or `<html` first, after
    /// whitespace and comments.
    static func looksLikePage(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let rest = MarkupOpening.firstTag(bytes, skippingDeclarations: false) else {
            return false
        }
        let opening = rest.prefix(14).lowercased()
        return opening.hasPrefix("<!doctype html") || opening.hasPrefix("<html")
    }

    /// The page's blocks and metadata; nil when libxml2 reads no document.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> (blocks: [Block], metadata: Metadata)?
    {
        let document = HTMLReader.parse(bytes)
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let html = xmlDocGetRootElement(document) else { return nil }

        var head = Head()
        if let headElement = first(in: html, where: { isElement($0, "head") }) {
            head.read(headElement)
        }
        let body = first(in: html, where: { isElement($0, "body") }) ?? html
        let root = mainContent(of: body)
        let blocks = HTMLReader.blocks(of: root, inPage: true)

        var metadata = Metadata()
        metadata.url = head.canonical ?? head.meta["og:url"]
        metadata.source = head.meta["og:site_name"]
        let heading = first(in: root, where: { isElement($0, "h1") }).map(text(of:))?
            .collapsingWhitespace()
        let named = head.meta["og:title"] ?? head.title
        if let heading, !heading.isEmpty, named?.contains(heading) != false {
            metadata.title = heading
        } else {
            metadata.title = named ?? heading
        }
        let published =
            publishedKeys.lazy.compactMap { head.meta[$0] }.first
            ?? first(in: root, where: { isElement($0, "time") }).flatMap {
                HTMLReader.attribute($0, "datetime")
            }
        metadata.date = published.flatMap(DateParser.isoDate(in:)) ?? dateline(in: blocks)
        // Relative links resolve against `<base href>` (itself relative to the page's
        // address), else the address; made absolute here, so the parsers see them whole.
        let base =
            head.baseHref.flatMap { LinkResolver.resolve($0[...], base: metadata.url) }
            .map(String.init) ?? metadata.url
        metadata.url = metadata.url ?? base
        return (blocks.map { resolvingLinks(of: $0, against: base) }, metadata)
    }

    /// `<meta>` names and properties that give the publication date, as sites write them.
    private static let publishedKeys = [
        "article:published_time", "date", "dc.date", "dc.date.issued", "dcterms.date",
        "pubdate", "publishdate", "publish-date", "publish_date", "datepublished",
        "article.published", "sailthru.date", "parsely-pub-date",
    ]

    /// The date of a byline at the top of the content, for a page whose markup gives none
    /// (`Tuesday 15 October 2019 by Bradley M. Kuhn`, `Posted on March 3, 2024`): a short
    /// block among the first three that is a date alone or says who or when it was posted.
    static func dateline(in blocks: [Block]) -> String? {
        for block in blocks.prefix(3) where block.utf8.count <= 120 {
            let text = block.text.collapsingWhitespace()
            guard let date = DateParser.isoDate(in: text) else { continue }
            let words = Set(text.lowercased().split(whereSeparator: { !$0.isLetter }))
            if DateParser.isDateOnly(text)
                || !words.isDisjoint(with: ["by", "posted", "published", "updated", "written"])
            {
                return date
            }
        }
        return nil
    }

    /// `block` with its relative link destinations made absolute against `base`.
    private static func resolvingLinks(of block: Block, against base: String?) -> Block {
        guard let base else { return block }
        var resolved = block
        let links = block.links.map { span -> LinkSpan in
            guard let url = span.url, let absolute = LinkResolver.resolve(url, base: base),
                absolute != url
            else { return span }
            return LinkSpan(
                range: span.range, url: String(absolute), title: span.title.map(String.init))
        }
        resolved.links = BlockLinks(links)
        return resolved
    }

    /// The blocks of a whole document's `<body>`, its chrome left out as in a page: an
    /// HTML email, which has no site around its content to find the content in.
    static func bodyBlocks(_ bytes: UnsafeBufferPointer<UInt8>) -> [Block] {
        guard let document = HTMLReader.parse(bytes) else { return [] }
        defer { xmlFreeDoc(document) }
        guard let html = xmlDocGetRootElement(document) else { return [] }
        let body = first(in: html, where: { isElement($0, "body") }) ?? html
        return HTMLReader.blocks(of: body, inPage: true)
    }

    /// What `<head>` says.
    private struct Head {
        var title: String?
        var canonical: String?
        var baseHref: String?
        /// `<meta>` contents by `property` or `name`, lower-cased.
        var meta: [String: String] = [:]

        mutating func read(_ head: xmlNodePtr) {
            var child = head.pointee.children
            while let node = child {
                defer { child = node.pointee.next }
                guard node.pointee.type == XML_ELEMENT_NODE else { continue }
                switch name(node) {
                case "title":
                    title = text(of: node).collapsingWhitespace()
                    if title?.isEmpty == true { title = nil }
                case "meta":
                    let key =
                        HTMLReader.attribute(node, "property") ?? HTMLReader.attribute(node, "name")
                    if let key, let content = HTMLReader.attribute(node, "content") {
                        meta[key.lowercased()] = meta[key.lowercased()] ?? content
                    }
                case "link":
                    let rel = HTMLReader.attribute(node, "rel")?.lowercased()
                    if rel == "canonical", let href = HTMLReader.attribute(node, "href") {
                        canonical = canonical ?? href
                    }
                case "base":
                    baseHref = baseHref ?? HTMLReader.attribute(node, "href")
                default:
                    break
                }
            }
        }
    }

    // MARK: Main content

    /// The element that holds the page's reading.
    static func mainContent(of body: xmlNodePtr) -> xmlNodePtr {
        // A comment marked up as an `<article>` (as blog themes write them) is no article.
        let articles = all(
            in: body, where: { isElement($0, "article") && postType($0) != "Comment" })
        if articles.count == 1 { return articles[0] }
        if articles.count > 1 { return commonAncestor(articles) ?? body }
        if let main = first(
            in: body,
            where: {
                isElement($0, "main") || HTMLReader.attribute($0, "role") == "main"
            })
        {
            return main
        }
        let posts = all(in: body, where: { postType($0) != nil })
        if posts.count > 1, let thread = commonAncestor(posts) { return thread }
        return densest(in: body) ?? body
    }

    /// The element whose paragraphs hold the most text.
    ///
    /// Each paragraph (`<p>`, `<pre>`, a table cell of prose) adds its length to its
    /// parent and half to its grandparent. When that element holds less than 60 % of the page's paragraph text (one post of a
    /// thread, one story of a digest), its ancestors are taken until one does.
    private static func densest(in body: xmlNodePtr) -> xmlNodePtr? {
        var scores: [xmlNodePtr: Int] = [:]
        var lengths: [(node: xmlNodePtr, length: Int)] = []
        for paragraph in all(
            in: body, where: { isElement($0, "p") || isElement($0, "pre") || isElement($0, "td") })
        {
            let length = textLength(of: paragraph)
            guard length >= 25 else { continue }
            lengths.append((paragraph, length))
            if let parent = paragraph.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE {
                scores[parent, default: 0] += length
                if let grandparent = parent.pointee.parent,
                    grandparent.pointee.type == XML_ELEMENT_NODE
                {
                    scores[grandparent, default: 0] += length / 2
                }
            }
        }
        guard var best = scores.max(by: { $0.value < $1.value })?.key else { return nil }
        let total = lengths.reduce(0) { $0 + $1.length }
        func held(by node: xmlNodePtr) -> Int {
            lengths.reduce(0) { sum, paragraph in
                var current = paragraph.node.pointee.parent
                while let ancestor = current {
                    if ancestor == node { return sum + paragraph.length }
                    current = ancestor.pointee.parent
                }
                return sum
            }
        }
        while held(by: best) * 10 < total * 6, let parent = best.pointee.parent,
            parent.pointee.type == XML_ELEMENT_NODE, parent != body.pointee.parent
        {
            best = parent
        }
        return best
    }

    private static func commonAncestor(_ nodes: [xmlNodePtr]) -> xmlNodePtr? {
        func ancestors(_ node: xmlNodePtr) -> [xmlNodePtr] {
            var chain: [xmlNodePtr] = []
            var current = node.pointee.parent
            while let parent = current, parent.pointee.type == XML_ELEMENT_NODE {
                chain.append(parent)
                current = parent.pointee.parent
            }
            return chain
        }
        guard var shared = nodes.first.map(ancestors) else { return nil }
        for node in nodes.dropFirst() {
            let chain = Set(ancestors(node))
            shared = shared.filter { chain.contains($0) }
        }
        return shared.first
    }

    // MARK: Chrome and posts, asked by `HTMLReader` while it walks a page

    /// Words of `class` and `id` that mark page chrome, as whole words of the attribute
    /// (split at spaces, `-` and `_`).
    private static let chromeWords: Set<String> = [
        "share", "sharing", "social", "subscribe", "subscription", "signup", "newsletter",
        "related", "comments", "cookie", "cookies", "banner", "promo", "advert", "ads",
        "sidebar", "breadcrumb", "breadcrumbs", "pagination", "skip", "footer", "nav",
        "navbar", "menu", "toolbar",
    ]

    /// Whether the element is chrome inside a page's content.
    static func isChrome(_ node: xmlNodePtr, name: String) -> Bool {
        switch name {
        case "nav", "footer", "form": return true
        case "header": return isPageHeader(node)
        case "aside":
            let classes = HTMLReader.attribute(node, "class") ?? ""
            return !(classes.contains("quote") || classes.contains("onebox"))
        default:
            break
        }
        // Most elements have neither attribute: looked for in place before any string.
        var property = node.pointee.properties
        while let current = property {
            if let own = current.pointee.name,
                HTMLReader.equalsIgnoringCase(own, "class", 5)
                    || HTMLReader.equalsIgnoringCase(own, "id", 2)
            {
                var child = current.pointee.children
                while let piece = child {
                    if let content = piece.pointee.content,
                        String(cString: content).lowercased()
                            .split(whereSeparator: { " -_\t\n".contains($0) })
                            .contains(where: { chromeWords.contains(String($0)) })
                    {
                        return true
                    }
                    child = piece.pointee.next
                }
            }
            property = current.pointee.next
        }
        return false
    }

    /// A `<header>` that is the site's, not an article's: one holding navigation.
    private static func isPageHeader(_ node: xmlNodePtr) -> Bool {
        first(in: node, where: { isElement($0, "nav") }) != nil
    }

    /// The heading to give a post marked up with schema.org microdata, or nil when `node`
    /// is no post: `Post #3 by @maria (2024-09-16T13:01:59Z)`.
    static func postHeading(_ node: xmlNodePtr) -> String? {
        guard postType(node) != nil else { return nil }
        let author = first(in: node, where: { HTMLReader.attribute($0, "itemprop") == "author" })
            .map { author in
                (first(in: author, where: { HTMLReader.attribute($0, "itemprop") == "name" })
                    .map(text(of:)) ?? text(of: author)).collapsingWhitespace()
            }
        guard let author, !author.isEmpty else { return nil }
        let time = first(
            in: node, where: { HTMLReader.attribute($0, "itemprop") == "datePublished" }
        )
        .flatMap { HTMLReader.attribute($0, "datetime") ?? HTMLReader.attribute($0, "content") }
        let position = first(
            in: node, where: { HTMLReader.attribute($0, "itemprop") == "position" }
        )
        .map { text(of: $0).trimmingWhitespace() }
        var heading = "Post"
        if let position, Int(position) != nil { heading += " #" + position }
        heading += " by @" + String(author.map { $0 == " " ? "_" : $0 })
        if let time { heading += " (" + time + ")" }
        return heading
    }

    /// The schema.org type of a post (`Comment`, `DiscussionForumPosting`,
    /// `SocialMediaPosting`) the element is marked up as; nil for any other element.
    static func postType(_ node: xmlNodePtr) -> String? {
        guard let type = HTMLReader.attribute(node, "itemtype") else { return nil }
        let name = type.split(separator: "/").last.map(String.init) ?? ""
        return ["Comment", "DiscussionForumPosting", "SocialMediaPosting"].contains(name)
            ? name : nil
    }

    /// Whether the element states a post's author, time or number, which its heading
    /// already says.
    static func isPostByline(_ node: xmlNodePtr) -> Bool {
        guard let property = HTMLReader.attribute(node, "itemprop") else { return false }
        return ["author", "datePublished", "dateModified", "position"].contains(property)
    }

    // MARK: Tree helpers

    static func name(_ node: xmlNodePtr) -> String {
        String(cString: node.pointee.name).lowercased()
    }

    /// Whether `node` is the element `name` (lower-case ASCII), compared in place.
    static func isElement(_ node: xmlNodePtr, _ name: StaticString) -> Bool {
        guard let own = node.pointee.name else { return false }
        return HTMLReader.equalsIgnoringCase(own, name.utf8Start, name.utf8CodeUnitCount)
    }

    /// The length in UTF-8 bytes of the text inside `node`.
    static func textLength(of node: xmlNodePtr) -> Int {
        var length = 0
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { length += Int(xmlStrlen(content)) }
            case XML_ELEMENT_NODE:
                length += textLength(of: current)
            default:
                break
            }
            child = current.pointee.next
        }
        return length
    }

    /// The text inside `node`: its text nodes, in order.
    static func text(of node: xmlNodePtr) -> String {
        var text = ""
        func collect(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let current = child {
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content { text += String(cString: content) }
                case XML_ELEMENT_NODE:
                    collect(current)
                default:
                    break
                }
                child = current.pointee.next
            }
        }
        collect(node)
        return text
    }

    /// The first element below `node`, depth first, that satisfies `test`.
    static func first(in node: xmlNodePtr, where test: (xmlNodePtr) -> Bool) -> xmlNodePtr? {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                if test(current) { return current }
                if let found = first(in: current, where: test) { return found }
            }
            child = current.pointee.next
        }
        return nil
    }

    /// Every element below `node` that satisfies `test`, in document order (not below
    /// one that did).
    static func all(in node: xmlNodePtr, where test: (xmlNodePtr) -> Bool) -> [xmlNodePtr] {
        var found: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                if test(current) {
                    found.append(current)
                } else {
                    found += all(in: current, where: test)
                }
            }
            child = current.pointee.next
        }
        return found
    }
}
