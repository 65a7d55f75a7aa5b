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
    }

    /// Runs `stage` on `bytes`; traps (so libFuzzer records a crash) when an invariant
    /// breaks.
    public static func run(_ stage: Stage, _ bytes: UnsafeBufferPointer<UInt8>) {
        if stage == .stateFile {
            fuzzStateFile(Data(buffer: bytes))
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
        case .stateFile:
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
}
