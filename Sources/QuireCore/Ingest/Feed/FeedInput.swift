/// A feed file's bytes as libxml2's parser asks for them, a part at a time, so a feed of
/// any size is never held whole.
///
/// Every byte is checked as `SourceFile.decode` would check the whole file (valid UTF-8,
/// no NUL, no control character to take out) and hashed for the cache's key. Bytes that
/// `decode` would change or refuse stop the reading (`refused`): such a file is then read
/// whole, the way every other file is, so it comes out exactly as it would have.
final class FeedInput {
    private let file: SourceFile.OpenFile
    /// Checked bytes not yet handed over, from `offset`.
    private var ready: [UInt8]
    private var offset = 0
    /// Bytes read but not yet checked: the start of a character split between two parts.
    private var carry: [UInt8] = []
    private var hasher = ContentHash.Hasher()
    /// Whether the bytes need what `SourceFile.decode` does (or reading failed).
    private(set) var refused = false
    private static let part = 256 * 1024

    /// Reads `file`, whose first bytes, `head`, have been read already.
    init(_ file: SourceFile.OpenFile, head: [UInt8]) {
        self.file = file
        ready = []
        carry = []
        take(head)
    }

    /// The hash of every byte of the file (valid once `finish` returned true).
    var hash: UInt64 { hasher.value }

    /// Copies up to `count` checked bytes to `buffer`; 0 at the end, -1 once refused.
    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        while offset == ready.count {
            guard !refused else { return -1 }
            if file.ended {
                // A character cut off by the end of the file is not valid UTF-8.
                if !carry.isEmpty { refused = true }
                return refused ? -1 : 0
            }
            take(file.read(upTo: Self.part))
            if file.failed != 0 { refused = true }
        }
        let n = min(count, ready.count - offset)
        ready.withUnsafeBufferPointer { bytes in
            UnsafeMutableRawPointer(buffer).copyMemory(
                from: bytes.baseAddress! + offset, byteCount: n)
        }
        offset += n
        return Int32(n)
    }

    /// Reads and checks what is left after libxml2 stopped; whether the whole file was
    /// read and is plain UTF-8 text.
    func finish() -> Bool {
        while !refused, !file.ended {
            take(file.read(upTo: Self.part))
            if file.failed != 0 { refused = true }
        }
        if !carry.isEmpty { refused = true }
        return !refused
    }

    /// Hashes and checks newly read bytes; what can be checked becomes `ready`.
    private func take(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { hasher.combine($0) }
        var part = carry
        part += bytes
        let cut = UTF8Text.completeLength(of: part)
        carry = Array(part[cut...])
        part.removeLast(part.count - cut)
        let clean = part.withUnsafeBufferPointer { UTF8Text.check($0) }
        guard case .valid(hasControls: false) = clean else {
            refused = true
            ready = []
            offset = 0
            return
        }
        ready = part
        offset = 0
    }
}
