extension Block {
    /// Each line of the text with its UTF-8 range.
    func lineRanges() -> [(Substring, Range<Int>)] {
        var result: [(Substring, Range<Int>)] = []
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var startOffset = 0
        var offset = 0
        for index in utf8.indices {
            if utf8[index] == 10 {
                result.append((text[lineStart..<index], startOffset..<offset))
                lineStart = utf8.index(after: index)
                startOffset = offset + 1
            }
            offset += 1
        }
        result.append((text[lineStart...], startOffset..<offset))
        return result
    }

    /// The link spans inside `range`, shifted to be relative to its start.
    func spans(in range: Range<Int>) -> [LinkSpan] {
        links.compactMap { span in
            guard span.range.lowerBound >= range.lowerBound,
                span.range.upperBound <= range.upperBound
            else {
                return nil
            }
            return span.with(
                range: (span.range.lowerBound - range.lowerBound)..<(span.range.upperBound
                    - range.lowerBound))
        }
    }
}
