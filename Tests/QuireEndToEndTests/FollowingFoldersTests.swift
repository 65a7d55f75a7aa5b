import Foundation
import Testing

/// A library that follows its folders, in a real terminal: documents added or edited
/// while quire runs appear without a key, and the cursor stays where it was.
@Suite("following the library's folders", .enabled(if: TmuxSession.isAvailable), .serialized)
struct FollowingFoldersTests {
    typealias Folder = LinkSessionTests.Folder

    static func newsletter(_ number: Int, links: Int = 3) -> String {
        "# Weekly \(number)\n\n## Links\n\n"
            + (1...links).map { "- [Item \(number).\($0)](https://example.com/\(number)/\($0))\n" }
            .joined()
    }

    @Test func aDocumentAddedWhileQuireRunsAppearsAndTheCursorStays() throws {
        let folder = try Folder()
        try folder.write("library/2026-01-weekly-1.md", Self.newsletter(1))
        try folder.write("library/2026-03-weekly-3.md", Self.newsletter(3))
        let tmux = try TmuxSession(
            "cd '\(folder.path)' && '\(QuireProcess.executable)' --state '\(folder.file("state.json"))' library"
        )
        try tmux.waitForStartUp()
        // On the second issue's second link.
        try tmux.send("j", "l", "l", "j")
        try tmux.waitFor("the links pane on Item 3.2") { lines in
            lines.first?.contains("2/3") == true && lines.contains { $0.contains("Item 3.2") }
        }
        // A new issue that sorts before the cursor's (the library is in path order).
        try folder.write("library/2026-02-weekly-2.md", Self.newsletter(2))
        try tmux.waitFor("the new issue, without a key") { lines in
            lines.contains { $0.contains("1 new issue") }
                && lines.contains { $0.contains("Weekly 2") }
        }
        // The cursor is still on Weekly 3's second link, now the third issue.
        var screen = try tmux.capture()
        #expect(screen.first?.contains("3/3") == true, "\(screen.joined(separator: "\n"))")
        #expect(screen.first?.hasSuffix("2/3") == true, "\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("Item 3.2") })
        // An edit of the cursor's document: still on the same link.
        try folder.write("library/2026-03-weekly-3.md", Self.newsletter(3, links: 5))
        try tmux.waitFor("the edited issue") { lines in
            lines.contains { $0.contains("1 issue changed") }
                && lines.contains { $0.contains("Item 3.5") }
        }
        screen = try tmux.capture()
        #expect(screen.first?.hasSuffix("2/5") == true, "\(screen.joined(separator: "\n"))")
    }

    @Test func ctrlRReadsTheFilesAgainWhenNotFollowing() throws {
        let folder = try Folder()
        try folder.write("library/2026-01-weekly-1.md", Self.newsletter(1))
        let tmux = try TmuxSession(
            "cd '\(folder.path)' && '\(QuireProcess.executable)' --no-watch --state '\(folder.file("state.json"))' library"
        )
        try tmux.waitForStartUp()
        try folder.write("library/2026-02-weekly-2.md", Self.newsletter(2))
        try tmux.send("C-r")
        try tmux.waitFor("the new issue after Ctrl-R") { lines in
            lines.contains { $0.contains("1 new issue") }
                && lines.first?.contains("1/2") == true
        }
        try tmux.send("C-r")
        try tmux.waitFor("nothing more") { lines in
            lines.contains { $0.contains("the library is unchanged") }
        }
    }
}
