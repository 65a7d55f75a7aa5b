/// A fast 64-bit hash of a file's bytes, to tell whether a file the cache knows still
/// holds what it held (see `LibraryCache`).
///
/// Not a stable id (those are `StableHash`) and not cryptographic: four lanes of
/// multiply-rotate over eight-byte words, about a byte per cycle on one core. Each step is
/// a bijection of its lane for a given word, so two contents of the same length that
/// differ in one lane's words always differ there before the lanes are combined.
enum ContentHash {
    /// The hash of `bytes`.
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(bytes)
        return hasher.value
    }

    /// The hash of `bytes`.
    static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    /// The hash of bytes given a part at a time (a file read in parts): the same value
    /// `of` gives for all of them at once, however they are split.
    struct Hasher {
        private static let k0: UInt64 = 0x9e37_79b9_7f4a_7c15
        private static let k1: UInt64 = 0xc2b2_ae3d_27d4_eb4f
        private var lanes: (UInt64, UInt64, UInt64, UInt64) = (k0, k1, ~k0, ~k1)
        /// Bytes of an unfinished 32-byte block, waiting for the next part.
        private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        private var pendingCount = 0
        private var count = 0

        @inline(__always) private static func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
            let m = (lane ^ word) &* k1
            return (m << 31) | (m >> 33)
        }

        /// Adds the next bytes.
        mutating func combine(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            count += bytes.count
            var offset = 0
            // Finish a block begun by an earlier part.
            if pendingCount > 0 {
                withUnsafeMutableBytes(of: &pending) { block in
                    let taken = min(32 - pendingCount, bytes.count)
                    block.baseAddress!.advanced(by: pendingCount).copyMemory(
                        from: base, byteCount: taken)
                    pendingCount += taken
                    offset = taken
                }
                guard pendingCount == 32 else { return }
                absorb(pending)
                pendingCount = 0
            }
            while offset + 32 <= bytes.count {
                absorb(
                    (
                        base.loadUnaligned(fromByteOffset: offset, as: UInt64.self),
                        base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self),
                        base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self),
                        base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)
                    ))
                offset += 32
            }
            if offset < bytes.count {
                pending = (0, 0, 0, 0)
                withUnsafeMutableBytes(of: &pending) { block in
                    block.baseAddress!.copyMemory(
                        from: base + offset, byteCount: bytes.count - offset)
                }
                pendingCount = bytes.count - offset
            }
        }

        @inline(__always) private mutating func absorb(_ words: (UInt64, UInt64, UInt64, UInt64)) {
            lanes.0 = Self.mix(lanes.0, words.0)
            lanes.1 = Self.mix(lanes.1, words.1)
            lanes.2 = Self.mix(lanes.2, words.2)
            lanes.3 = Self.mix(lanes.3, words.3)
        }

        /// The hash of every byte added.
        var value: UInt64 {
            // The last, unfinished block goes into the first lane a word at a time; its
            // last word is zero-padded (and mixed even when empty).
            var lane0 = lanes.0
            var tail: UInt64 = 0
            withUnsafeBytes(of: pending) { block in
                var index = 0
                while index + 8 <= pendingCount {
                    lane0 = Self.mix(
                        lane0, block.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    index += 8
                }
                var shift: UInt64 = 0
                while index < pendingCount {
                    tail |= UInt64(block[index]) << shift
                    shift += 8
                    index += 1
                }
            }
            var h = Self.mix(lane0, tail)
            h = Self.mix(h, lanes.1)
            h = Self.mix(h, lanes.2)
            h = Self.mix(h, lanes.3)
            h = Self.mix(h, UInt64(count))
            h ^= h >> 29
            h = h &* Self.k0
            return h ^ (h >> 32)
        }
    }
}
