/// A piece of an array that other pieces share, indexed from zero.
///
/// Markdown is read into one buffer of text and one of links per document; each block
/// holds a `SharedSlice` of both rather than arrays of its own, so reading a document
/// costs two buffers instead of two allocations and copies per block. Unlike
/// `ArraySlice`, indices start at zero: a block's link spans are offsets in its own text.
struct SharedSlice<Element>: RandomAccessCollection {
    private let storage: [Element]
    private let bounds: Range<Int>

    /// All of `array`.
    init(_ array: [Element]) {
        storage = array
        bounds = 0..<array.count
    }

    /// `storage[bounds]`, shared.
    init(_ storage: [Element], _ bounds: Range<Int>) {
        precondition(bounds.lowerBound >= 0 && bounds.upperBound <= storage.count)
        self.storage = storage
        self.bounds = bounds
    }

    var startIndex: Int { 0 }
    var endIndex: Int { bounds.count }

    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < bounds.count, "index out of range")
        return storage[bounds.lowerBound + position]
    }

    /// Calls `body` with the elements in place.
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows
        -> R
    {
        try storage.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[bounds]))
        }
    }
}

extension SharedSlice: ExpressibleByArrayLiteral {
    init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension SharedSlice: Equatable where Element: Equatable {
    static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }
}

extension SharedSlice: Sendable where Element: Sendable {}
