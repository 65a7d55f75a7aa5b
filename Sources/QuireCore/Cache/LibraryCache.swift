import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What quire parsed from each file, kept on disk so the next start reads it back
/// instead of parsing again (`$XDG_CACHE_HOME/quire/`, else `~/.cache/quire/`).
///
/// One entry file per source file, named by a hash of the file's real path. An entry's
/// header holds the format version, the quire build that wrote it, and the source's key:
/// real path, size, modification and change times, inode and device, and a hash of its
/// bytes. An entry is used only when its header matches this build and the file's key;
/// when only the times or inode differ (a `touch`, a copy, a checkout) the file is read
/// and its hash settles whether the entry still holds. A file changed within two seconds
/// of being cached is always checked by its hash, since a file system's clock may not
/// have ticked. The payload carries a checksum; an entry that is missing, stale, from
/// another build, truncated or corrupt is never trusted: the file is parsed and the entry
/// written again. The library from the cache is exactly the library from a fresh parse.
///
/// Entries are written to a temporary file and renamed into place, so a reader sees a
/// whole entry or none, and two quire processes never corrupt one. When the folder grows
/// past `limit` bytes, the least recently used entries are removed.
///
/// Email is cached at two levels: each mail file's entry records that it is mail (and its
/// warnings), and one entry per set of mail files holds their conversations, since a
/// conversation can span files (a Maildir).
public final class LibraryCache: Sendable {
    /// The folder holding the entries.
    public let directory: String
    /// The build the entries must come from (see `build(version:)`).
    let build: String
    /// The folder's size beyond which old entries are removed.
    let limit: Int
    /// Files read from the cache since it was made (mail counted per file).
    private let hitCount = Atomic<Int>(0)
    /// Files parsed and stored since it was made.
    private let missCount = Atomic<Int>(0)
    /// Whether payloads read or stored are kept in memory (`memo`).
    let remembers: Bool
    /// The payloads this process read or stored, by real path, with their file's key.
    ///
    /// Reading the library again (a reload) takes an unchanged file's issues from here,
    /// without reading its entry. They share their storage with the library that holds
    /// them, so they cost little beyond it.
    private let memo = Mutex<[String: (source: Source, payload: Payload)]>([:])

    /// How many files loads through this cache read from it, and how many they parsed.
    public var counts: (read: Int, parsed: Int) {
        (hitCount.load(ordering: .relaxed), missCount.load(ordering: .relaxed))
    }

    /// Counts a file read from the cache (`true`) or parsed.
    func count(hit: Bool) {
        if hit {
            hitCount.add(1, ordering: .relaxed)
        } else {
            missCount.add(1, ordering: .relaxed)
        }
    }

    /// The format of entries; a change to it (or to the model's layout) needs a new build
    /// anyway, which `build` catches, so this moves only with the entry header.
    static let formatVersion: UInt64 = 2
    private static let magic: [UInt8] = Array("QUIRE\u{0}C\u{1}".utf8)
    private static let suffix = ".qc"
    private static let day: UInt64 = 86_400_000_000_000

    /// A cache in `directory` for entries of `build`, pruned past `limit` bytes; with
    /// `remembers`, what it reads and stores is also kept in memory for the next load
    /// (the reader, which loads again when files change).
    public init(directory: String, build: String, limit: Int = 4 << 30, remembers: Bool = false) {
        self.directory = directory
        self.build = build
        self.limit = limit
        self.remembers = remembers
    }

