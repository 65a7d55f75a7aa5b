import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Loads documents into a `Library`: files → kind detection → parser → issue with ids.
public enum Ingestor {
    /// Parses one document's text into an issue.
    ///
    /// Pure: the same text always gives the same issue.
    ///
    /// - Parameters:
    ///   - text: The document, any line endings, with or without front matter.
    ///   - path: The path to record on the issue (it does not affect ids).
    /// - Returns: The issue, its sections and links, with ids assigned.
    public static func parse(text: String, path: String) -> Issue {
        parse(utf8: Array(text.utf8), path: path)
    }

    /// Parses one document given as valid UTF-8 (a file's bytes as `SourceFile` checked
    /// them); see `parse(text:path:)`.
    static func parse(utf8: [UInt8], path: String) -> Issue {
        let source = SourceText(utf8: utf8)
        var blocks = source.blocks()
        if source.isMarkdown { blocks = ArchiveFences.repair(blocks) }
        // HTML blocks inside Markdown (post bodies in forum archives) are read as HTML.
        if blocks.containsInPlace(where: { $0.kind == .html }) {
            blocks = blocks.flatMap { block in
                block.kind == .html
                    ? HTMLReader.blocks(from: block.text, blankLinesBefore: block.blankLinesBefore)
                    : [block]
            }
        }
        var metadata = Metadata(frontMatter: source.frontMatter)
        // Front matter's title, unless the first H1 says the same with its punctuation kept
        // (`Around Cursor Transforms Blender Like On Slicer` against `Around cursor
        // transforms (Blender-like) on Slicer`): then the heading's.
        if let title = metadata.title,
            let h1 = blocks.firstIndexInPlace(where: { $0.kind == .heading(level: 1) }),
            blocks[h1].text.foldedForComparison() == title.foldedForComparison()
        {
            metadata.title = blocks[h1].text.collapsingWhitespace()
        }
        return parse(blocks: blocks, metadata: metadata, isMarkdown: source.isMarkdown, path: path)
    }

    /// What one file holds, read from its bytes as they are on disk.
    enum LoadedFile: Sendable {
        /// A document's issue, or a feed's: with what was changed to read the file.
        case issues([Issue], [IngestWarning])
        /// Email, whose issues are made once every file's messages are known (a
        /// conversation may span files).
        case mail(Mailbox)
    }

    /// Reads one file's bytes: email (see `Mailbox`), else text in the charset it
    /// declares (see `Charset`), checked by `SourceFile`, and its issues.
    static func read(_ bytes: [UInt8], path: String) -> Result<LoadedFile, IngestFailure> {
        if let mailbox = Mailbox.read(bytes, path: path) { return mailbox.map { .mail($0) } }
        let (text, declared) = convertingDeclaredCharset(bytes, path: path)
        return SourceFile.decode(text, path: path).map {
            .issues(issues(utf8: $0.bytes, path: path), declared + $0.warnings)
        }
    }

    /// One file read from disk: what it holds, and the key the cache files it under (its
    /// status as opened and the hash of its bytes; nil when it could not be read, or was
    /// read without one).
    struct ReadFile {
        var result: Result<LoadedFile, IngestFailure>
        var key: (status: stat, hash: UInt64)?
    }

    /// Reads the file at `path`: a feed a part at a time (see `FeedInput`), any other file
    /// whole, then as `read(_:path:)` does; with `keyed`, its key for the cache too (a
    /// whole file's hash costs a pass over its bytes, which reading without a cache skips).
    static func read(path: String, keyed: Bool = true) -> ReadFile {
        let file: SourceFile.OpenFile
        switch SourceFile.OpenFile.open(path) {
        case .success(let opened): file = opened
        case .failure(let failure): return ReadFile(result: .failure(failure))
        }
        // A regular file under 16 MiB is read whole at once, one byte past its size to see
        // its end: its head is then all of it, and nothing is copied into a second buffer.
        // Anything else opens with 64 KiB, enough to tell a feed to stream.
        let size = Int(file.status.st_size)
        let head = file.read(
            upTo: file.isRegular && size < 16 << 20 ? max(64 << 10, size + 1) : 64 << 10)
        var bytes: Result<[UInt8], IngestFailure>
        if file.isRegular, file.failed == 0, Self.streams(head) {
            if let streamed = streamedFeed(file, head: head, path: path) { return streamed }
            // Its bytes need decoding: read whole, from the start, as any other file.
            bytes =
                file.rewind()
                ? file.readAll()
                : .failure(IngestFailure(path: path, reason: "cannot read it again"))
        } else {
            bytes = file.readAll(after: head)
        }
        switch bytes {
        case .success(let bytes):
            return ReadFile(
                result: read(bytes, path: path),
                key: keyed ? (file.status, ContentHash.of(bytes)) : nil)
        case .failure(let failure):
            return ReadFile(result: .failure(failure))
        }
    }

