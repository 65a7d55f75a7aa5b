import Foundation
import QuireTestSupport
import Testing

@testable import QuireCore

/// Senders' names in RFC 2047 encoded words, including the mislabelled ones old list
/// archives hold (seen in the survey: a Latin-1 byte in a word that says UTF-8).
@Suite("Encoded words")
struct EncodedWordsTests {
    @Test func wordsAreDecodedAndMislabelledBytesReadAsWindows1252() {
        func decode(_ text: String) -> String { EncodedWords.decode(Array(text.utf8)) }
        #expect(decode("=?UTF-8?Q?Luc=EDa_Charlie?=") == "Lucía Charlie")
        #expect(decode("=?utf-8?b?SsO8cmdlbg==?= <j@example.org>") == "Jürgen <j@example.org>")
        // Whitespace between two encoded words goes; around plain text it stays.
        #expect(decode("=?ISO-8859-1?Q?Andr=E9?= =?ISO-8859-1?Q?_M=FCller?=") == "André Müller")
        #expect(decode("Dr. =?UTF-8?Q?Jos=C3=A9?= Ruiz") == "Dr. José Ruiz")
        // One bad word does not turn the valid UTF-8 around it into Windows-1252.
        #expect(decode("Zoë =?UTF-8?Q?N=FA=F1ez?=") == "Zoë Núñez")
        #expect(decode("Plain Name <p@example.org>") == "Plain Name <p@example.org>")
        // A broken word stays as written.
        #expect(decode("=?UTF-8?X?abc?= x") == "=?UTF-8?X?abc?= x")
        #expect(decode("=?UTF-8?Q?unterminated") == "=?UTF-8?Q?unterminated")
    }

    /// A pipermail month whose sender's name is a UTF-8-labelled word holding a Latin-1
    /// byte: the post's author is the name, not `Luc?a`.
    @Test func aListArchiveSenderWithAMislabelledNameReadsRight() throws {
        let archive = """
            From lucia at example.org  Thu Mar  3 10:00:00 2016
            From: lucia at example.org (=?utf-8?q?Luc=EDa_Charlie?=)
            Date: Thu, 3 Mar 2016 10:00:00 +0000
            Subject: [dev] [PATCH] netdev: fix the frobnicator
            Message-ID: <1@example.org>

            The fix is at https://git.example.org/dev/commit/abc123 for review.

            From ana at example.org  Thu Mar  3 11:00:00 2016
            From: =?UTF-8?Q?Ana_Mar=C3=ADa?= <ana@example.org>
            Date: Thu, 3 Mar 2016 11:00:00 +0000
            Subject: Re: [dev] [PATCH] netdev: fix the frobnicator
            In-Reply-To: <1@example.org>
            Message-ID: <2@example.org>

            Looks good to me.

            """
        let library = try TemporaryFolder.with("quire-mail-names") { folder in
            try archive.write(toFile: folder + "/2016-March.txt", atomically: true, encoding: .utf8)
            return Ingestor.load([folder + "/2016-March.txt"])
        }
        let thread = try #require(library.issues.first)
        #expect(thread.kind == .thread)
        #expect(thread.sections.map(\.author) == ["Lucía Charlie", "Ana María"])
    }
}
