import CGMime
import CMemmem

#if canImport(Glibc)
    import Glibc
#endif

/// One email message, as quire reads it: the headers it uses and the body to show.
struct MailMessage: Sendable {
    /// `Subject`, RFC 2047-decoded.
    var subject: String?
    /// The day it was sent, in the sender's own time zone: `2025-03-04`.
    var date: String?
    /// When it was sent, in UTC: `2025-03-04T17:05:00Z`.
    var posted: String?
    /// The sender's display name, RFC 2047-decoded; the address's local part when it
    /// has none (see `MailAddress`).
    var author: String?
    /// `Message-ID`, without angle brackets.
    var messageID: String?
    /// The messages it answers, nearest first: `In-Reply-To`, then `References` from
    /// the newest back to the conversation's start.
    var answers: [String] = []
    /// `List-Id`'s description (`Rust development`), else its id.
    var list: String?
    /// The web addresses in `List-Unsubscribe`.
    var unsubscribe: [String] = []
    /// `Archived-At`, the message's page in the list's web archive.
    var archivedAt: String?
    /// The body as HTML (valid UTF-8), when the message has an HTML part.
    var html: [UInt8]?
    /// The plain-text body, when it has no HTML part.
    var text: String?
    /// What was changed to read it (a charset that did not fit its bytes).
    var warnings: [String] = []
    /// The file it came from, and its place in that file.
    var path = ""
    var position = 0
    /// The file, to read the body from when it is wanted (see `withBody`).
    var origin: Mailbox?

    /// Whether readers can write to the list that sent it (`List-Post`, or a `[list]`
    /// subject tag with no way to unsubscribe, as archives keep them): a discussion
    /// list's message, not a newsletter's.
    var isDiscussion = false

    /// Whether a newsletter sent it: a list (`List-Id`, `List-Unsubscribe`) its readers
    /// cannot post to.
    var isNewsletter: Bool { (list != nil || !unsubscribe.isEmpty) && !isDiscussion }

    /// Whether it answers another message: by its headers, or a reply's subject.
    var isReply: Bool { !answers.isEmpty || subject.map { Subject($0).isReply } == true }

    /// The message with its body read, when it was read without one.
    func withBody() -> MailMessage {
        guard html == nil, text == nil, let origin else { return self }
        return origin.message(position, withBody: true)
    }
}

/// Reads email with GMime: single messages (`.eml`, a Maildir's files) and mbox files.
///
/// GMime does the MIME work: multipart bodies, quoted-printable and base64, RFC 2047
/// headers, and converting each text part's charset to UTF-8. quire picks the HTML part
/// (it holds the links), else the plain-text part, and skips attachments.
enum MailReader {
    /// GMime sets up its tables once, before threads parse.
    private static let initialised: Bool = {
        g_mime_init()
        return true
    }()

    // MARK: Detection

    /// Whether `bytes` open as an mbox file: a `From ` separator line, then headers.
    static func looksLikeMbox(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.starts(with: "From ".utf8),
            let newline = bytes.firstIndex(of: UInt8(ascii: "\n"))
        else { return false }
        return looksLikeMessage(UnsafeBufferPointer(rebasing: bytes[(newline + 1)...]))
    }