    /// Whether a file opening with `head` is a feed to read a part at a time: a feed in
    /// UTF-8 (a feed in another charset is converted whole first).
    private static func streams(_ head: [UInt8]) -> Bool {
        head.withUnsafeBufferPointer { head in
            FeedReader.looksLikeFeed(head) && Charset.declared(in: head) == nil
        }
    }

    /// A feed's issues, read from `file` a part at a time; nil when its bytes need what
    /// `SourceFile.decode` does (or it is not a feed after all).
    private static func streamedFeed(_ file: SourceFile.OpenFile, head: [UInt8], path: String)
        -> ReadFile?
    {
        let input = FeedInput(file, head: head)
        let made = FeedIssues(path: path)
        let feed = FeedReader.read(input, each: { made.add($0, feedTitle: $1) })
        let issues = made.issues(feedTitle: feed?.title)
        guard feed != nil, !input.refused else { return nil }
        return ReadFile(result: .success(.issues(issues, [])), key: (file.status, input.hash))
    }

    /// The issues of one file's text (not email): one per item of a feed, else the
    /// document's one.
    ///
    /// What the file is comes from its content, never its name: a feed, an HTML page, or
    /// else Markdown or plain text.
    static func issues(utf8: [UInt8], path: String) -> [Issue] {
        utf8.withUnsafeBufferPointer { bytes in
            if FeedReader.looksLikeFeed(bytes) {
                // Each item's HTML is read on its own, on all cores, while the feed is read.
                let made = FeedIssues(path: path)
                if let feed = FeedReader.read(bytes, each: { made.add($0, feedTitle: $1) }) {
                    return made.issues(feedTitle: feed.title)
                }
            }
            if HTMLPage.looksLikePage(bytes), let page = HTMLPage.read(bytes) {
                return [
                    parse(
                        blocks: page.blocks, metadata: page.metadata, isMarkdown: true, path: path)
                ]
            }
            return [parse(utf8: utf8, path: path)]
        }
    }

    /// Makes an issue of a document's blocks: its kind from `metadata` or its content,
    /// the kind's parser, then ids (from `identity` when given: a feed item's GUID).
    static func parse(
        blocks: [Block], metadata: Metadata, isMarkdown: Bool, path: String,
        identity: String? = nil
    ) -> Issue {
        let kind = KindDetector.detect(blocks: blocks, metadata: metadata, isMarkdown: isMarkdown)
        let parsed: ParsedDocument
        switch kind {
        case .newsletter:
            parsed = NewsletterParser.parse(blocks, metadata: metadata)
        case .showNotes:
            parsed = ShowNotesParser.parse(blocks, metadata: metadata, isMarkdown: isMarkdown)
        case .thread:
            parsed = ThreadParser.parse(blocks, metadata: metadata)
        case .document:
            parsed = DocumentParser.parse(blocks, metadata: metadata, isMarkdown: isMarkdown)
        }
        let date = parsed.metadata.date ?? metadata.date
        // A document with no title of its own is named by its file (`issue-4.markdown`).
        var title = parsed.title.collapsingWhitespace()
        if title.isEmpty {
            title = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        }
        var issue = Issue(
            title: title, kind: kind, path: path,
            url: parsed.metadata.url,
            date: date, source: parsed.metadata.source, episode: parsed.metadata.episode,
            duration: parsed.metadata.duration ?? metadata.duration,
            sections: parsed.sections)
        IssueIdentity.assign(to: &issue, key: identity)
        return issue
    }

