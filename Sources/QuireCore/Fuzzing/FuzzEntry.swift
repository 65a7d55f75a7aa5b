import Foundation

/// Entry points for the libFuzzer targets in `Fuzz/` (see `scripts/fuzz`).
///
/// Each takes raw bytes, runs one stage of ingest or the state-file reader on them, and
/// checks what must hold whatever the input. Not API: imported with `@_spi(Fuzzing)`.
@_spi(Fuzzing)
public enum FuzzEntry {
    /// The stages a fuzz target can drive.
    public enum Stage: String, CaseIterable, Sendable {
        /// A whole file: decoding, a feed's items or the document's front matter, Markdown
        /// or plain text, kind, parser.
        case ingest
        /// md4c and the block walker alone.
        case markdown
        /// Each kind's parser on the same blocks, whatever the detector would say.
        case newsletter, showNotes = "show-notes", thread
        /// The kind detector.
        case kind
        /// YAML front matter (Yams).
        case frontMatter = "front-matter"
        /// HTML blocks (libxml2).
        case html
        /// The state file decoder.
        case stateFile = "state-file"
        /// The parsed-library cache's decoder: a document's issues written as a cache
        /// payload, which must read back equal, then damaged where the input's own bytes
        /// say, which must read back or be refused, never crash.
        case cache
    }

    /// Runs `stage` on `bytes`; traps (so libFuzzer records a crash) when an invariant
    /// breaks.
    public static func run(_ stage: Stage, _ bytes: UnsafeBufferPointer<UInt8>) {
        if stage == .stateFile {
            fuzzStateFile(Data(buffer: bytes))
            return
        }
        if stage == .cache {
            fuzzCache(bytes)
            return
        }
        if stage == .ingest {
            // As a file is loaded: email, declared charsets and the rest.
            switch Ingestor.read(Array(bytes), path: "fuzz") {
            case .success(.issues(let issues, _)): issues.forEach(check)
            case .success(.mail(let mailbox)):
                MailIssues.issues(mailbox.indices.map { mailbox.message($0) }).issues.forEach(check)
            case .failure: break
            }
            return
        }
        guard case .success(let decoded) = SourceFile.decode(Array(bytes), path: "fuzz")
        else { return }
        let source = SourceText(utf8: decoded.bytes)
        switch stage {
        case .ingest: break  // above
        case .markdown:
            check(source.body.withUnsafeBufferPointer { MarkdownReader.blocks(from: $0) })
        case .newsletter, .showNotes, .thread:
            let blocks = source.blocks()
            let metadata = Metadata(frontMatter: source.frontMatter)
            let parsed: ParsedDocument
            switch stage {
            case .newsletter: parsed = NewsletterParser.parse(blocks, metadata: metadata)
            case .showNotes:
                parsed = ShowNotesParser.parse(
                    blocks, metadata: metadata, isMarkdown: source.isMarkdown)
            default: parsed = ThreadParser.parse(blocks, metadata: metadata)
            }
            for section in parsed.sections { check(section) }
        case .kind:
            let blocks = source.blocks()
            let metadata = Metadata(frontMatter: source.frontMatter)
            let kind = KindDetector.detect(
                blocks: blocks, metadata: metadata, isMarkdown: source.isMarkdown)
            precondition(
                kind
                    == KindDetector.detect(
                        blocks: blocks, metadata: metadata, isMarkdown: source.isMarkdown))
        case .frontMatter:
            let (values, body) = FrontMatter.split(decoded.text)
            precondition(body.utf8.count <= decoded.text.utf8.count)
            for key in values.keys { precondition(key == key.lowercased()) }
        case .html:
            check(HTMLReader.blocks(from: decoded.text))
        case .stateFile, .cache:
            break
        }
    }

    private static func fuzzStateFile(_ data: Data) {
        let whole = try? StateFile.decode(data, path: "fuzz")
        // The lookup `quire mark` uses runs on anything (memory-safe under ASan); keys it
        // cannot see (escaped, mixed case) are a known limit, so only safety is checked.
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard StateLookup.looksWhole(bytes, newest: StateFile.version) else { return }
            var ids: Set<ItemID> = [ItemID(rawValue: 0x0123_4567_89ab_cdef)]
            if let whole { ids.formUnion(whole.items.keys.prefix(8)) }
            _ = try? StateLookup.snapshotItems(ids, in: bytes)
            _ = try? StateLookup.walkingKeys(ids, in: bytes)
            var journal = ReadState()
            _ = try? StateLookup.journalItems(ids, in: bytes, into: &journal, path: "fuzz")
        }
        guard let state = whole else { return }
        // What decodes, encodes and decodes to the same marks.
        let again = try? StateFile.decode(StateFile.encode(state), path: "fuzz")
        precondition(again == state, "state file did not round-trip")
    }

    private static func check(_ blocks: [Block]) {
        for block in blocks {
            for span in block.links {
                precondition(
                    span.range.lowerBound >= 0 && span.range.lowerBound <= span.range.upperBound)
            }
        }
    }

    private static func check(_ issue: Issue) {
        for section in issue.sections { check(section) }
    }

    private static func check(_ section: Section) {
        let text = section.text.utf8
        for link in section.links {
            if let anchor = link.anchor {
                precondition(anchor.upperBound <= text.count, "link anchor past the section's text")
            }
            if let url = link.url { precondition(!url.isEmpty) }
        }
        // Document text reaches the terminal only through the sanitiser: it never holds an
        // escape sequence the scanner would miss.
        _ = TerminalText.sanitized(section.title)
        precondition(!section.title.unicodeScalars.contains { $0.value == 0x1B })
    }

    /// See `Stage.cache`.
    private static func fuzzCache(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard
            case .success(.issues(let issues, let warnings)) = Ingestor.read(
                Array(bytes), path: "fuzz"),
            var payload = LibraryCache.encode(.issues(issues, warnings), path: "fuzz")
        else { return }
        func decoded(_ payload: [UInt8]) -> LibraryCache.Payload? {
            var stream = EntryStream(payload: payload)
            return try? LibraryCache.decode(&stream, path: "fuzz")
        }
        guard case .issues(let back, let warned)? = decoded(payload) else {
            preconditionFailure("a payload just written does not read back")
        }
        precondition(back == issues && warned == warnings, "a payload reads back changed")
        // Damage: four bytes flipped where a hash of the input says.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        for k in 0..<4 {
            let position = Int((hash >> UInt64(k * 16)) & 0xffff) % payload.count
            payload[position] ^= UInt8(truncatingIfNeeded: hash >> UInt64(k * 8)) | 1
        }
        // What a damaged payload reads as need not be a parse's (the checksum stands in
        // front of it), but every part of it must be safe to use.
        guard case .issues(let damaged, _)? = decoded(payload) else { return }
        for section in damaged.flatMap(\.sections) {
            let text = section.text.utf8.count
            for link in section.links {
                if let anchor = link.anchor { precondition(anchor.upperBound <= text) }
                _ = link.url?.utf8.count
            }
            section.links.withUTF8Parts { parts in
                for position in parts.records.indices { _ = parts.link(position) }
            }
        }
    }
}