    /// Whether a file whose first line is `line` may be email: an mbox separator or a
    /// header field; the cheap check before `looksLikeMbox` and `looksLikeMessage`.
    static func mayOpenMail(_ line: [UInt8]) -> Bool {
        if line.starts(with: "From ".utf8) { return true }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return false }
        return line[..<colon].allSatisfy(isHeaderNameByte)
    }

    /// Headers whose presence says a block of `Name: value` lines is an email's header,
    /// not a document's metadata lines (`Title:`, `Date:`).
    private static let mailHeaders: Set<String> = [
        "message-id", "received", "return-path", "mime-version", "delivered-to", "to",
        "subject", "content-type", "in-reply-to", "references", "list-id", "x-mailer",
        "dkim-signature", "reply-to", "cc", "sender",
    ]

    /// Whether `bytes` open as an RFC 5322 message: a header block of `Name: value` lines
    /// (folded lines allowed) that has `From:` and one more header only email has, ended
    /// by a blank line.
    static func looksLikeMessage(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var hasFrom = false
        var hasMailHeader = false
        var lineStart = 0
        var lines = 0
        while lineStart < bytes.count, lines < 200 {
            var end = lineStart
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var line = UnsafeBufferPointer(rebasing: bytes[lineStart..<end])
            if line.last == UInt8(ascii: "\r") {
                line = UnsafeBufferPointer(rebasing: line.dropLast())
            }
            lines += 1
            lineStart = end + 1
            if line.isEmpty { return hasFrom && hasMailHeader }
            if line[0] == UInt8(ascii: " ") || line[0] == UInt8(ascii: "\t") {
                if lines == 1 { return false }
                continue  // a folded header line
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
                line[..<colon].allSatisfy({ isHeaderNameByte($0) })
            else { return false }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            if name == "from" { hasFrom = true }
            if mailHeaders.contains(name) || name.hasPrefix("x-") { hasMailHeader = true }
        }
        return false
    }

    private static func isHeaderNameByte(_ byte: UInt8) -> Bool {
        byte > 32 && byte < 127 && byte != UInt8(ascii: ":")
    }

    // MARK: Messages

    /// Where each message of an mbox file lies: the bytes after each separator line.
    ///
    /// A message runs up to the next `From ` separator: a `From ` line at the start of the
    /// file or after a blank line, so a body line that starts with "From " and was not
    /// escaped stays in its message.
    static func mboxMessages(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var starts: [Int] = []  // where each separator line starts
        if bytes.starts(with: "From ".utf8) { starts.append(0) }
        let needle = Array("\n\nFrom ".utf8)
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            guard
                let found = needle.withUnsafeBytes({ n in
                    memmem(base + offset, bytes.count - offset, n.baseAddress, n.count)
                })
            else { break }
            let at = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            starts.append(at + 2)
            offset = at + 2
        }
        return starts.indices.map { index in
            var bodyStart = starts[index]
            while bodyStart < bytes.count, bytes[bodyStart] != UInt8(ascii: "\n") { bodyStart += 1 }
            let end = index + 1 < starts.count ? starts[index + 1] : bytes.count
            return min(bodyStart + 1, end)..<end
        }
    }

    /// Reads one message (without an mbox separator line); nil when GMime finds none.
    ///
    /// Without `withBody`, only the header is read: what conversations are worked out
    /// from, before any body is decoded.
    static func message(_ whole: UnsafeBufferPointer<UInt8>, withBody: Bool) -> MailMessage? {
        _ = initialised
        let bytes = withBody ? whole : header(of: whole)
        let unescaped = withBody ? unescapingFromLines(bytes) : nil
        let stream: UnsafeMutablePointer<GMimeStream>? =
            if let unescaped {
                unescaped.withUnsafeBufferPointer { streamCopying($0) }
            } else {
                streamCopying(bytes)
            }
        guard let stream else { return nil }
        defer { quire_gmime_unref(stream) }
        guard let parser = g_mime_parser_new_with_stream(stream) else { return nil }
        defer { quire_gmime_unref(parser) }
        g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE)
        guard let parsed = g_mime_parser_construct_message(parser, nil) else { return nil }
        defer { quire_gmime_unref(parsed) }
        var message = read(parsed, withBody: withBody)
        // GMime writes `?` for bytes an encoded word's charset does not have (Latin-1 in
        // a word labelled UTF-8, as old list archives hold): the sender read again here.
        if let author = message.author, author.contains("?") || author.contains("\u{FFFD}"),
            let field = rawHeader("From", of: parsed)
        {
            let decoded = EncodedWords.decode(field)
            var name: String?
            if let open = decoded.firstIndex(of: "<") {
                let before = decoded[..<open].trimmingCharacters(in: Set("\"' \t"))
                if !before.isEmpty { name = before }
            }
            if let better = MailAddress.author(name: name, address: nil, raw: decoded),
                !better.contains("?")
            {
                message.author = better
            }
        }
        return message
    }

    /// The raw bytes of `message`'s header field `name`, as the message has them (encoded
    /// words left encoded), its folded lines joined; nil when there is no such field.
    static func rawHeader(_ name: String, of message: UnsafeMutablePointer<GMimeMessage>)
        -> [UInt8]?
    {
        guard let list = g_mime_object_get_header_list(quire_gmime_object(message)),
            let header = g_mime_header_list_get_header(list, name),
            let raw = g_mime_header_get_raw_value(header)
        else { return nil }
        return UnsafeRawBufferPointer(start: raw, count: strlen(raw)).filter {
            $0 != 13 && $0 != 10
        }
    }

    /// The header block of a message, with the blank line that ends it.
    private static func header(of bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var index = 0
        while index < bytes.count {
            guard let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let next = newline + 1
            if next < bytes.count, bytes[next] == UInt8(ascii: "\n") {
                return UnsafeBufferPointer(rebasing: bytes[...next])
            }
            if next + 1 < bytes.count, bytes[next] == UInt8(ascii: "\r"),
                bytes[next + 1] == UInt8(ascii: "\n")
            {
                return UnsafeBufferPointer(rebasing: bytes[...(next + 1)])
            }
            index = next
        }
        return bytes
    }

    private static func streamCopying(_ bytes: UnsafeBufferPointer<UInt8>)
        -> UnsafeMutablePointer<GMimeStream>?
    {
        bytes.withMemoryRebound(to: CChar.self) {
            g_mime_stream_mem_new_with_buffer($0.baseAddress, $0.count)
        }
    }

    /// The message with one `>` taken off each `>From ` line; nil when it has none.
    ///
    /// An mbox writer escapes body lines that start with `From ` as `>From `.
    private static func unescapingFromLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let needle = Array("\n>From ".utf8)
        guard let base = bytes.baseAddress,
            needle.withUnsafeBytes({ memmem(base, bytes.count, $0.baseAddress, $0.count) }) != nil
        else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var lineStart = true
        var index = 0
        while index < bytes.count {
            if lineStart, bytes[index] == UInt8(ascii: ">") {
                var probe = index
                while probe < bytes.count, bytes[probe] == UInt8(ascii: ">") { probe += 1 }
                if UnsafeBufferPointer(rebasing: bytes[probe...]).starts(with: "From ".utf8) {
                    index += 1  // drop one `>`
                }
            }
            lineStart = bytes[index] == UInt8(ascii: "\n")
            out.append(bytes[index])
            index += 1
        }
        return out
    }

    private static func read(_ parsed: UnsafeMutablePointer<GMimeMessage>, withBody: Bool)
        -> MailMessage
    {
        var message = MailMessage()
        let object = quire_gmime_object(parsed)
        message.subject = string(g_mime_message_get_subject(parsed))
        if let sent = g_mime_message_get_date(parsed) {
            message.date = format(sent, "%Y-%m-%d")
            if let utc = g_date_time_to_utc(sent) {
                message.posted = format(utc, "%Y-%m-%dT%H:%M:%SZ")
                g_date_time_unref(utc)
            }
        }
        message.author = author(of: parsed, raw: string(g_mime_object_get_header(object, "From")))
        message.messageID = string(g_mime_message_get_message_id(parsed))
        message.answers =
            references(string(g_mime_object_get_header(object, "In-Reply-To")))
            + references(string(g_mime_object_get_header(object, "References"))).reversed()
        message.list = string(g_mime_object_get_header(object, "List-Id")).flatMap(listName)
        message.unsubscribe = MailAddress.webAddresses(
            in: string(g_mime_object_get_header(object, "List-Unsubscribe")) ?? "")
        if let post = string(g_mime_object_get_header(object, "List-Post")) {
            message.isDiscussion = post.uppercased() != "NO"
        } else if message.unsubscribe.isEmpty, message.subject.flatMap({ Subject($0).tag }) != nil {
            // A list's archive (pipermail) keeps the `[list]` tag but drops `List-Post`.
            message.isDiscussion = true
        }
        message.archivedAt =
            MailAddress.webAddresses(
                in: string(g_mime_object_get_header(object, "Archived-At")) ?? ""
            ).first
        if withBody, let body = g_mime_message_get_mime_part(parsed) {
            var found = Bodies()
            found.collect(body)
            if let html = found.html {
                message.html = decoded(Bodies.utf8(of: html), into: &message.warnings)
            } else if let text = found.text {
                message.text = decoded(Bodies.utf8(of: text), into: &message.warnings)
                    .map { UTF8Text.string(validated: $0) }
            }
        }
        return message
    }

    /// The HTML and plain-text parts of a body: the first of each that is not an
    /// attachment, looking into multiparts in order.
    private struct Bodies {
        var html: UnsafeMutablePointer<GMimeObject>?
        var text: UnsafeMutablePointer<GMimeObject>?

        mutating func collect(_ object: UnsafeMutablePointer<GMimeObject>) {
            if quire_gmime_is_multipart(object) != 0 {
                let multipart = quire_gmime_multipart(object)
                for index in 0..<g_mime_multipart_get_count(multipart) {
                    if let part = g_mime_multipart_get_part(multipart, index) { collect(part) }
                }
                return
            }
            guard quire_gmime_is_text_part(object) != 0,
                g_mime_part_is_attachment(quire_gmime_part(object)) == 0,
                let type = g_mime_object_get_content_type(object)
            else { return }
            let isHTML = g_mime_content_type_is_type(type, "text", "html") != 0
            let isPlain = g_mime_content_type_is_type(type, "text", "plain") != 0
            if isHTML, html == nil { html = object }
            if isPlain, text == nil { text = object }
        }

        /// A text part as UTF-8.
        ///
        /// Parts in UTF-8 or ASCII, or that name no charset, are handed over as they are,
        /// so bytes that do not fit are found (and reported) by `decoded`; GMime converts
        /// every other charset.
        static func utf8(of object: UnsafeMutablePointer<GMimeObject>) -> [UInt8] {
            let part = quire_gmime_text_part(object)
            let charset = g_mime_text_part_get_charset(part).map {
                String(cString: $0).lowercased()
            }
            if charset == nil || ["utf-8", "utf8", "us-ascii", "ascii"].contains(charset!) {
                var length = 0
                guard let raw = quire_gmime_part_bytes(quire_gmime_part(object), &length) else {
                    return []
                }
                defer { g_free(raw) }
                return Array(UnsafeBufferPointer(start: raw, count: length))
            }
            guard let content = g_mime_text_part_get_text(part) else { return [] }
            defer { g_free(content) }
            return Array(UnsafeRawBufferPointer(start: content, count: strlen(content)))
        }
    }

    /// A part's text as GMime converted it, made valid UTF-8; nil when nothing is
    /// readable (empty, or a NUL).
    ///
    /// Bytes its declared charset did not cover arrive as they were: read as Windows-1252
    /// when that is plainly what they are, else replaced; either way with a warning.
    /// Terminal controls are taken out.
    private static func decoded(_ bytes: [UInt8], into warnings: inout [String]) -> [UInt8]? {
        switch SourceFile.decode(bytes, path: "") {
        case .success(let decoded):
            warnings += decoded.warnings.map(\.message)
            return decoded.bytes
        case .failure:
            return nil
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        let value = TerminalText.removingControls(from: String(cString: pointer))
            .trimmingWhitespace()
        return value.isEmpty ? nil : value
    }

    private static func format(_ time: OpaquePointer, _ pattern: String) -> String? {
        guard let formatted = g_date_time_format(time, pattern) else { return nil }
        defer { g_free(formatted) }
        return String(cString: formatted)
    }

    /// The message ids in an `In-Reply-To` or `References` header, in order.
    private static func references(_ header: String?) -> [String] {
        guard let header, let parsed = g_mime_references_parse(nil, header) else { return [] }
        defer { g_mime_references_free(parsed) }
        return (0..<g_mime_references_length(parsed)).compactMap {
            g_mime_references_get_message_id(parsed, $0).map { String(cString: $0) }
        }
    }

    /// `List-Id: Rust development <rust-dev.lists.example.org>`: the description, else
    /// the id.
    private static func listName(_ header: String) -> String? {
        var description = header
        var id: String?
        if let open = header.lastIndex(of: "<"), let close = header.lastIndex(of: ">"),
            open < close
        {
            id = String(header[header.index(after: open)..<close])
            description = String(header[..<open])
        }
        description = description.trimmingCharacters(in: Set(" \t\""))
        return description.isEmpty ? id : description
    }

    /// The sender's name: `From`'s display name, else a name read from the raw header.
    private static func author(of parsed: UnsafeMutablePointer<GMimeMessage>, raw: String?)
        -> String?
    {
        var name: String?
        var address: String?
        if let list = g_mime_message_get_from(parsed), internet_address_list_length(list) > 0,
            let first = internet_address_list_get_address(list, 0)
        {
            name = string(internet_address_get_name(first))
            address = string(quire_internet_address_addr(first))
        }
        return MailAddress.author(name: name, address: address, raw: raw)
    }
}

