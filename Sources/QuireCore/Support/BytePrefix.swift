#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether these bytes hold `bytes` at `index` (compared by `memcmp`): false when they
    /// end before it does.
    @inline(__always)
    func hasBytes(_ bytes: UnsafeRawBufferPointer, at index: Int = 0) -> Bool {
        guard index >= 0, bytes.count <= count - index else { return false }
        return bytes.isEmpty || memcmp(baseAddress! + index, bytes.baseAddress!, bytes.count) == 0
    }

    /// Whether these bytes hold `text`'s UTF-8 at `index`.
    @inline(__always)
    func hasBytes(_ text: StaticString, at index: Int = 0) -> Bool {
        hasBytes(
            UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount), at: index)
    }

    /// Whether these bytes hold `bytes` at `index`.
    @inline(__always)
    func hasBytes(_ bytes: [UInt8], at index: Int = 0) -> Bool {
        bytes.withUnsafeBytes { hasBytes($0, at: index) }
    }
}
