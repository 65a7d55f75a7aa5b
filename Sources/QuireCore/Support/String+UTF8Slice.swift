extension String {
    /// The text at a UTF-8 range.
    func utf8Slice(_ range: Range<Int>) -> String {
        let utf8 = self.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
        return String(self[lower..<upper])
    }
}
