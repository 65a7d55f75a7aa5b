#if canImport(Glibc)
    import Glibc
#endif

/// The cache's binary form: little-endian fixed-width integers, LEB128 varints, and
/// strings as a length and their UTF-8.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []
    /// Where `drainIfLarge` hands the bytes written so far, if anywhere.
    private let sink: ((UnsafeRawBufferPointer) -> Void)?

    /// A writer that keeps what it writes in `bytes`.
    init() { sink = nil }

    /// A writer that hands what it writes to `sink` a part at a time (at `drainIfLarge`
    /// and `drain`), so a large payload is never held whole.
    init(draining sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.sink = sink
        bytes.reserveCapacity(Self.part + (64 << 10))
    }

    private static let part = 1 << 20

    /// With a sink, hands it the bytes written so far once they are a part's worth.
    mutating func drainIfLarge() {
        if sink != nil, bytes.count >= Self.part { drain() }
    }

    /// With a sink, hands it every byte written so far.
    mutating func drain() {
        guard let sink, !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { sink($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A non-negative count or offset.
    mutating func count(_ value: Int) {
        var rest = UInt64(truncatingIfNeeded: value)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Any integer (zigzag, so small negative numbers stay short).
    mutating func int(_ value: Int) {
        let wide = Int64(value)
        count(Int(bitPattern: UInt(truncatingIfNeeded: (wide << 1) ^ (wide >> 63))))
    }

    mutating func int(_ value: Int?) {
        guard let value else { return u8(0) }
        u8(1)
        int(value)
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func string(_ value: String?) {
        guard let value else { return u8(0) }
        u8(1)
        string(value)
    }

    /// The memory of an array of plain values, as a count and the raw bytes.
    mutating func raw<T: BitwiseCopyable>(_ values: [T]) {
        count(values.count)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// Writes what `body` writes as a frame: its length (eight bytes), then its bytes, so
    /// a reader can take it whole from a file read a part at a time (`EntryStream`).
    mutating func frame(_ body: (inout CacheWriter) -> Void) {
        let start = bytes.count
        u64(0)
        body(&self)
        let length = UInt64(bytes.count - start - 8).littleEndian
        bytes.withUnsafeMutableBytes { all in
            all.storeBytes(of: length, toByteOffset: start, as: UInt64.self)
        }
    }
}

/// A cache entry read from its file a part at a time, so a large one (a feed's thousand
/// issues) is never held whole beside the issues read from it.
///
/// The header is read from the first part. The payload is a run of frames (see
/// `CacheWriter.frame`), each taken whole and hashed as it is read; `finish` then checks
/// the payload's length and checksum. What was read before a failed check is dropped by
/// the caller: an entry is never trusted until all of it is checked.
struct EntryStream {
    /// Nil for a payload given whole.
    private let file: SourceFile.OpenFile?
    private var window: [UInt8]
    private var position = 0
    private var hasher = ContentHash.Hasher()
    /// Payload bytes not yet taken, as the header says.
    private var left = 0
    private var checksum: UInt64 = 0
    private static let part = 1 << 20

    init(_ file: SourceFile.OpenFile) {
        self.file = file
        window = file.read(upTo: Self.part)
    }

    /// A payload given whole, without a header (its checksum is not checked).
    init(payload: [UInt8]) {
        file = nil
        window = payload
        left = payload.count
    }

    /// Reads the header with `body` from the first part; the payload follows what `body`
    /// read, and is `length` bytes whose hash is `checksum`.
    mutating func header<T>(
        _ body: (inout CacheReader) throws(CacheCorrupt) -> (T, length: UInt64, checksum: UInt64)
    ) throws(CacheCorrupt) -> T {
        let read: Result<(T, UInt64, UInt64, Int), CacheCorrupt> = window.withUnsafeBytes {
            raw in
            var reader = CacheReader(raw)
            do throws(CacheCorrupt) {
                let (value, length, checksum) = try body(&reader)
                return .success((value, length, checksum, reader.offset))
            } catch {
                return .failure(error)
            }
        }
        let (value, length, checksum, end) = try read.get()
        // A length the file cannot hold is corrupt (and must not size a buffer).
        guard let file, length <= UInt64(max(Int(file.status.st_size), 0)) else {
            throw CacheCorrupt()
        }
        position = end
        left = Int(length)
        self.checksum = checksum
        return value
    }

    /// Reads the next frame with `body`, which must read all of it.
    mutating func frame<T>(_ body: (inout CacheReader) throws(CacheCorrupt) -> T)
        throws(CacheCorrupt) -> T
    {
        try ensure(8)
        let length = window.withUnsafeBytes {
            UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt64.self))
        }
        guard length <= UInt64(left - 8) else { throw CacheCorrupt() }
        let size = 8 + Int(length)
        try ensure(size)
        let read: Result<T, CacheCorrupt> = window.withUnsafeBytes { raw in
            let frame = UnsafeRawBufferPointer(rebasing: raw[position..<position + size])
            hasher.combine(frame)
            var reader = CacheReader(UnsafeRawBufferPointer(rebasing: frame[8...]))
            do throws(CacheCorrupt) {
                let value = try body(&reader)
                guard reader.isAtEnd else { throw CacheCorrupt() }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        position += size
        left -= size
        return try read.get()
    }

    /// Checks that the payload was read to its end and nothing follows, and its checksum.
    func finish() throws(CacheCorrupt) {
        guard left == 0, position == window.count, let file,
            file.ended || file.read(upTo: 1).isEmpty, hasher.value == checksum
        else { throw CacheCorrupt() }
    }

    /// Makes the window hold `count` bytes from `position`, reading on as needed.
    private mutating func ensure(_ count: Int) throws(CacheCorrupt) {
        guard count <= left else { throw CacheCorrupt() }
        guard window.count - position < count else { return }
        window.removeFirst(position)
        position = 0
        while window.count < count {
            guard let file, !file.ended, file.failed == 0 else { throw CacheCorrupt() }
            window += file.read(upTo: max(Self.part, count - window.count))
        }
    }
}

/// Why a cache entry was not used.
struct CacheCorrupt: Error {}

/// Reads what `CacheWriter` wrote, checking every length against what is left: any
/// inconsistency throws `CacheCorrupt`, never reads out of bounds.
struct CacheReader {
    let base: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ base: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    var isAtEnd: Bool { offset == base.count }

    private mutating func take(_ length: Int) throws(CacheCorrupt) -> UnsafeRawBufferPointer {
        guard length >= 0, length <= base.count - offset else { throw CacheCorrupt() }
        defer { offset += length }
        return UnsafeRawBufferPointer(rebasing: base[offset..<offset + length])
    }

    mutating func u8() throws(CacheCorrupt) -> UInt8 { try take(1)[0] }

    mutating func u64() throws(CacheCorrupt) -> UInt64 {
        UInt64(littleEndian: try take(8).loadUnaligned(as: UInt64.self))
    }

    mutating func count() throws(CacheCorrupt) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try u8()
            guard shift < 64 else { throw CacheCorrupt() }
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard value <= UInt64(Int.max) else { throw CacheCorrupt() }
        return Int(value)
    }

    mutating func int() throws(CacheCorrupt) -> Int {
        let zigzag = UInt64(try count())
        return Int(Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1))))
    }

    mutating func optionalInt() throws(CacheCorrupt) -> Int? {
        switch try u8() {
        case 0: return nil
        case 1: return try int()
        default: throw CacheCorrupt()
        }
    }

    /// UTF-8 that must be valid; invalid bytes mean the entry is not what was written.
    mutating func utf8() throws(CacheCorrupt) -> UnsafeBufferPointer<UInt8> {
        let raw = try take(try count())
        let bytes = raw.bindMemory(to: UInt8.self)
        guard UTF8Text.firstInvalid(bytes) == nil else { throw CacheCorrupt() }
        return bytes
    }

    mutating func string() throws(CacheCorrupt) -> String {
        UTF8Text.string(validated: try utf8())
    }

    mutating func optionalString() throws(CacheCorrupt) -> String? {
        switch try u8() {
        case 0: return nil
        case 1: return try string()
        default: throw CacheCorrupt()
        }
    }

    mutating func raw<T: BitwiseCopyable>(_: T.Type) throws(CacheCorrupt) -> [T] {
        let count = try count()
        guard count <= (base.count - offset) / MemoryLayout<T>.stride else { throw CacheCorrupt() }
        let bytes = try take(count * MemoryLayout<T>.stride)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
            initialized = count
        }
    }
}