    /// A file in the charset it declares (see `Charset`) converted to UTF-8; when its
    /// bytes do not fit the declaration, the bytes as they are and a warning.
    static func convertingDeclaredCharset(_ bytes: [UInt8], path: String)
        -> ([UInt8], [IngestWarning])
    {
        guard let charset = bytes.withUnsafeBufferPointer({ Charset.declared(in: $0) }) else {
            return (bytes, [])
        }
        if let converted = Charset.convert(bytes, from: charset) { return (converted, []) }
        return (
            bytes,
            [
                IngestWarning(
                    path: path, message: "declares \(charset), but is not in it; read as text")
            ]
        )
    }

    /// Loads every file named, recursing into folders (hidden entries skipped), in parallel.
    ///
    /// Files that cannot be loaded are listed in `Library.failures` and every other file
    /// still loads. Issues come in path order, and issues whose identity collides (two
    /// copies of one document) are told apart by file name. With a `cache`, a file whose
    /// entry is current is read from it instead of parsed, and every file parsed is
    /// stored there; the library is the same either way.
    /// - Parameters:
    ///   - paths: Files and folders, as the user named them.
    ///   - cache: Where parse results are kept between runs, if anywhere.
    ///   - progress: Called on the calling thread as files are read, in path order, at
    ///     most about every `interval` seconds: the issues read since the last call
    ///     (email aside, which comes in the returned library), with identity collisions
    ///     already told apart as the library will tell them apart, and how many files are
    ///     read of how many. The library returned is the whole of it, as without `progress`.
    public static func load(
        _ paths: [String], cache: LibraryCache? = nil, interval: Double = 0.05,
        progress: ((LoadProgress) -> Void)? = nil
    ) -> Library {
        var failures: [IngestFailure] = []
        var files: [String] = []
        for path in paths {
            switch FileExpansion.files(at: path) {
            case .success(let found): files += found
            case .failure(let failure): failures.append(failure)
            }
        }
        // Email is read in a second pass: an mbox's messages are read in parallel, and
        // a conversation's messages may sit in several files (a Maildir).
        let results: [FileRead]
        if let progress {
            results = readInOrder(files, cache: cache, interval: interval, progress: progress)
        } else {
            results = files.parallelMap { path in FileRead(path, cache: cache) }
        }
        // Issues in the order of their files; a conversation where its first message is.
        var placed: [(file: Int, issues: [Issue])] = []
        var warnings: [IngestWarning] = []
        var mail: [MailFile] = []
        for (file, read) in results.enumerated() {
            switch read.result {
            case .success(.issues(let found, let warned)):
                placed.append((file, found))
                warnings += warned
            case .success(.mail(let mailbox)):
                mail.append(MailFile(index: file, path: mailbox.path, read: read, mailbox: mailbox))
                warnings += mailbox.warnings
            case .failure(let failure):
                failures.append(failure)
            case nil:
                mail.append(MailFile(index: file, path: files[file], read: read, mailbox: nil))
                warnings += read.mailWarnings
            }
        }
        if !mail.isEmpty {
            let (mailIssues, mailWarnings) = conversations(of: mail, cache: cache)
            warnings += mailWarnings
            let fileOf = Dictionary(
                mail.map { ($0.path, $0.index) }, uniquingKeysWith: { a, _ in a })
            for issue in mailIssues {
                placed.append((fileOf[issue.path] ?? 0, [issue]))
            }
            // Each file's issues keep their order.
            placed = placed.enumerated().sorted { ($0.1.file, $0.0) < ($1.1.file, $1.0) }.map(\.1)
        }
        if let cache, results.contains(where: \.parsed) { cache.prune() }
        var issues = placed.flatMap(\.issues)
        IssueIdentity.separateCollisions(&issues)
        return Library(issues: issues, failures: failures, warnings: warnings)
    }

