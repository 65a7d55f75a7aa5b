/// Reads CSV as RFC 4180 writes it: fields parted by commas, records by CRLF or LF,
/// quoted fields holding commas, line breaks and doubled quotes.
public enum CSVReader {
    /// The records of `text`, each a list of fields; blank lines are skipped.
    public static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return iterator.next()
        }
        func endRecord() {
            record.append(field)
            field = ""
            if record != [""] { records.append(record) }
            record = []
        }
        while let scalar = next() {
            if quoted {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            quoted = false
                            pending = following
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty: quoted = true
            case ",":
                record.append(field)
                field = ""
            case "\r":
                if let following = next(), following != "\n" { pending = following }
                endRecord()
            case "\n": endRecord()
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty { endRecord() }
        return records
    }

    /// The records as dictionaries keyed by the first record's (lower-cased) names.
    public static func rows(_ text: String) -> [[String: String]] {
        let all = records(text)
        guard let header = all.first?.map({ $0.lowercased() }) else { return [] }
        return all.dropFirst().map { record in
            var row: [String: String] = [:]
            for (name, value) in zip(header, record) { row[name] = value }
            return row
        }
    }
}
