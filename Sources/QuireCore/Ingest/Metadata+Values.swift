import Foundation

/// Values as documents write them: durations, epoch dates, media files, how specific a URL is.
extension Metadata {
    /// A length as documents write it: `01:25:30`, `85:30`, `5130` (seconds, up to a
    /// day), `85 min`, `1h 25m`, `1 hr 25 min 30 s`; nil for anything else.
    static func seconds(inDuration value: String) -> Int? {
        let text = value.trimmingWhitespace()
        if let seconds = Timestamp.seconds(text) { return seconds }
        // Bare seconds; a number past a day is something else (`length:` in bytes).
        if let seconds = Int(text) { return seconds >= 0 && seconds <= 86_400 ? seconds : nil }
        // Numbers each followed by a unit.
        var total = 0
        var found = false
        var number: Int?
        for word in text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }) {
            var digits = word.prefix(while: { $0.isASCII && $0.isNumber })
            var unit = word.dropFirst(digits.count)
            if digits.isEmpty {
                guard let pending = number else { return nil }
                digits = Substring(String(pending))
                unit = word
            }
            guard let value = Int(digits) else { return nil }
            if unit.isEmpty {
                number = value
                continue
            }
            let scale: Int
            switch unit {
            case "h", "hr", "hrs", "hour", "hours": scale = 3600
            case "m", "min", "mins", "minute", "minutes": scale = 60
            case "s", "sec", "secs", "second", "seconds": scale = 1
            default: return nil
            }
            total += value * scale
            found = true
            number = nil
        }
        return found && number == nil ? total : nil
    }

    /// A Unix time in seconds (10 digits) or milliseconds (13 digits), as some exports
    /// write `date: 1594645200954`, as an ISO 8601 date (UTC).
    static func epochDate(_ value: String) -> String? {
        guard value.count == 10 || value.count == 13, let number = Int(value), number > 0 else {
            return nil
        }
        let seconds = value.count == 13 ? number / 1000 : number
        return String(StateClock.format(secondsSince1970: seconds).prefix(10))
    }

    /// Extensions of audio, video and image files: a link to one is an attachment of the
    /// page (the episode's MP3, the cover), never the page's own address.
    static let mediaExtensions: Set<String> = [
        "mp3", "m4a", "m4b", "aac", "ogg", "oga", "opus", "wav", "flac", "mp4", "m4v", "mov",
        "webm", "mkv", "jpg", "jpeg", "png", "gif", "webp", "svg", "avif",
    ]

    /// Whether `url`'s path ends in a media file's extension.
    static func isMediaFile(_ url: String) -> Bool {
        let path = url.prefix(while: { $0 != "?" && $0 != "#" })
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return mediaExtensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// How deep a URL's path goes: `https://site` 0, `https://site/p/post` 2.
    static func specificity(_ url: String) -> Int {
        guard let origin = LinkResolver.origin(of: url) else { return 0 }
        return url.dropFirst(origin.count).split(separator: "/").count
    }
}
