/// A 64-bit hash that is the same on every run, machine and Swift version.
///
/// Swift's `Hasher` is seeded per process, so it cannot make ids. This is FNV-1a over UTF-8
/// bytes, with a field separator between combined strings and the splitmix64 finaliser so
/// that similar keys spread over the whole range.
struct StableHash {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Adds a string, followed by a separator byte no UTF-8 text contains.
    mutating func combine(_ string: String) {
        var string = string
        string.withUTF8 { append(bytes: $0) }
        endField()
    }

    /// Ends a field fed byte by byte through `ByteSink`.
    mutating func endField() {
        state = (state ^ 0xff) &* 0x0000_0100_0000_01b3
    }

    /// The finalised hash of everything combined so far.
    var value: UInt64 {
        var z = state &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

extension StableHash: ByteSink {
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        var state = self.state
        for byte in bytes { state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        self.state = state
    }
}