    /// Reads `files` on all cores, reporting each run of files read in path order.
    ///
    /// The files are read on a thread of their own (and the cores it spreads them over),
    /// so this thread only waits: for the next file in order, or until a report is due.
    private static func readInOrder(
        _ files: [String], cache: LibraryCache?, interval: Double,
        progress: (LoadProgress) -> Void
    ) -> [FileRead] {
        let slots = OrderedSlots<FileRead>(count: files.count)
        let shared = UncheckedSendable(files)
        let reader = Thread {
            DispatchQueue.concurrentPerform(iterations: shared.value.count) { index in
                slots.store(FileRead(shared.value[index], cache: cache), at: index)
            }
        }
        reader.start()
        progress(LoadProgress(issues: [], filesRead: 0, files: files.count))
        var seen = ItemIDSet()
        var delivered = 0
        var pending: [Issue] = []
        var due: Date?
        while delivered < files.count {
            let ready = slots.waitForMore(than: delivered, until: due)
            for index in delivered..<ready {
                if case .success(.issues(let found, _))? = slots[index].result {
                    for var issue in found {
                        IssueIdentity.separateCollision(&issue, seen: &seen)
                        pending.append(issue)
                    }
                }
            }
            let advanced = ready > delivered
            delivered = ready
            if advanced, due == nil { due = Date(timeIntervalSinceNow: interval) }
            guard let reportAt = due, reportAt <= Date() || delivered == files.count else {
                continue
            }
            due = nil
            progress(LoadProgress(issues: pending, filesRead: delivered, files: files.count))
            pending = []
        }
        return slots.values()
    }

    /// One file as the first pass has it: read from the cache or parsed.
    private struct FileRead: Sendable {
        /// The file's issues or failure; nil for email known from the cache, whose
        /// messages are read only if its conversations are not cached.
        var result: Result<LoadedFile, IngestFailure>?
        /// The warnings of reading a mail file known from the cache.
        var mailWarnings: [IngestWarning] = []
        /// The file's key, when the cache is in use and the file could be read.
        var source: LibraryCache.Source?
        /// Whether the file was parsed (its entry missing or stale).
        var parsed = false

        init(_ path: String, cache: LibraryCache?) {
            guard let cache else {
                result = Ingestor.read(path: path, keyed: false).result
                parsed = true
                return
            }
            let miss: (realPath: String?, read: (bytes: [UInt8], source: LibraryCache.Source)?)
            switch cache.cached(path: path) {
            case .hit(let payload, let source):
                cache.count(hit: true)
                self.source = source
                switch payload {
                case .issues(let issues, let warnings): result = .success(.issues(issues, warnings))
                case .failure(let reason):
                    result = .failure(IngestFailure(path: path, reason: reason))
                case .mail(let warnings): mailWarnings = warnings
                }
                return
            case .miss(let realPath, let read): miss = (realPath, read)
            }
            parsed = true
            cache.count(hit: false)
            let result: Result<LoadedFile, IngestFailure>
            if let read = miss.read {
                // The cache read the file to settle its entry: those bytes, and their key.
                result = Ingestor.read(read.bytes, path: path)
                source = read.source
            } else {
                let readAt = LibraryCache.now()
                let read = Ingestor.read(path: path)
                result = read.result
                source = miss.realPath.flatMap { realPath in
                    read.key.map { key in
                        LibraryCache.Source(
                            realPath: realPath, status: LibraryCache.FileStatus(key.status),
                            readAt: readAt, hash: key.hash)
                    }
                }
            }
            self.result = result
            guard let source else { return }
            switch result {
            case .success(.issues(let issues, let warnings)):
                cache.store(.issues(issues, warnings), source: source, path: path)
            case .success(.mail(let mailbox)):
                cache.store(.mail(mailbox.warnings), source: source, path: path)
            case .failure(let failure):
                cache.store(.failure(failure.reason), source: source, path: path)
            }
        }
    }

    /// A file of email in the library.
    private struct MailFile {
        var index: Int
        var path: String
        var read: FileRead
        /// Its messages; nil when the cache said it is mail without reading it.
        var mailbox: Mailbox?
    }

