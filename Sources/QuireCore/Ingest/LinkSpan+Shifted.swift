extension LinkSpan {
    /// The span moved by `delta`, or nil when it falls outside `text`.
    func shifted(by delta: Int, within text: String) -> LinkSpan? {
        let lower = range.lowerBound + delta
        let upper = range.upperBound + delta
        guard lower >= 0, upper <= text.utf8.count else { return nil }
        return with(range: lower..<upper)
    }
}
