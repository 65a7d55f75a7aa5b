import Foundation
import QuireCore
import QuireTestSupport
import Testing

/// Email (`Fixtures/forms/mail-*`): `.eml` files, an mbox and a Maildir, read with GMime
/// into the same model; a conversation is a thread, any other message an issue of its own.
@Suite("Email")
struct MailTests {
    static func path(_ name: String) -> String {
        Checkout.beside(#filePath, "Fixtures/forms/" + name)
    }

    static func load(_ name: String) -> Library {
        let library = Ingestor.load([path(name)])
        #expect(library.failures.isEmpty)
        return library
    }

    /// A newsletter in multipart/alternative with quoted-printable HTML: the HTML part
    /// is read, and the header's "view in browser", the tracking pixel and the footer's
    /// unsubscribe and preferences links are no reading items.
    @Test func aQuotedPrintableNewsletterReadsItsHTMLWithoutChrome() throws {
        let issue = try #require(Self.load("mail-newsletter-quoted-printable.eml").issues.first)
        #expect(issue.kind == .newsletter)
        #expect(issue.title == "Rustacean Roundup #88: async traits land")
        #expect(issue.date == "2025-03-04")
        #expect(issue.source == "Rustacean Roundup")
        #expect(
            issue.sections.map(\.title) == ["Introduction", "News", "Articles & tutorials", "Jobs"])
        #expect(
            issue.allLinks.map { $0.url ?? "-" } == [
                "https://blog.example.org/async-traits-stable",
                "https://foundation.example.org/grants-2025",
                "https://perf.example.com/flamegraphs-for-rust",
                "https://www.example.com/blog/arena-allocation",
                "https://video.example.tv/watch?v=r8u5t&t=42s",
                "https://jobs.example.io/rust/4412",
            ])
        #expect(issue.allLinks.first?.title == "Release notes")
        #expect(issue.allLinks.first?.text == "Async functions in traits are stable")
        let text = issue.sections.map(\.text).joined(separator: "\n")
        #expect(text.contains("Hi friends — a quieter week"))
        #expect(!text.contains("=3D") && !text.contains("<"))
    }

    /// Base64 in Windows-1252 with an RFC 2047 subject and sender: all of it UTF-8 in
    /// the model; the attachment is not read.
    @Test func aBase64Windows1252NewsletterIsConvertedToUTF8() throws {
        let issue = try #require(
            Self.load("mail-newsletter-base64-windows-1252.eml").issues.first)
        #expect(issue.title == "La Lettre du café numérique – février 2025")
        #expect(issue.kind == .newsletter)
        #expect(issue.date == "2025-02-01")
        #expect(issue.source == "La Lettre du café")
        #expect(issue.sections.map(\.title) == ["Introduction", "À lire", "À écouter"])
        let links = issue.allLinks.map { $0.text + " " + ($0.url ?? "-") }
        #expect(
            links.contains("Pourquoi le prix à 9,99 € marche https://www.example.org/€-pricing"))
        #expect(links.contains("Les données ouvertes https://podcast.example.fr/ep/57"))
        // The footer's way out, named in List-Unsubscribe, is no item.
        #expect(!links.contains { $0.contains("desinscription") })
        let text = issue.sections.map(\.text).joined(separator: "\n")
        #expect(text.contains("Voici la sélection de février — café, code et curiosités."))
        #expect(!text.contains("Espresso"))
    }

    /// A pipermail month file: three messages, one conversation.
    ///
    /// The third answers only by
    /// its subject (`[tiling-wm] Re: …`). Senders are the names in the archive's
    /// disguised addresses; quoted lines stay in the post, their link marked quoted; the
    /// signature and the list's footer are left out.
    @Test func aListArchiveMboxIsOneThread() throws {
        let library = Self.load("mail-list-archive.mbox")
        #expect(library.issues.count == 1)
        let issue = try #require(library.issues.first)
        #expect(issue.kind == .thread)
        #expect(issue.title == "Gaps collapse after a monitor is unplugged")
        #expect(issue.source == "tiling-wm")
        #expect(issue.date == "2025-03-03")
        #expect(
            issue.sections.map { "\($0.number ?? 0) \($0.author ?? "-") \($0.posted ?? "-")" } == [
                "1 Mari Halvorsen 2025-03-03T09:12:44Z", "2 Pieter Joubert 2025-03-03T11:40:02Z",
                "3 Sven Ek 2025-03-04T08:05:31Z",
            ])
        let reply = issue.sections[1]
        #expect(
            reply.links.map { "\($0.url ?? "-") \($0.quoted)" } == [
                "https://tracker.example.org/tiling-wm/issues/412 true",
                "https://git.example.org/tiling-wm/commit/9f3e2a1 false",
            ])
        #expect(
            reply.text.hasPrefix(
                "> On Mon, Mar 03, 2025 at 10:12:44AM +0100, Mari Halvorsen wrote:"))
        #expect(reply.text.contains("Not quite: #412 is about workspaces moving."))
        let all = issue.allLinks.compactMap(\.url)
        #expect(!all.contains { $0.contains("pieter.example.co.za") || $0.contains("listinfo") })
        #expect(!issue.sections[2].text.contains("mailing list"))
    }

    /// A Maildir: a conversation across two files, and a newsletter on its own.
    ///
    /// Messages are in `cur/` and `new/` (not `tmp/`). The reply's Gmail-style quote is quoted.
    @Test func aMaildirHoldsAConversationAndANewsletter() throws {
        try TemporaryFolder.with("quire-maildir") { folder in
            let copy = folder + "/Mail"
            try FileManager.default.copyItem(atPath: Self.path("mail-maildir"), toPath: copy)
            // A message still being delivered is not read.
            try "From: a@example.com\nSubject: partial\nMessage-ID: <p@x>\n\nhalf"
                .write(
                    toFile: copy + "/tmp/1741200000.M9P1.host", atomically: true, encoding: .utf8)
            let library = Ingestor.load([copy])
            #expect(library.failures.isEmpty)
            #expect(
                library.issues.map(\.title) == [
                    "March reading: two papers on CRDTs", "Data Eng Weekly #301",
                ])
            let thread = library.issues[0]
            #expect(thread.kind == .thread)
            #expect(thread.sections.map { $0.author ?? "-" } == ["Ana Lima", "Jonas Becker"])
            #expect(
                thread.sections[1].links.map { "\($0.text) \($0.quoted)" } == [
                    "the Automerge talk false", "https://papers.example.edu/crdt-study.pdf true",
                ])
            // Gmail's quote wrapper holds the attribution line too.
            #expect(thread.sections[1].text.contains("\n\n> On Mon, 3 Mar 2025 at 19:20, Ana Lima"))
            let weekly = library.issues[1]
            #expect(weekly.kind == .newsletter)
            #expect(weekly.source == "dataeng.weekly.example.com")
            // Underlined lines are the plain-text newsletter's sections (its masthead line
            // opens it); its footer's
            // unsubscribe line is gone.
            #expect(weekly.sections.map(\.title) == ["Introduction", "Streaming", "Storage"])
            // Its `Label: URL` lines link from the label; each `* ` line is an item.
            #expect(
                weekly.allLinks.map(\.text) == [
                    "Exactly-once is a lie, mostly", "Backpressure explained with trains",
                    "Columnar formats compared (2025 edition)",
                ])
            #expect(weekly.sections[1].text.hasPrefix("• Exactly-once is a lie, mostly: https://"))
            #expect(weekly.url == nil)
        }
    }

    /// Message-ID is the issue's identity: a renamed file, or an mbox that gained a
    /// message, keeps every id, so every mark stays.
    @Test func marksSurviveReReadingAMailboxThatGrew() throws {
        try TemporaryFolder.with("quire-mbox") { folder in
            let original = try String(
                contentsOfFile: Self.path("mail-list-archive.mbox"), encoding: .utf8)
            let before = folder + "/tiling-wm-2025-03.mbox"
            try original.write(toFile: before, atomically: true, encoding: .utf8)
            let first = Ingestor.load([before])
            let later =
                original + """

                    From ana at example.pt  Wed Mar  5 10:00:00 2025
                    From: ana at example.pt (Ana Lima)
                    Date: Wed, 05 Mar 2025 11:00:00 +0100
                    Subject: [tiling-wm] Gaps collapse after a monitor is unplugged
                    In-Reply-To: <5f1c9e@example.se>
                    Message-ID: <ana-late@example.pt>

                    Fixed in 0.9.3 for me as well, see https://git.example.org/tiling-wm/tag/0.9.3

                    """
            try FileManager.default.removeItem(atPath: before)
            let after = folder + "/archive.txt"
            try later.write(toFile: after, atomically: true, encoding: .utf8)
            let second = Ingestor.load([after])
            let (a, b) = (try #require(first.issues.first), try #require(second.issues.first))
            #expect(a.id == b.id)
            #expect(b.sections.count == 4)
            #expect(Array(a.sections.map(\.id)) == Array(b.sections.prefix(3).map(\.id)))
            #expect(a.allLinks.map(\.id) == Array(b.allLinks.map(\.id).prefix(a.allLinks.count)))
        }
    }

    /// What a file is comes from its content: an email saved as `.md` is an email, and a
    /// Markdown file that opens with `Title:` and `Date:` lines is not.
    @Test func emailIsKnownByItsHeadersNotItsName() throws {
        try TemporaryFolder.with("quire-mail-detect") { folder in
            try """
            From: Ana Lima <ana@example.pt>
            To: club@example.com
            Subject: Reading for April
            Date: Tue, 01 Apr 2025 09:00:00 +0000
            Message-ID: <april@example.pt>

            Let's read https://papers.example.edu/raft.pdf next.
            """.write(toFile: folder + "/saved.md", atomically: true, encoding: .utf8)
            try """
            Title: Notes on Raft
            Date: 2025-04-01
            From: my notebook

            # Raft

            See [the paper](https://papers.example.edu/raft.pdf).
            """.write(toFile: folder + "/notes.md", atomically: true, encoding: .utf8)
            let library = Ingestor.load([folder])
            #expect(library.issues.map(\.title).sorted() == ["Notes on Raft", "Reading for April"])
            let mail = try #require(library.issues.first { $0.title == "Reading for April" })
            #expect(mail.date == "2025-04-01")
            #expect(mail.source == "Ana Lima")
        }
    }

    /// A part whose bytes do not fit its declared charset still loads, with a warning
    /// naming the file and the message.
    @Test func aMisdeclaredCharsetIsAWarningNotALoss() throws {
        try TemporaryFolder.with("quire-mail-charset") { folder in
            var bytes = Array(
                """
                From: Bo <bo@example.se>
                Subject: Fika list
                Message-ID: <fika@example.se>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Kanelbulle recipe: https://bak.example.se/kanelbulle
                """.utf8)
            // " för kaffe" in Latin-1, under a UTF-8 label.
            bytes += [0x20, 0x66, 0xF6, 0x72, 0x20, 0x6B, 0x61, 0x66, 0x66, 0x65, 0x0A]
            let file = folder + "/fika.eml"
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let library = Ingestor.load([file])
            #expect(library.failures.isEmpty)
            #expect(
                library.issues.first?.allLinks.map(\.url) == ["https://bak.example.se/kanelbulle"])
            #expect(library.warnings.map(\.path) == [file])
            #expect(library.warnings.first?.message.hasPrefix("message 1: not valid UTF-8") == true)
        }
    }
}
