import QuireCore

/// How a post is named on screen: its author and date (`halseth · 16 Sep 2024`), from
/// the post's header, rather than the header as written.
enum PostByline {
    enum Style {
        /// For the sections pane: author and day.
        case short
        /// For the reader: author, day, time and the post's number.
        case long
    }

    private static let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// The byline of `section`, or nil when it is not a post whose author is known.
    static func text(of section: Section, style: Style) -> String? {
        guard let author = section.author else { return nil }
        var parts = [author]
        if let posted = section.posted, let day = day(posted) {
            parts.append(style == .long ? day + time(posted) : day)
        }
        if style == .long, let number = section.number { parts.append("#\(number)") }
        return parts.joined(separator: " · ")
    }

    /// `2024-09-16…` as `16 Sep 2024`.
    static func day(_ iso: String) -> String? {
        let fields = iso.prefix(10).split(separator: "-")
        guard fields.count == 3, let year = Int(fields[0]), let month = Int(fields[1]),
            let day = Int(fields[2]), (1...12).contains(month)
        else { return nil }
        return "\(day) \(months[month - 1]) \(year)"
    }

    /// ` 13:01 UTC` from `…T13:01:59Z`, or nothing when there is no time.
    private static func time(_ iso: String) -> String {
        guard let t = iso.firstIndex(of: "T") else { return "" }
        let clock = iso[iso.index(after: t)...].prefix(5)
        return " " + clock + (iso.hasSuffix("Z") ? " UTC" : "")
    }
}
