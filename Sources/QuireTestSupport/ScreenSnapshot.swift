import Foundation
import QuireUI

/// Golden text screens: a buffer written as readable text next to the tests.
///
/// The file has a `size:` header, every row in quotes (so trailing spaces show), then a
/// `styles:` section giving, row by row, the runs of columns and the style each has. Set
/// `QUIRE_RECORD_SNAPSHOTS=1` to record; a missing or freshly recorded snapshot is a
/// failure, and a mismatch reports the first differing line.
public enum ScreenSnapshot {
    /// The text form of a buffer.
    public static func text(_ buffer: ScreenBuffer) -> String {
        var out = "size: \(buffer.size)\n"
        for line in buffer.lines() { out += "\"\(line)\"\n" }
        out += "styles:\n"
        for y in 0..<buffer.size.rows {
            var runs: [String] = []
            var start = 0
            var current = buffer.size.columns > 0 ? buffer[0, y].style : .normal
            for x in 0...buffer.size.columns {
                let style = x < buffer.size.columns ? buffer[x, y].style : nil
                if style != current {
                    if current != .normal {
                        runs.append(
                            start == x - 1 ? "\(start) \(current)" : "\(start)-\(x - 1) \(current)")
                    }
                    start = x
                    if let style { current = style }
                }
            }
            if !runs.isEmpty { out += "\(y): " + runs.joined(separator: ", ") + "\n" }
        }
        return out
    }

    /// Compares `actual` with the file `name` in `folder`; returns a failure message or nil.
    public static func verify(_ actual: String, named name: String, in folder: String) -> String? {
        let path = folder + "/" + name
        let record = ProcessInfo.processInfo.environment["QUIRE_RECORD_SNAPSHOTS"] == "1"
        guard !record, let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            try? FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true)
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            return "recorded \(path); review it and run the tests again"
        }
        guard expected != actual else { return nil }
        return "\(name) differs from \(path):\n" + difference(expected, actual)
    }

    /// Every line that differs, numbered, the recorded one (`-`) above the new one (`+`):
    /// the whole screen's changes at once, not only the first (at most 60 lines of them).
    static func difference(_ expected: String, _ actual: String) -> String {
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for line in 0..<max(want.count, got.count) {
            let before = line < want.count ? String(want[line]) : "<end>"
            let after = line < got.count ? String(got[line]) : "<end>"
            guard before != after else { continue }
            if out.count >= 60 {
                out.append("…")
                break
            }
            out.append("\(line + 1)- \(before)")
            out.append("\(line + 1)+ \(after)")
        }
        return out.joined(separator: "\n")
    }
}
