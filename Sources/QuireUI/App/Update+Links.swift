import QuireCore

/// Why a URL may not be handed to a browser: the checks run before anything is started.
public enum LinkSafety {
    /// Only these schemes open.
    public static let openableSchemes: Set<String> = ["http", "https"]

    /// The reason `url` is refused, or nil when it may open.
    ///
    /// Refused: no URL (a work named without one), a URL with whitespace or a control
    /// character (it would not be one argument, or would act on the terminal), one that
    /// begins with `-` (a browser would read it as an option), and any scheme but those of
    /// `schemes` (by default `http` and `https`; never `javascript:`, `file:`, `data:`…:
    /// a config file cannot list them).
    public static func refusal(toOpen url: String?, schemes: Set<String> = openableSchemes)
        -> String?
    {
        guard let url, !url.isEmpty else { return "it has no URL" }
        if url.hasPrefix("-") { return "the URL begins with -" }
        if url.unicodeScalars.contains(where: {
            $0.properties.isWhitespace || $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
                || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
        }) {
            return "the URL holds whitespace or a control character"
        }
        guard let colon = url.firstIndex(of: ":") else { return "it is not a web address" }
        let scheme = url[..<colon].lowercased()
        guard schemes.contains(scheme) else {
            let sorted = schemes.sorted()
            let listed =
                sorted.count > 1
                ? sorted.dropLast().joined(separator: ", ") + " and " + sorted[sorted.count - 1]
                : sorted.first ?? "no"
            return "only \(listed) links open, not \(TerminalText.sanitized(scheme)):"
        }
        guard url[colon...].hasPrefix("://"), url.count > scheme.count + 3 else {
            return "it is not a web address"
        }
        return nil
    }
}

/// A question on the status line that the next key answers (`y` yes, anything else no).
public struct Confirmation: Equatable, Sendable {
    /// What the status line asks.
    public var prompt: String
    /// The links to open when the answer is yes.
    var urls: [String]
    /// Their ids, marked read under the `open` read policy.
    var ids: [ItemID]
}

/// `o`, `O`, `y`, `Y` and the answer to `O`'s question.
func updateLinks(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .openLink:
        guard let link = targetLink(state) else {
            state.message = "no link here to open"
            return []
        }
        if let reason = LinkSafety.refusal(toOpen: link.url, schemes: state.openableSchemes) {
            state.message = "not opened: \(reason)"
            return []
        }
        let url = link.url!
        state.message = "opening \(url)"
        var effects: [Effect] = [.openURL(url)]
        if state.readPolicy == .open { effects += markRead(&state, ids: [link.id], what: nil) }
        return effects
    case .openSectionLinks:
        guard let section = state.currentSection else { return [] }
        var urls: [String] = []
        var ids: [ItemID] = []
        var refused = 0
        for link in section.links {
            if LinkSafety.refusal(toOpen: link.url, schemes: state.openableSchemes) == nil {
                urls.append(link.url!)
                ids.append(link.id)
            } else if link.url != nil {
                refused += 1
            }
        }
        guard !urls.isEmpty else {
            state.message = "no links in this section open in a browser"
            return []
        }
        let skipped = refused > 0 ? " (\(refused) more cannot open)" : ""
        let count = urls.count == 1 ? "1 link" : "\(urls.count) links"
        let prompt = "open \(count) in the browser\(skipped)? y opens, any other key cancels"
        state.confirmation = Confirmation(prompt: prompt, urls: urls, ids: ids)
        state.message = prompt
        return []
    case .confirm:
        guard let confirmation = state.confirmation else { return [] }
        state.confirmation = nil
        let count = confirmation.urls.count
        state.message = "opening \(count == 1 ? "1 link" : "\(count) links")"
        var effects = confirmation.urls.map(Effect.openURL)
        if state.readPolicy == .open {
            effects += markRead(&state, ids: confirmation.ids, what: nil)
        }
        return effects
    case .cancelConfirmation:
        state.confirmation = nil
        state.message = "nothing opened"
        return []
    case .copyURL, .copyMarkdownLink:
        guard let link = targetLink(state), let url = link.url else {
            state.message = "no link here to copy"
            return []
        }
        if action == .copyURL { return [.copy(url, what: "the URL")] }
        let text = link.text.isEmpty ? url : link.text
        return [.copy("[\(markdownEscaped(text))](\(markdownDestination(url)))", what: "the link")]
    case .linkReport(let message):
        state.message = message
        return []
    default:
        return []
    }
}

/// The link `o` and `y` act on: the selected search hit's, else the links pane's cursor
/// (which the reader highlights).
private func targetLink(_ state: AppState) -> Link? {
    if let search = state.search {
        guard search.hits.indices.contains(search.selected) else { return nil }
        let entry = search.hits[search.selected].entry
        guard let linkIndex = entry.link, let sectionIndex = entry.section,
            state.library.issues.indices.contains(entry.issue)
        else { return nil }
        let sections = state.library.issues[entry.issue].sections
        guard sections.indices.contains(sectionIndex),
            sections[sectionIndex].links.indices.contains(linkIndex)
        else { return nil }
        return sections[sectionIndex].links[linkIndex]
    }
    guard state.focus == .links || state.focus == .reader else { return nil }
    return state.currentLink
}

/// Link text safe inside `[…]`.
private func markdownEscaped(_ text: String) -> String {
    var out = ""
    for character in text {
        if character == "[" || character == "]" || character == "\\" { out.append("\\") }
        out.append(character)
    }
    return out
}

/// A destination safe inside `(…)`: unbalanced parentheses and spaces would end it.
private func markdownDestination(_ url: String) -> String {
    guard url.contains(where: { $0 == "(" || $0 == ")" || $0 == " " || $0 == "<" }) else {
        return url
    }
    var out = "<"
    for character in url {
        switch character {
        case "<": out += "%3C"
        case ">": out += "%3E"
        default: out.append(character)
        }
    }
    return out + ">"
}