    /// `$XDG_CACHE_HOME/quire`, else `$HOME/.cache/quire`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
            return base + "/quire"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.cache/quire"
    }

    /// This program's build: its version, and the size and modification time of its
    /// executable, so that rebuilding quire (a parser changed, the model's layout too)
    /// leaves every entry of the previous build unused.
    public static func build(version: String) -> String {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return version }
        return "\(version) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    // MARK: Source files

    /// What identifies a source file's contents without reading it.
    struct FileStatus: Equatable, Sendable {
        var size: UInt64
        var modified: UInt64
        var changed: UInt64
        var inode: UInt64
        var device: UInt64

        init(_ info: stat) {
            size = UInt64(max(info.st_size, 0))
            modified = Self.nanoseconds(info.st_mtim)
            changed = Self.nanoseconds(info.st_ctim)
            inode = UInt64(info.st_ino)
            device = UInt64(info.st_dev)
        }

        init(size: UInt64, modified: UInt64, changed: UInt64, inode: UInt64, device: UInt64) {
            self.size = size
            self.modified = modified
            self.changed = changed
            self.inode = inode
            self.device = device
        }

        static func nanoseconds(_ time: timespec) -> UInt64 {
            UInt64(max(time.tv_sec, 0)) &* 1_000_000_000 &+ UInt64(max(time.tv_nsec, 0))
        }
    }

    /// A source file as it was read: its real path, key and the hash of its bytes.
    struct Source: Sendable {
        var realPath: String
        var status: FileStatus
        /// When reading began (ns since the epoch), before the file was opened.
        var readAt: UInt64
        var hash: UInt64
    }

    /// A file's parse result as the cache keeps it.
    enum Payload: Sendable {
        /// A document's or a feed's issues, and the warnings of reading it.
        case issues([Issue], [IngestWarning])
        /// The file could not be loaded, for this reason.
        case failure(String)
        /// The file is email (its issues are in the mail entry), read with these warnings.
        case mail([IngestWarning])
    }

    /// The current time in nanoseconds since the epoch.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return FileStatus.nanoseconds(time)
    }

    /// The real path of `path`, if it exists.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// What the cache has for a file.
    enum Lookup {
        /// A current entry: the file's result and its key.
        case hit(Payload, Source)
        /// No entry this build can trust: the file's real path (nil when it has none), and
        /// its bytes with their key when they were read to settle an entry (they differ).
        case miss(realPath: String?, read: (bytes: [UInt8], source: Source)?)
    }

    /// What the cache holds for the file at `path` (as the user named it).
    func cached(path: String) -> Lookup {
        guard let realPath = Self.realPath(path) else { return .miss(realPath: nil, read: nil) }
        let miss = Lookup.miss(realPath: realPath, read: nil)
        var info = stat()
        guard stat(realPath, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return miss }
        let status = FileStatus(info)
        // Read in this process under the same key, long enough after its last change
        // that the key tells.
        if remembers, let known = memo.withLock({ $0[realPath] }), known.source.status == status,
            known.source.status.modified &+ 2_000_000_000 <= known.source.readAt
        {
            return .hit(known.payload, known.source)
        }
        let entryPath = self.entryPath(forKey: realPath)
        guard case .success(let entry) = SourceFile.OpenFile.open(entryPath) else { return miss }
        var stream = EntryStream(entry)
        guard
            var stored = try? stream.header({ reader throws(CacheCorrupt) in
                guard try isHeader(&reader), try reader.string() == realPath else {
                    throw CacheCorrupt()
                }
                return (try readStatus(realPath, &reader), try reader.u64(), try reader.u64())
            })
        else { return miss }
        // Another key, or a file changed so soon after it was read that its times may not
        // show a later change: settled by the bytes.
        let unsure =
            stored.status != status || stored.status.modified &+ 2_000_000_000 > stored.readAt
        if unsure {
            guard stored.status.size == status.size else { return miss }
            let readAt = Self.now()
            var info = stat()
            guard case .success(let current) = SourceFile.bytes(of: realPath, status: &info)
            else { return miss }
            let source = Source(
                realPath: realPath, status: FileStatus(info), readAt: readAt,
                hash: ContentHash.of(current))
            guard source.hash == stored.hash else {
                return .miss(realPath: realPath, read: (current, source))
            }
            stored = source
        }
        guard let payload = try? Self.decode(&stream, path: path), (try? stream.finish()) != nil
        else { return miss }
        if unsure {
            // Next time the key alone will do (unless it is still too new to say).
            writeEntry(keyed: stored, to: entryPath) { writer in Self.encode(payload, to: &writer) }
        } else if FileStatus.nanoseconds(entry.status.st_mtim) &+ Self.day < Self.now() {
            // Marks the entry used, for pruning; once a day is enough.
            utimensat(AT_FDCWD, entryPath, nil, 0)
        }
        remember(payload, source: stored)
        return .hit(payload, stored)
    }

    /// Keeps `payload` for the file at `path`, read as `source` says.
    ///
    /// A result that names another path than the file's (none does today) is not kept.
    func store(_ payload: Payload, source: Source, path: String) {
        guard Self.storable(payload, path: path) else { return }
        remember(payload, source: source)
        writeEntry(keyed: source, to: entryPath(forKey: source.realPath)) { writer in
            Self.encode(payload, to: &writer)
        }
    }

    private func remember(_ payload: Payload, source: Source) {
        guard remembers else { return }
        memo.withLock { $0[source.realPath] = (source, payload) }
    }

    /// `payload` in the cache's form; nil when it names another path than `path`.
    static func encode(_ payload: Payload, path: String) -> [UInt8]? {
        guard storable(payload, path: path) else { return nil }
        var writer = CacheWriter()
        if case .issues(let issues, _) = payload {
            writer.reserve(IssueCoding.estimatedSize(issues))
        }
        encode(payload, to: &writer)
        return writer.bytes
    }

    /// Whether `payload` can be kept for the file at `path`: it names no other file.
    static func storable(_ payload: Payload, path: String) -> Bool {
        switch payload {
        case .issues(let issues, let warnings):
            issues.allSatisfy({ $0.path == path }) && warnings.allSatisfy({ $0.path == path })
        case .failure: true
        case .mail(let warnings): warnings.allSatisfy({ $0.path == path })
        }
    }

    /// Writes `payload` (see `storable`) into `writer`, draining it as it goes.
    static func encode(_ payload: Payload, to writer: inout CacheWriter) {
        switch payload {
        case .issues(let issues, let warnings):
            writer.frame { head in
                head.u8(0)
                head.count(issues.count)
            }
            for issue in issues {
                writer.frame { IssueCoding.write(issue, to: &$0) }
                writer.drainIfLarge()
            }
            writer.frame { writeWarnings(warnings, to: &$0) }
        case .failure(let reason):
            writer.frame { head in
                head.u8(1)
                head.string(reason)
            }
        case .mail(let warnings):
            writer.frame { head in
                head.u8(2)
                writeWarnings(warnings, to: &head)
            }
        }
    }

    /// Reads a payload `encode` wrote, for the file at `path`, a frame at a time; any
    /// inconsistency throws (and `stream.finish` checks the checksum after).
    static func decode(_ stream: inout EntryStream, path: String) throws(CacheCorrupt)
        -> Payload
    {
        enum Head {
            case issues(count: Int)
            case done(Payload)
        }
        let head = try stream.frame { reader throws(CacheCorrupt) -> Head in
            switch try reader.u8() {
            case 0: return .issues(count: try reader.count())
            case 1: return .done(.failure(try reader.string()))
            case 2: return .done(.mail(try readWarnings(&reader, path: path)))
            default: throw CacheCorrupt()
            }
        }
        switch head {
        case .done(let payload):
            return payload
        case .issues(let count):
            var issues: [Issue] = []
            issues.reserveCapacity(min(count, 1 << 16))
            for _ in 0..<count {
                issues.append(
                    try stream.frame { reader throws(CacheCorrupt) in
                        try IssueCoding.read(from: &reader, path: path)
                    })
            }
            let warnings = try stream.frame { reader throws(CacheCorrupt) in
                try readWarnings(&reader, path: path)
            }
            return .issues(issues, warnings)
        }
    }

    // MARK: Mail

    /// The issues and warnings of the mail files `files` (as named, with their sources, in
    /// library order) when the cache holds them for exactly these contents.
    func cachedMail(_ files: [(path: String, source: Source)]) -> ([Issue], [IngestWarning])? {
        let key = mailKey(files)
        guard case .success(let entry) = SourceFile.OpenFile.open(entryPath(forKey: key)) else {
            return nil
        }
        var stream = EntryStream(entry)
        func file(_ reader: inout CacheReader) throws(CacheCorrupt) -> Int {
            let file = try reader.count()
            guard file < files.count else { throw CacheCorrupt() }
            return file
        }
        do throws(CacheCorrupt) {
            try stream.header { reader throws(CacheCorrupt) in
                guard try isHeader(&reader), try reader.string() == key else {
                    throw CacheCorrupt()
                }
                return ((), try reader.u64(), try reader.u64())
            }
            let issueCount = try stream.frame { reader throws(CacheCorrupt) in try reader.count() }
            var issues: [Issue] = []
            issues.reserveCapacity(min(issueCount, 1 << 16))
            for _ in 0..<issueCount {
                issues.append(
                    try stream.frame { reader throws(CacheCorrupt) in
                        let index = try file(&reader)
                        return try IssueCoding.read(from: &reader, path: files[index].path)
                    })
            }
            let warnings = try stream.frame { reader throws(CacheCorrupt) in
                let count = try reader.count()
                var warnings: [IngestWarning] = []
                for _ in 0..<count {
                    let index = try file(&reader)
                    warnings.append(
                        IngestWarning(path: files[index].path, message: try reader.string()))
                }
                return warnings
            }
            try stream.finish()
            return (issues, warnings)
        } catch {
            return nil
        }
    }

    /// Keeps the conversations made of the mail files `files`.
    func storeMail(
        _ issues: [Issue], warnings: [IngestWarning],
        files: [(path: String, source: Source)]
    ) {
        var index: [String: Int] = [:]
        for (position, file) in files.enumerated() { index[file.path] = position }
        guard issues.allSatisfy({ index[$0.path] != nil }),
            warnings.allSatisfy({ index[$0.path] != nil })
        else { return }
        let key = mailKey(files)
        var header = headerBytes()
        header.string(key)
        writeEntry(header: header, to: entryPath(forKey: key)) { writer in
            writer.frame { $0.count(issues.count) }
            for issue in issues {
                writer.frame { frame in
                    frame.count(index[issue.path]!)
                    IssueCoding.write(issue, to: &frame)
                }
                writer.drainIfLarge()
            }
            writer.frame { frame in
                frame.count(warnings.count)
                for warning in warnings {
                    frame.count(index[warning.path]!)
                    frame.string(warning.message)
                }
            }
        }
    }

    private func mailKey(_ files: [(path: String, source: Source)]) -> String {
        var key = "mail"
        for file in files {
            key += "\n\(file.source.realPath)\u{1}\(String(file.source.hash, radix: 16))"
        }
        return key
    }

    // MARK: Entries

    private func entryPath(forKey key: String) -> String {
        var hasher = StableHash()
        hasher.combine(key)
        return directory + "/" + ItemID(rawValue: hasher.value).description + Self.suffix
    }

    private func headerBytes() -> CacheWriter {
        var writer = CacheWriter()
        writer.append(Self.magic)
        writer.u64(Self.formatVersion)
        writer.string(build)
        return writer
    }

    /// Whether `reader` starts with the header of this build's entries (reading past it).
    private func isHeader(_ reader: inout CacheReader) throws(CacheCorrupt) -> Bool {
        for byte in Self.magic where try reader.u8() != byte { return false }
        guard try reader.u64() == Self.formatVersion else { return false }
        return try reader.string() == build
    }

    /// The key an entry for the file at `realPath` holds.
    private func readStatus(_ realPath: String, _ reader: inout CacheReader) throws(CacheCorrupt)
        -> Source
    {
        let status = FileStatus(
            size: try reader.u64(), modified: try reader.u64(), changed: try reader.u64(),
            inode: try reader.u64(), device: try reader.u64())
        return Source(
            realPath: realPath, status: status, readAt: try reader.u64(), hash: try reader.u64())
    }

    private static func writeWarnings(_ warnings: [IngestWarning], to writer: inout CacheWriter) {
        writer.count(warnings.count)
        for warning in warnings { writer.string(warning.message) }
    }

    private static func readWarnings(_ reader: inout CacheReader, path: String)
        throws(CacheCorrupt) -> [IngestWarning]
    {
        let count = try reader.count()
        var warnings: [IngestWarning] = []
        for _ in 0..<count {
            warnings.append(IngestWarning(path: path, message: try reader.string()))
        }
        return warnings
    }

    /// Writes the entry of a file read as `source` says; see `writeEntry(header:to:payload:)`.
    private func writeEntry(
        keyed source: Source, to entryPath: String, payload: (inout CacheWriter) -> Void
    ) {
        var header = headerBytes()
        header.string(source.realPath)
        let status = source.status
        for value in [
            status.size, status.modified, status.changed, status.inode, status.device,
            source.readAt, source.hash,
        ] {
            header.u64(value)
        }
        writeEntry(header: header, to: entryPath, payload: payload)
    }

    // MARK: Files

    /// Writes an entry to `path` through a temporary file renamed into place.
    ///
    /// The entry is `header`, the payload's length and checksum, then the payload, which
    /// `payload` writes into a writer that drains to the file as it goes (a library's
    /// payload is never held whole; its length and checksum are filled in once it is
    /// written). A failure (a full disk, a read-only cache folder) leaves the cache as it
    /// was.
    private func writeEntry(
        header: CacheWriter, to path: String, payload: (inout CacheWriter) -> Void
    ) {
        if !directoryExists() { mkdirs(directory) }
        let temporary = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        var ok = (header.bytes + [UInt8](repeating: 0, count: 16)).withUnsafeBytes {
            writeAll(fd, $0)
        }
        var hasher = ContentHash.Hasher()
        var length = 0
        var writer = CacheWriter(draining: { part in
            hasher.combine(part)
            length += part.count
            ok = ok && writeAll(fd, part)
        })
        payload(&writer)
        writer.drain()
        var lengthAndChecksum = CacheWriter()
        lengthAndChecksum.u64(UInt64(length))
        lengthAndChecksum.u64(hasher.value)
        ok = ok && writeAll(fd, lengthAndChecksum.bytes, at: header.bytes.count)
        close(fd)
        if !ok || rename(temporary, path) != 0 { unlink(temporary) }
    }

    private func directoryExists() -> Bool {
        var info = stat()
        return stat(directory, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    private func mkdirs(_ path: String) {
        try? FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
    }

    // MARK: Housekeeping

    /// The entries in the folder: path, size and last use.
    private func entries() -> [(path: String, size: Int, used: UInt64)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return []
        }
        var found: [(path: String, size: Int, used: UInt64)] = []
        for name in names where name.hasSuffix(Self.suffix) || name.hasSuffix(".tmp") {
            let path = directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            found.append((path, Int(info.st_size), FileStatus.nanoseconds(info.st_mtim)))
        }
        return found
    }

    /// Removes every entry; returns how many and their bytes.
    @discardableResult
    public func clear() -> (entries: Int, bytes: Int) {
        var removed = (entries: 0, bytes: 0)
        for entry in entries() where unlink(entry.path) == 0 {
            removed.entries += 1
            removed.bytes += entry.size
        }
        return removed
    }

    /// How many entries the folder holds, and their bytes.
    public func usage() -> (entries: Int, bytes: Int) {
        let all = entries()
        return (all.count, all.reduce(0) { $0 + $1.size })
    }

    /// Removes the least recently written entries while the folder is over `limit` (down
    /// to three quarters of it), and temporary files an interrupted write left behind.
    func prune() {
        var all = entries()
        let hourAgo = Self.now() &- 3_600_000_000_000
        all.removeAll { entry in
            guard entry.path.hasSuffix(".tmp") else { return false }
            if entry.used < hourAgo { unlink(entry.path) }
            return true
        }
        var total = all.reduce(0) { $0 + $1.size }
        guard total > limit else { return }
        for entry in all.sorted(by: { $0.used < $1.used }) where total > limit / 4 * 3 {
            if unlink(entry.path) == 0 { total -= entry.size }
        }
    }
}

extension CacheReader {
    /// The bytes from the current offset to the end.
    fileprivate var remaining: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: base[offset...])
    }
}
