import Foundation
import QuireCore
import QuireTestSupport

/// The checkout's seed documents, parsed once for the tests that read them.
enum Seeds {
    static let folder = Checkout.path("seeds")

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
