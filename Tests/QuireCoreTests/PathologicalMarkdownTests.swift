import Foundation
import QuireCore
import QuireTestSupport
import Testing

/// Inputs built to make Markdown parsers slow load in time proportional to their size.
///
/// The cases (cmark's pathological suite, a 10 MB line, a million links) are written by
/// `quire-pathological`, from a three-hundredth of their full size up, so the debug build used by
/// the tests stays quick; `scripts/bench-pathological` times them at full size in release.
/// Each case is grown until it takes a tenth of a second; it must parse within a generous
/// bound, and from a quarter of that size its time may grow with its size but not 2.5
/// times faster (a quadratic regression grows four times faster): machine noise and cache
/// sizes do not fail it, quadratic time does.
@Suite("Pathological Markdown", .serialized)
struct PathologicalMarkdownTests {
    static let generator = Checkout.builtExecutable("quire-pathological")

    /// The cases at `scale` (only the one called `name`, when given), by name.
    static func cases(scale: Double, named name: String? = nil) throws -> [(
        name: String, text: String
    )] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("quire-pathological-\(getpid())-\(scale)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: generator)
        process.arguments = [folder, String(scale)] + (name.map { [$0] } ?? [])
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
            (String($0.dropLast(3)), try String(contentsOfFile: folder + "/" + $0, encoding: .utf8))
        }
    }

    /// Seconds to parse `text`, the best of three runs.
    static func time(_ text: String) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
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
        // From a three-hundredth of full size, grown until measurable: the million links
        // take most of a second at an eightieth in the debug build, and several on a
        // busy machine.
        let cases = try Self.cases(scale: 0.003)
        #expect(cases.count == 25)
        for (name, small) in cases {
            // Grow the case until its time is well above timer noise, so a quadratic case
            // cannot hide by being fast at a small size.
            var scale = 0.003
            var text = small
            var seconds = Self.time(text)
            while seconds < 0.1, scale < 8 {
                scale *= 4
                text = try #require(Self.cases(scale: scale, named: name).first).text
                seconds = Self.time(text)
            }
            // A sanitizer build (QUIRE_SANITIZER set by .ci/run) runs several times slower:
            // the bound grows with it; the ratio below is what catches quadratic time.
            let bound = ProcessInfo.processInfo.environment["QUIRE_SANITIZER"] == nil ? 5.0 : 30.0
            #expect(seconds < bound, "\(name): \(seconds) s for \(text.utf8.count) bytes")
            // Time may grow with the size (and some noise, and caches), not with its square.
            // Sizes are compared in bytes: some cases grow faster than their repeat count.
            // Other tests running beside this one only ever slow a run down, so a measure
            // that comes out high is taken again (up to three times): a linear case comes
            // under the bound on some try, a quadratic one on none.
            let quarter = try #require(Self.cases(scale: scale / 4, named: name).first).text
            let sizeRatio = Double(text.utf8.count) / Double(quarter.utf8.count)
            var growth = (seconds / Self.time(quarter)) / sizeRatio
            for _ in 0..<2 where growth >= 2.5 {
                growth = min(growth, (Self.time(text) / Self.time(quarter)) / sizeRatio)
            }
            #expect(
                growth < 2.5,
                "\(name): time grew \(growth)× faster than the size (\(text.utf8.count) bytes)")
        }
    }

    @Test func everyCaseKeepsItsLinks() throws {
        let cases = Dictionary(
            uniqueKeysWithValues: try Self.cases(scale: 0.01).map { ($0.name, $0.text) })
        let links = try #require(cases["million-links"])
        #expect(Ingestor.parse(text: links, path: "l.md").allLinks.count == 10_000)
        let line = try #require(cases["ten-megabyte-line"])
        #expect(
            Ingestor.parse(text: line, path: "t.md").allLinks.map(\.url) == [
                "https://example.com/p"
            ])
        let urls = try #require(cases["bare-urls"])
        let found = Ingestor.parse(text: urls, path: "u.md").allLinks
        #expect(found.map(\.url) == ["https://example.com/a_(b)"])
        #expect(found.first?.text == "https://example.com/a_(b)")
        let images = try #require(cases["empty-images-of-links"])
        #expect(Ingestor.parse(text: images, path: "i.md").allLinks.isEmpty)
    }
}