/// A file of email: one message (`.eml`, a Maildir's file) or an mbox of many, with where
/// each message lies, to be read one by one (and in parallel).
struct Mailbox: Sendable {
    let path: String
    /// What was changed to read the file: escape sequences and controls taken out.
    let warnings: [IngestWarning]
    private let bytes: [UInt8]
    private let ranges: [Range<Int>]

    /// The file's messages; nil when `file` is no email (see `MailReader.looksLikeMbox`
    /// and `looksLikeMessage`), a failure when it is one but holds a NUL.
    ///
    /// Controls and escape sequences are taken out first, as from any file (see
    /// `SourceFile`), but on the bytes as they are: a message's charset is its parts'
    /// business, so the file is not decoded as a whole.
    static func read(_ file: [UInt8], path: String) -> Result<Mailbox, IngestFailure>? {
        let opening = file.withUnsafeBufferPointer { buffer in
            let line = buffer.prefix(2048).prefix(while: { $0 != UInt8(ascii: "\n") })
            return TerminalText.removingControls(from: UnsafeBufferPointer(rebasing: line))?.bytes
                ?? Array(line)
        }
        guard MailReader.mayOpenMail(opening) else { return nil }
        // Whether it is email, from its (cleaned) header, before the whole file is looked at.
        let head = file.withUnsafeBufferPointer { buffer in
            let start = UnsafeBufferPointer(rebasing: buffer.prefix(64 << 10))
            return TerminalText.removingControls(from: start)?.bytes ?? Array(start)
        }
        let isMbox = head.withUnsafeBufferPointer { MailReader.looksLikeMbox($0) }
        guard isMbox || head.withUnsafeBufferPointer({ MailReader.looksLikeMessage($0) }) else {
            return nil
        }
        var bytes = file
        var warnings: [IngestWarning] = []
        if Self.mayHoldControls(file),
            let cleaned = file.withUnsafeBufferPointer({ TerminalText.removingControls(from: $0) })
        {
            bytes = cleaned.bytes
            warnings.append(SourceFile.controlsWarning(cleaned.removed, path: path))
        }
        let ranges =
            isMbox
            ? bytes.withUnsafeBufferPointer { MailReader.mboxMessages($0) } : [0..<bytes.count]
        if let nul = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.flatMap { base in
                memchr(base, 0, buffer.count).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
            }
        }) {
            return .failure(IngestFailure(path: path, reason: "binary file (NUL byte at \(nul))"))
        }
        return .success(Mailbox(path: path, warnings: warnings, bytes: bytes, ranges: ranges))
    }

    /// `TerminalText.mayHoldControls` over a large file on all cores, in 4 MiB pieces
    /// that overlap by a byte (a control may be two bytes).
    private static func mayHoldControls(_ file: [UInt8]) -> Bool {
        let piece = 4 << 20
        let pieces = (file.count + piece - 1) / piece
        return file.withUnsafeBufferPointer { buffer in
            let shared = UncheckedSendable(buffer)
            return parallelMap(count: pieces) { index in
                let range = (index * piece)..<min((index + 1) * piece + 1, shared.value.count)
                return TerminalText.mayHoldControls(
                    UnsafeBufferPointer(rebasing: shared.value[range]))
            }.contains(true)
        }
    }

    var indices: Range<Int> { ranges.indices }

    /// The message at `index`, its header only unless `withBody`; one GMime reads nothing
    /// of is an empty message (its file and place still named).
    func message(_ index: Int, withBody: Bool = false) -> MailMessage {
        var message =
            bytes.withUnsafeBufferPointer {
                MailReader.message(
                    UnsafeBufferPointer(rebasing: $0[ranges[index]]), withBody: withBody)
            } ?? MailMessage()
        message.path = path
        message.position = index
        if !withBody { message.origin = self }
        return message
    }
}
