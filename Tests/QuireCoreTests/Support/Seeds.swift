import Foundation
import QuireCore

/// The checkout's seed documents, parsed once for the tests that read them.
enum Seeds {
    static let folder: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(4)  // Seeds.swift, Support, QuireCoreTests, Tests
        return components.joined(separator: "/") + "/seeds"
    }()

    static let newsletterPath = folder + "/000_c55989c8225910e4.txt"
    static let showNotesPath = folder + "/003_e90002b915197ae8.txt"
    static let threadPath = folder + "/004_79e5a1507919cb83.txt"

    static let newsletter = parse(newsletterPath)
    static let showNotes = parse(showNotesPath)
    static let thread = parse(threadPath)

    static func parse(_ path: String) -> Issue {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return Ingestor.parse(text: text, path: path)
    }
}

/// Parses a document given inline.
func parse(_ text: String, path: String = "fixture.txt") -> Issue {
    Ingestor.parse(text: text, path: path)
}

extension Issue {
    /// Every link text in document order.
    var linkTexts: [String] { allLinks.map { String($0.text) } }

    /// The first link whose text contains `fragment`.
    func link(containing fragment: String) -> Link? {
        allLinks.first { $0.text.contains(fragment) }
    }
}

/// The path of an executable built beside this test binary (`quire-state-stress`,
/// `quire-pathological`).
func builtExecutable(_ name: String) -> String {
    let test =
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments[0]
    var folder = (test as NSString).deletingLastPathComponent
    while !folder.isEmpty, folder != "/",
        !FileManager.default.isExecutableFile(atPath: folder + "/" + name)
    {
        folder = (folder as NSString).deletingLastPathComponent
    }
    return folder + "/" + name
}
