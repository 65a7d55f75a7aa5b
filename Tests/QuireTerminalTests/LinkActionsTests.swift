import Foundation
import QuireTerminal
import Testing

@Suite("browser command and OSC 52")
struct BrowserAndClipboardTests {
    let everything: (String) -> String? = { "/usr/bin/" + $0 }

    @Test func browserListTakesTheFirstEntryThatExists() throws {
        let found: (String) -> String? = { $0 == "w3m" ? "/usr/bin/w3m" : nil }
        let browser = try #require(
            BrowserCommand.resolve(environment: ["BROWSER": "firefox:w3m -N %s"], find: found))
        #expect(browser.executable == "/usr/bin/w3m")
        #expect(browser.isTextBrowser)
        #expect(browser.arguments(for: "https://e.com/a") == ["w3m", "-N", "https://e.com/a"])
    }

    @Test func theURLIsOneArgumentWhateverItHolds() throws {
        let browser = try #require(
            BrowserCommand.resolve(environment: ["BROWSER": "open -a Safari"], find: everything))
        let url = "https://e.com/$(touch pwned)`id`;rm -rf x'\""
        #expect(browser.arguments(for: url) == ["open", "-a", "Safari", url])
        #expect(!browser.isTextBrowser)
        let quoted = try #require(
            BrowserCommand.resolve(
                environment: ["BROWSER": "firefox --new-tab=%s 100%%"], find: everything))
        #expect(quoted.arguments(for: url) == ["firefox", "--new-tab=" + url, "100%"])
    }

    @Test func withoutBrowserXdgOpenThenOpen() throws {
        let xdg = try #require(BrowserCommand.resolve(environment: [:], find: everything))
        #expect(xdg.words == ["xdg-open"])
        let mac = try #require(
            BrowserCommand.resolve(
                environment: ["BROWSER": "nonesuch"],
                find: { $0 == "open" ? "/usr/bin/open" : nil }))
        #expect(mac.words == ["open"])
        #expect(BrowserCommand.resolve(environment: [:], find: { _ in nil }) == nil)
    }

    @Test func osc52CarriesTheTextInBase64WrappedForTheMultiplexer() {
        let url = "https://example.com/a?b=1"
        let payload = Data(url.utf8).base64EncodedString()
        let plain = "\u{1B}]52;c;\(payload)\u{07}"
        #expect(ClipboardSequence.bytes(for: url, wrapping: .none) == Array(plain.utf8))
        #expect(
            ClipboardSequence.bytes(for: url, wrapping: .tmux)
                == Array("\u{1B}Ptmux;\u{1B}\u{1B}]52;c;\(payload)\u{07}\u{1B}\\".utf8))
        let screen = String(
            decoding: ClipboardSequence.bytes(for: url, wrapping: .screen), as: UTF8.self)
        #expect(screen.hasPrefix("\u{1B}P\u{1B}]52;c;"))
        #expect(
            screen.replacingOccurrences(of: "\u{1B}\\\u{1B}P", with: "").dropFirst(2).dropLast(2)
                == plain[...])
        // Controls never reach the payload.
        #expect(
            ClipboardSequence.payload(for: "a\u{1B}[2Jb") == Data("a␛b".utf8).base64EncodedString())
    }
}
