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
        let k0: UInt64 = 0x9e37_79b9_7f4a_7c15
        let k1: UInt64 = 0xc2b2_ae3d_27d4_eb4f
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (k0, k1, ~k0, ~k1)
        @inline(__always) func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
            let m = (lane ^ word) &* k1
            return (m << 31) | (m >> 33)
        }
        let count = bytes.count
        var offset = 0
        if let base = bytes.baseAddress {
            while offset + 32 <= count {
                lanes.0 = mix(lanes.0, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                lanes.1 = mix(
                    lanes.1, base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                lanes.2 = mix(
                    lanes.2, base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
                lanes.3 = mix(
                    lanes.3, base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
                offset += 32
            }
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
            if shift == 64 {
                lanes.0 = mix(lanes.0, tail)
                tail = 0
                shift = 0
            }
        }
        var h = mix(lanes.0, tail)
        h = mix(h, lanes.1)
        h = mix(h, lanes.2)
        h = mix(h, lanes.3)
        h = mix(h, UInt64(count))
        h ^= h >> 29
        h = h &* k0
        return h ^ (h >> 32)
    }

    /// The hash of `bytes`.
    static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }
}
