import Foundation
import QuireCore
import Testing

/// Inputs built to make Markdown parsers slow load in time proportional to their size.
///
/// The cases (cmark's pathological suite, a 10 MB line, a million links) are written by
/// `quire-pathological`, at a twentieth of their full size so the debug build used by the
/// tests stays quick; `scripts/bench-pathological` times them at full size in release.
/// Each must parse within a generous bound, and at half the size in well under half that
/// time's quadratic share: a regression to quadratic time fails, machine noise does not.
@Suite("Pathological Markdown", .serialized)
struct PathologicalMarkdownTests {
    static let generator = builtExecutable("quire-pathological")

    /// The cases at `scale`, by name.
    static func cases(scale: Double) throws -> [(name: String, text: String)] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("quire-pathological-\(getpid())-\(scale)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: generator)
        process.arguments = [folder, String(scale)]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
            ($0, try String(contentsOfFile: folder + "/" + $0, encoding: .utf8))
        }
    }

    /// Seconds to parse `text`, the best of two runs.
    static func time(_ text: String) -> Double {
        var best = Double.infinity
        for _ in 0..<2 {
            let start = ContinuousClock.now
            _ = Ingestor.parse(text: text, path: "case.md")
            let elapsed = ContinuousClock.now - start
            best = min(
                best,
                Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    @Test func everyCaseLoadsInTimeProportionalToItsSize() throws {
        let full = try Self.cases(scale: 0.05)
        let half = Dictionary(
            uniqueKeysWithValues: try Self.cases(scale: 0.025).map { ($0.name, $0.text) })
        #expect(full.count == 23)
        for (name, text) in full {
            let seconds = Self.time(text)
            #expect(seconds < 5, "\(name): \(seconds) s for \(text.utf8.count) bytes")
            // Doubling the input may double the time (and some noise), not quadruple it.
            if seconds > 0.1, let smaller = half[name] {
                let ratio = seconds / Self.time(smaller)
                #expect(ratio < 3.2, "\(name): twice the input took \(ratio)× the time")
            }
        }
    }

    @Test func everyCaseKeepsItsLinks() throws {
        let cases = Dictionary(
            uniqueKeysWithValues: try Self.cases(scale: 0.01).map { ($0.name, $0.text) })
        let links = try #require(cases["million-links.md"])
        #expect(Ingestor.parse(text: links, path: "l.md").allLinks.count == 10_000)
        let line = try #require(cases["ten-megabyte-line.md"])
        #expect(
            Ingestor.parse(text: line, path: "t.md").allLinks.map(\.url) == [
                "https://example.com/p"
            ])
        let images = try #require(cases["empty-images-of-links.md"])
        #expect(Ingestor.parse(text: images, path: "i.md").allLinks.isEmpty)
    }
}
