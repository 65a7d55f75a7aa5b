import Foundation
import QuireCore
import QuireTestSupport
import QuireUI
import Testing

@Suite("keymap")
struct KeymapTests {
    @Test func everyBindingHasHelpAndAContext() {
        for binding in Keymap.standard.bindings {
            #expect(!binding.help.isEmpty)
            #expect(!binding.contexts.isEmpty)
            #expect(!binding.keyNames.isEmpty)
        }
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in KeyContext.allCases {
            var seen: [Key: KeyCommand] = [:]
            var takesOthers = 0
            for binding in Keymap.standard.bindings where binding.contexts.contains(context) {
                if binding.takesOtherKeys { takesOthers += 1 }
                for key in binding.keys {
                    #expect(
                        seen[key] == nil,
                        "\(key) in \(context) is bound to \(String(describing: seen[key])) and \(binding.command)"
                    )
                    seen[key] = binding.command
                }
            }
            #expect(takesOthers <= 1, "\(context) has \(takesOthers) rows for other keys")
        }
    }

    @Test func everyDesignKeyIsBoundInTheLists() throws {
        let keys = try KeyScript.parse(
            "jkgGlh?q <Down><Up><Home><End><PgDn><PgUp><C-d><C-u><Left><Right><Tab><S-Tab><Enter><C-l>"
        )
        for key in keys {
            let action = Keymap.standard.action(for: key, in: [.lists, .global])
            #expect(action != nil && action != .unboundKey(key), "\(key) is not bound")
        }
    }

    /// Each context is chosen from the state, and a key is looked up there first.
    @Test func theStateChoosesTheContextAKeyIsLookedUpIn() {
        var state = AppState(library: Fixtures.seeds, size: Size(columns: 100, rows: 30))
        let keymap = state.keymap
        func action(_ key: Key) -> Action? { keymap.action(for: key, in: state.keyContexts) }
        #expect(action(.char("j")) == .moveDown)
        #expect(action(.char("x")) == .unboundKey(.char("x")))
        #expect(action(.ctrl("l")) == .redraw)
        _ = update(&state, .beginSearch)
        #expect(action(.char("j")) == .searchInsert("j"))
        #expect(action(.down) == .selectHit(by: 1))
        #expect(action(.ctrl("l")) == .redraw)
        #expect(action(.ctrl("d")) == nil)
        _ = update(&state, .cancelSearch)
        _ = update(&state, .toggleHelp)
        #expect(action(.char("x")) == .closeHelp)
        #expect(action(.char("j")) == .helpPage(by: 1))
        #expect(action(.ctrl("l")) == .redraw)
    }

    /// The help pages with j and k, closes on any other key (which then does nothing
    /// else), and closes when paged past either end.
    @Test func helpPagesAndClosesLikeAPager() throws {
        let small = Size(columns: 80, rows: 24)
        let (_, closed) = try Fixtures.drive(size: small, keys: "?x")
        #expect(!closed.showsHelp)
        #expect(closed.issues.selected == 0)
        #expect(closed.message == nil)
        let (terminal, paged) = try Fixtures.drive(size: small, keys: "?j")
        #expect(paged.showsHelp)
        #expect(paged.helpPage == 1)
        #expect(terminal.screen.lines().joined().contains("Keys 2/"))
        let (_, past) = try Fixtures.drive(size: small, keys: "?jj")
        #expect(!past.showsHelp)
        let (_, before) = try Fixtures.drive(size: small, keys: "?k")
        #expect(!before.showsHelp)
        let (_, unbound) = try Fixtures.drive(size: small, keys: "x")
        #expect(unbound.message == "x is not bound; ? lists the keys")
    }

    /// The help stays up while nothing is pressed: the loop's ticks, saved marks and
    /// search results are not keys (before, the first tick, a quarter of a second after
    /// `?`, closed it).
    @Test func theHelpStaysOpenWhileIdle() {
        var state = AppState(library: Fixtures.seeds, size: Size(columns: 100, rows: 30))
        _ = update(&state, .toggleHelp)
        for action in [Action.tick, .tick, .stateSaved(merged: ReadState()), .linkReport("x")] {
            _ = update(&state, action)
        }
        #expect(state.showsHelp)
    }

    /// A new key is one row: dispatch and the help both see it.
    @Test func aRowAddedToAKeymapIsDispatchedAndListedInTheHelp() throws {
        var keymap = Keymap.standard
        keymap.bindings.insert(
            Binding(.toggleStar, [.char("x")], "star it with x", in: [.lists]), at: 0)
        let size = Size(columns: 120, rows: 40)
        let events = try KeyScript.parse("lx?").map { InputEvent.key($0) }
        let terminal = ScriptedTerminal(size: size, events: events)
        let state = AppLoop().run(
            AppState(library: Fixtures.seeds, size: size, keymap: keymap), on: terminal)
        #expect(state.marks.items.values.filter(\.starred).count == 1)
        let help = terminal.screen.lines().joined(separator: "\n")
        #expect(help.contains("star it with x"))
        var standard = AppState(library: Fixtures.seeds, size: size)
        _ = update(&standard, .toggleHelp)
        let standardHelp = render(standard).lines().joined(separator: "\n")
        #expect(standardHelp.contains("toggle star"))
        #expect(!standardHelp.contains("star it with x"))
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
