import Foundation

/// Decides what kind of document a text is, from its content alone.
///
/// In order: an explicit `kind:` in front matter or header lines; a chapter list (three or
/// more timestamped lines, mostly in time order), an episode's length stated at the top,
/// or links to the episode on two or more podcast apps, makes show notes; a Markdown document
/// dense with links is a newsletter; posts (headers per post, reaction lines, greetings and
/// sign-offs) make a thread; Markdown with a heading and a few links, or a list of five or
/// more items that each open with a link, is a newsletter; anything else is a plain
/// document.
enum KindDetector {
    static func detect(blocks: [Block], metadata: Metadata, isMarkdown: Bool) -> DocumentKind {
        if let kind = metadata.kind { return kind }
        // One pass for the counts; blocks are read in place, not copied out of the array.
        var linkCount = 0
        var headings = 0
        var postHeaders = 0
        var markers = 0
        var linkItems = 0
        blocks.withUnsafeBufferPointer { blocks in
            for index in blocks.indices {
                linkCount += blocks[index].links.count
                if blocks[index].isLinkItem { linkItems += 1 }
                if blocks[index].isHeading { headings += 1 }
                if PostSignals.isPostHeader(blocks[index]) { postHeaders += 1 }
                // Chapters may be headings (`#### [@01:11] - Title`) as well as lines.
                if markers < 3 { markers += markerLineCount(blocks[index].utf8) }
            }
        }
        // Three or more chapter markers by the cheap count: confirm on the real chapter
        // list (mostly in time order; see `ShowNotesParser`).
        if markers >= 3, ShowNotesParser.hasChapters(DocumentLine.lines(of: blocks)) {
            return .showNotes
        }
        // An episode without chapters still states its length at the top (`Duration: 10
        // mins 52 secs`, `duration:` in front matter); a newsletter does not.
        if metadata.duration != nil
            || (Metadata.mayStateDuration(blocks)
                && Metadata.leading(blocks).metadata.duration != nil)
        {
            return .showNotes
        }
        // An episode page links to itself on podcast apps: two or more of them.
        if isMarkdown, linkCount > 0, listenPlatforms(blocks) >= 2 { return .showNotes }
        if isMarkdown, linkCount >= 10, headings >= 2, postHeaders < 2 { return .newsletter }
        if isThread(blocks, postHeaders: postHeaders) { return .thread }
        if isMarkdown, headings > 0, linkCount >= 3 { return .newsletter }
        // A digest with no headings at all: a list of items that each open with a link.
        if isMarkdown, linkItems >= 5 { return .newsletter }
        return .document
    }

    /// Addresses of one episode on a podcast app, after `https://`, and what else the
    /// address must hold: Apple Podcasts (an episode's `?i=`), Spotify, Overcast, Pocket
    /// Casts, Castro, Podcast Addict, YouTube Music's podcasts.
    private static let episodePages: [(host: [UInt8], needs: [UInt8]?)] = [
        ("podcasts.apple.com/", "?i="), ("open.spotify.com/episode/", nil),
        ("overcast.fm/+", nil), ("pca.st/", nil), ("castro.fm/episode/", nil),
        ("podcastaddict.com/", "/episode/"), ("music.youtube.com/podcast/", nil),
    ].map { (Array($0.0.utf8), $0.1.map { Array($0.utf8) }) }

    /// The first bytes of `episodePages`' hosts: most links stop at this check.
    private static let episodePageInitials = ByteSet(episodePages.map { $0.host[0] })

    /// How many podcast apps the document links an episode on.
    ///
    /// Runs on every link of every document: bytes only.
    private static func listenPlatforms(_ blocks: [Block]) -> Int {
        var found: UInt8 = 0
        blocks.withUnsafeBufferPointer { blocks in
            for block in blocks.indices {
                blocks[block].links.withRecords { records, strings in
                    for record in records {
                        guard let url = record.url, url.count > 12 else { continue }
                        let bytes = UnsafeBufferPointer(rebasing: strings[url])
                        guard bytes.hasBytes("https://"), episodePageInitials.contains(bytes[8])
                        else { continue }
                        let rest = UnsafeBufferPointer(rebasing: bytes[8...])
                        for index in episodePages.indices
                        where rest.hasBytes(episodePages[index].host)
                            && (episodePages[index].needs.map { needle in
                                rest.firstRange(of: needle) != nil
                            } ?? true)
                        {
                            found |= 1 << index
                        }
                    }
                }
            }
        }
        return found.nonzeroBitCount
    }

    /// How many lines of `text` are chapter markers (`Timestamp.marker` rules most lines
    /// out by their first and last bytes, so prose costs one pass over its bytes).
    private static func markerLineCount(_ utf8: SharedSlice<UInt8>) -> Int {
        utf8.withUnsafeBufferPointer { bytes in
            var count = 0
            var start = 0
            while start < bytes.count {
                let end =
                    memchr(bytes.baseAddress! + start, 10, bytes.count - start)
                    .map { UnsafeRawPointer($0) - UnsafeRawPointer(bytes.baseAddress!) }
                    ?? bytes.count
                var first = start
                while first < end, bytes[first] == 32 || bytes[first] == 9 { first += 1 }
                if Timestamp.marker(utf8: UnsafeBufferPointer(rebasing: bytes[first..<end])) != nil
                {
                    count += 1
                }
                start = end + 1
            }
            return count
        }
    }

    /// Reactions, greetings and sign-offs, read line by line; `postHeaders` were counted
    /// with the headings.
    private static func isThread(_ blocks: [Block], postHeaders headers: Int) -> Bool {
        var reactions = 0
        var greetings = 0
        var signOffs = 0
        blocks.withUnsafeBufferPointer { blocks in
            for index in blocks.indices where !blocks[index].isHeading {
                blocks[index].utf8.withUnsafeBufferPointer { bytes in
                    var start = 0
                    while start <= bytes.count {
                        var end = start
                        while end < bytes.count, bytes[end] != 10 { end += 1 }
                        let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                        if PostSignals.reactionCount(utf8: line) != nil { reactions += 1 }
                        if start == 0, PostSignals.isGreeting(utf8: line) { greetings += 1 }
                        if end == bytes.count, PostSignals.isSignOff(utf8: line) { signOffs += 1 }
                        start = end + 1
                    }
                }
            }
        }
        return headers >= 2 || reactions >= 2 || (reactions >= 1 && greetings + signOffs >= 1)
            || (greetings >= 2 && signOffs >= 1)
    }
}