    /// The issues made of every mail file's messages (see `MailIssues`), from the cache
    /// when it holds them for exactly these files' contents.
    private static func conversations(of mail: [MailFile], cache: LibraryCache?)
        -> ([Issue], [IngestWarning])
    {
        let keyed = mail.compactMap { file in file.read.source.map { (path: file.path, source: $0) }
        }
        let cacheable = cache != nil && keyed.count == mail.count
        if cacheable, let cache, let cached = cache.cachedMail(keyed) { return cached }
        // Files known from the cache are read now; their warnings were counted already.
        let mailboxes = mail.parallelMap { file -> Mailbox? in
            if let mailbox = file.mailbox { return mailbox }
            guard case .success(let bytes) = SourceFile.bytes(of: file.path),
                case .success(let mailbox)? = Mailbox.read(bytes, path: file.path)
            else { return nil }
            return mailbox
        }.compactMap { $0 }
        let all = mailboxes.flatMap { mailbox in mailbox.indices.map { (mailbox, $0) } }
        let messages = all.parallelMap { $0.0.message($0.1) }
        let (issues, warnings) = MailIssues.issues(messages)
        if cacheable, let cache, mailboxes.count == mail.count {
            cache.storeMail(issues, warnings: warnings, files: keyed)
        }
        return (issues, warnings)
    }
}

/// Expands a path into the files under it.
enum FileExpansion {
    static func files(at path: String) -> Result<[String], IngestFailure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(IngestFailure(path: path, reason: "no such file or directory"))
        }
        guard isDirectory.boolValue else { return .success([path]) }
        var found: [String] = []
        var pending = [path]
        while let folder = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                return .failure(IngestFailure(path: folder, reason: "cannot list folder"))
            }
            // A Maildir's `tmp/` holds messages still being delivered.
            let isMaildir = names.contains("cur") && names.contains("new")
            for name in names where !name.hasPrefix(".") && !(isMaildir && name == "tmp") {
                let child = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                // Through symbolic links; a dangling one is listed, to be named as missing.
                // Pipes, sockets and devices in a folder are not documents (reading a pipe
                // would wait for a writer); named on the command line, a pipe is read
                // (`quire <(curl -s URL)`).
                var info = stat()
                if stat(child, &info) != 0 {
                    found.append(child)
                } else if info.st_mode & S_IFMT == S_IFDIR {
                    pending.append(child)
                } else if info.st_mode & S_IFMT == S_IFREG {
                    found.append(child)
                }
            }
        }
        return .success(found.sorted())
    }
}

/// What a progressive load has read so far (see `Ingestor.load`).
public struct LoadProgress: Equatable, Sendable {
    /// The issues read since the last report, in library order (email aside).
    public var issues: [Issue]
    /// Files read so far, and in all.
    public var filesRead: Int
    public var files: Int

    /// A report of `issues`, with `filesRead` of `files` read.
    public init(issues: [Issue], filesRead: Int, files: Int) {
        self.issues = issues
        self.filesRead = filesRead
        self.files = files
    }
}

/// Slots written once each from any thread, read in order by one thread that waits for
/// the next ones to fill.
private final class OrderedSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    /// Every slot below it is filled.
    private var prefix = 0
    private let condition = NSCondition()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ value: T, at index: Int) {
        condition.lock()
        slots[index] = value
        var advanced = false
        while prefix < slots.count, slots[prefix] != nil {
            prefix += 1
            advanced = true
        }
        condition.unlock()
        if advanced { condition.signal() }
    }

    /// The filled prefix's length, once it is longer than `known` or `deadline` (if any)
    /// has passed.
    func waitForMore(than known: Int, until deadline: Date?) -> Int {
        condition.lock()
        defer { condition.unlock() }
        while prefix <= known, prefix < slots.count {
            if let deadline {
                if !condition.wait(until: deadline) { break }
            } else {
                condition.wait()
            }
        }
        return prefix
    }

    subscript(index: Int) -> T {
        condition.lock()
        defer { condition.unlock() }
        return slots[index]!
    }

    func values() -> [T] {
        condition.lock()
        defer { condition.unlock() }
        return slots.map { $0! }
    }
}
