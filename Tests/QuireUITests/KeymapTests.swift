import Foundation
import QuireTestSupport
import QuireUI
import Testing

@Suite("keymap")
struct KeymapTests {
    @Test func everyBindingHasHelpAndKeys() {
        for binding in Keymap.standard.bindings {
            #expect(!binding.help.isEmpty)
            #expect(!binding.keys.isEmpty)
        }
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        var seen: [Key: Action] = [:]
        for binding in Keymap.standard.bindings {
            for key in binding.keys {
                #expect(
                    seen[key] == nil,
                    "\(key) is bound to \(String(describing: seen[key])) and \(binding.action)")
                seen[key] = binding.action
            }
        }
    }

    @Test func everyDesignKeyIsBound() throws {
        let keys = try KeyScript.parse(
            "jkgGlh?q <Down><Up><Home><End><PgDn><PgUp><C-d><C-u><Left><Right><Tab><S-Tab><Enter><C-l>"
        )
        for key in keys {
            #expect(Keymap.standard.action(for: key) != nil, "\(key) is not bound")
        }
    }

    /// The README's key table is the keymap's; record with QUIRE_RECORD_SNAPSHOTS=1.
    @Test func theReadmeKeyTableMatchesTheKeymap() throws {
        let path = Checkout.path("README.md")
        let readme = try String(contentsOfFile: path, encoding: .utf8)
        let begin = "<!-- keys:begin -->\n"
        let end = "<!-- keys:end -->"
        let start = try #require(readme.range(of: begin))
        let stop = try #require(readme.range(of: end))
        let table = String(readme[start.upperBound..<stop.lowerBound])
        let expected = Keymap.standard.markdownTable()
        if table != expected {
            if ProcessInfo.processInfo.environment["QUIRE_RECORD_SNAPSHOTS"] == "1" {
                try readme.replacingCharacters(
                    in: start.upperBound..<stop.lowerBound, with: expected
                )
                .write(toFile: path, atomically: true, encoding: .utf8)
            }
            Issue.record("README key table differs from Keymap.standard:\n\(expected)")
        }
    }

    @Test func keyScriptsNameSpecialKeys() throws {
        #expect(
            try KeyScript.parse("j<Down><C-d><lt><S-Tab>\r") == [
                .char("j"), .down, .ctrl("d"), .char("<"), .backTab, .enter,
            ])
        #expect(throws: KeyScript.UnknownKey.self) { try KeyScript.parse("<Nope>") }
    }
}

@Suite("README")
struct ReadmeScreenshotTests {
    /// The indented block after `marker` in the README, without its indentation.
    func block(after marker: String) throws -> [String] {
        let readme = try String(contentsOfFile: Checkout.path("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: marker + "\n\n"))
        return readme[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { !$0.isEmpty }.map { String($0.dropFirst(4)) }
    }

    func rendered(_ size: Size, _ keys: String) throws -> [String] {
        let (terminal, _) = try Fixtures.drive(size: size, keys: keys)
        return terminal.screen.lines().map {
            String($0.reversed().drop(while: { $0 == " " }).reversed())
        }
    }

    /// The README's screenshot is what `quire render --size 100x30 --keys ljjj` prints.
    @Test func theScreenshotIsCurrent() throws {
        let shown = try block(after: "(`quire render --size 100x30 --keys ljjj`):")
        let screen = try rendered(Size(columns: 100, rows: 30), "ljjj")
        #expect(shown.count == 30)
        #expect(shown == screen, "regenerate with: quire render --size 100x30 --keys ljjj")
    }

    /// The search screenshot is the top of `quire render --size 100x12 --keys /diffusion`.
    @Test func theSearchScreenshotIsCurrent() throws {
        let shown = try block(after: "(`quire render --size 100x12 --keys /diffusion`):")
        let screen = try rendered(Size(columns: 100, rows: 12), "/diffusion")
        #expect(shown.count >= 5)
        #expect(
            shown == Array(screen.prefix(shown.count)),
            "regenerate with: quire render --size 100x12 --keys /diffusion")
    }
}
