/// A stable identifier for an issue, a section or a link.
///
/// Ids are 64-bit hashes of what identifies the item (a link's normalised URL, an issue's
/// URL or title, a section's title within its issue), never of a file's location, so they
/// survive moving a folder and editing unrelated parts of a document. They print as 16
/// lower-case hex digits.
public struct ItemID: Hashable, Comparable, Sendable, BitwiseCopyable, CustomStringConvertible {
    /// The hash value.
    public let rawValue: UInt64

    /// Wraps a raw hash value.
    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Hashes `key` in the given namespace, so an issue and a link with the same key differ.
    public init(namespace: String, key: String) {
        var hasher = StableHash()
        hasher.combine(namespace)
        hasher.combine(key)
        self.rawValue = hasher.value
    }

    /// Parses the 16-digit hex form that `description` prints.
    public init?(hex: String) {
        guard hex.utf8.count == 16, let value = UInt64(hex, radix: 16) else { return nil }
        self.rawValue = value
    }

    /// The id as 16 lower-case hex digits.
    public var description: String {
        let digits = String(rawValue, radix: 16)
        return String(repeating: "0", count: 16 - digits.utf8.count) + digits
    }

    public static func < (lhs: ItemID, rhs: ItemID) -> Bool { lhs.rawValue < rhs.rawValue }
}
