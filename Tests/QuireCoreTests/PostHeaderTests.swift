import Testing

@testable import QuireCore

@Suite("Post headers and durations")
struct PostHeaderTests {
    @Test(
        arguments: [
            ("Post #3 by @maria (2022-02-02 10:10 UTC)", "maria", "2022-02-02T10:10:00Z", 3),
            ("halseth on 2019-07-25T13:37:01.875Z", "halseth", "2019-07-25T13:37:01Z", nil),
            ("halseth | 2024-09-16 13:01:59 UTC | #1", "halseth", "2024-09-16T13:01:59Z", 1),
            ("Ana wrote:", "Ana", nil, nil),
            ("@bob replied on 12 March 2023", "bob", "2023-03-12", nil),
            ("**kim** wrote on 2021-01-05 at 9:05", "kim", "2021-01-05T09:05:00", nil),
            ("Re: the proposal", nil, nil, nil),
        ] as [(String, String?, String?, Int?)])
    func headersGiveAuthorTimeAndNumber(
        header: String, author: String?, posted: String?, number: Int?
    ) {
        #expect(PostHeader(header) == PostHeader(author: author, posted: posted, number: number))
    }

    /// A heading block is judged on its bytes first; that test must never rule out a
    /// heading the full one takes.
    @Test(
        arguments: [
            "Post #3 by @maria", "Ana WROTE:", "RE: the proposal", "re: x", "kim Replied",
            "Someone said", "POSTED by lee", "commented", "Ana wrote", "🎧 Opinion",
            "Things I Liked", "Links", "12:30", "@bob", "Re:", "R", "",
            String(repeating: "a", count: 121) + " wrote:",
        ])
    func headingsRuledOutOnBytesAreNoPostHeaders(heading: String) {
        let block = Block(kind: .heading(level: 3), text: heading, links: [])
        #expect(PostSignals.isPostHeader(block) == PostSignals.isPostHeader(heading))
    }

    @Test(
        arguments: [
            ("01:25:30", 5130), ("85:30", 5130), ("5130", 5130), ("85 min", 5100),
            ("1h 25m", 5100), ("1 hr 25 min 30 s", 5130), ("about an hour", nil), ("-3", nil),
            ("56739526", nil),
        ] as [(String, Int?)])
    func durationsInTheirCommonForms(value: String, seconds: Int?) {
        #expect(Metadata.seconds(inDuration: value) == seconds)
    }
}