/// Issues in the cache's binary form.
///
/// The form is tied to the build that wrote it (the link records are stored as their
/// memory), which the cache's header names.
enum IssueCoding {
    /// About how many bytes `issues` take written: their texts and link records.
    static func estimatedSize(_ issues: [Issue]) -> Int {
        var total = 64
        for issue in issues {
            total += 256
            for section in issue.sections {
                total += 96 + section.text.utf8.count + section.links.strings.utf8.count
                total += section.links.records.count * MemoryLayout<SectionLinks.Record>.stride
                total += section.links.extras.count * MemoryLayout<SectionLinks.Extra>.stride
            }
        }
        return total
    }

    static func write(_ issue: Issue, to writer: inout CacheWriter) {
        writer.u64(issue.id.rawValue)
        writer.string(issue.title)
        writer.u8(kindCode(issue.kind))
        writer.string(issue.url)
        writer.string(issue.date)
        writer.string(issue.source)
        writer.string(issue.episode)
        writer.int(issue.duration)
        writer.count(issue.sections.count)
        for section in issue.sections { write(section, to: &writer) }
    }

    /// Reads an issue written by `write`, giving it `path`.
    static func read(from reader: inout CacheReader, path: String) throws(CacheCorrupt) -> Issue {
        let id = ItemID(rawValue: try reader.u64())
        let title = try reader.string()
        let kind = try kind(code: try reader.u8())
        var issue = Issue(
            title: title, kind: kind, path: path, url: try reader.optionalString(),
            date: try reader.optionalString(), source: try reader.optionalString(),
            episode: try reader.optionalString(), duration: try reader.optionalInt(), id: id)
        let count = try reader.count()
        issue.sections.reserveCapacity(min(count, 1 << 16))
        for _ in 0..<count { issue.sections.append(try readSection(from: &reader)) }
        return issue
    }

