import Foundation

/// Names and addresses as email headers write them, including the forms mailing-list
/// archives disguise them in.
enum MailAddress {
    /// The name to show for a sender.
    ///
    /// The display name when there is one; else a name in the header's comment
    /// (`jdoe at example.com (John Doe)`, as pipermail archives write senders); else the
    /// address's local part. Archives hide addresses from harvesters
    /// (`jdoe at example.com`, `jdoe @end|ng |rom example@org`), which no parser reads as an
    /// address: the part before the disguise is the name then.
    static func author(name: String?, address: String?, raw: String?) -> String? {
        if let name, !isDisguised(name) {
            return name.trimmingCharacters(in: Set("\"' "))
        }
        if let raw {
            if !raw.contains("<"), let open = raw.lastIndex(of: "("),
                let close = raw.lastIndex(of: ")"), open < close
            {
                let comment = raw[raw.index(after: open)..<close].trimmingWhitespace()
                if !comment.isEmpty { return comment }
            }
            var plain = raw
            if let open = raw.firstIndex(of: "<"), let close = raw.lastIndex(of: ">"),
                open < close
            {
                plain = String(raw[raw.index(after: open)..<close])
            }
            if let local = localPart(of: plain) { return local }
        }
        return address.flatMap(localPart(of:))
    }

    /// The markers archives put in place of `@`.
    private static let disguises = [" @end|ng |rom ", " at ", " (at) ", " [at] ", "@"]

    private static func isDisguised(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return text.contains("@end|ng")
            || (words.count == 3 && words[1] == "at" && words[2].contains("."))
    }

    /// What comes before the `@` or its disguise; nil when there is nothing there.
    private static func localPart(of address: String) -> String? {
        for marker in disguises {
            if let range = address.range(of: marker) {
                let local = address[..<range.lowerBound].trimmingCharacters(in: Set("\"' <"))
                return local.isEmpty ? nil : local
            }
        }
        let trimmed = address.trimmingWhitespace()
        return trimmed.isEmpty || trimmed.contains(" ") ? nil : trimmed
    }

    /// The `http(s)` addresses in a header such as `List-Unsubscribe:
    /// <mailto:…>, <https://…>` or `Archived-At: <https://…>`.
    static func webAddresses(in header: String) -> [String] {
        header.split(separator: "<").compactMap { piece in
            guard let close = piece.firstIndex(of: ">") else { return nil }
            let address = piece[..<close].trimmingWhitespace()
            let lower = address.lowercased()
            return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? address : nil
        }
    }
}