    private static func write(_ section: Section, to writer: inout CacheWriter) {
        writer.u64(section.id.rawValue)
        writer.string(section.title)
        writer.int(section.level)
        writer.int(section.start)
        writer.int(section.end)
        writer.int(section.reactions)
        writer.string(section.author)
        writer.string(section.posted)
        writer.int(section.number)
        writer.string(section.text)
        let links = section.links
        writer.string(links.strings)
        writer.raw(links.records)
        writer.raw(links.extras)
        writer.raw(links.quoted)
    }

    private static func readSection(from reader: inout CacheReader) throws(CacheCorrupt)
        -> Section
    {
        let id = ItemID(rawValue: try reader.u64())
        let title = try reader.string()
        let level = try reader.int()
        let start = try reader.optionalInt()
        let end = try reader.optionalInt()
        let reactions = try reader.int()
        let author = try reader.optionalString()
        let posted = try reader.optionalString()
        let number = try reader.optionalInt()
        let text = try reader.string()
        let strings = try reader.string()
        let records = try reader.raw(SectionLinks.Record.self)
        let extras = try reader.raw(SectionLinks.Extra.self)
        let quoted = try reader.raw(Int32.self)
        let textCount = Int32(clamping: text.utf8.count)
        let stringsCount = Int32(clamping: strings.utf8.count)
        func valid(_ range: (Int32, Int32), within limit: Int32) -> Bool {
            range == (-1, -1) || (range.0 >= 0 && range.0 <= range.1 && range.1 <= limit)
        }
        for record in records {
            guard valid(record.url, within: stringsCount), valid(record.anchor, within: textCount)
            else { throw CacheCorrupt() }
        }
        var last: Int32 = -1
        for extra in extras {
            guard extra.position > last, extra.position < records.count,
                valid(extra.text, within: stringsCount), valid(extra.title, within: stringsCount)
            else { throw CacheCorrupt() }
            last = extra.position
        }
        var previous: Int32 = -1
        for position in quoted {
            guard position > previous, position < records.count else { throw CacheCorrupt() }
            previous = position
        }
        var section = Section(
            title: title, level: level, start: start, text: text,
            links: SectionLinks(
                records: records, extras: extras, strings: strings, sectionText: text,
                quoted: quoted),
            reactions: reactions)
        section.id = id
        section.end = end
        section.author = author
        section.posted = posted
        section.number = number
        return section
    }

    private static func kindCode(_ kind: DocumentKind) -> UInt8 {
        switch kind {
        case .newsletter: 0
        case .showNotes: 1
        case .thread: 2
        case .document: 3
        }
    }

    private static func kind(code: UInt8) throws(CacheCorrupt) -> DocumentKind {
        switch code {
        case 0: .newsletter
        case 1: .showNotes
        case 2: .thread
        case 3: .document
        default: throw CacheCorrupt()
        }
    }
}
