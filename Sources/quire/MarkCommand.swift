import ArgumentParser
import QuireCore

/// `quire mark ID|URL … --read|--unread|--star|--unstar`: change marks from scripts.
struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Mark items read, unread, starred or unstarred, by id or URL.",
        discussion: """
            An item is a 16-digit id (as `quire dump` prints) or a URL; a URL names the \
            same reading item wherever it appears (tracking parameters and case ignored).
            """
    )

    enum Change: String, EnumerableFlag {
        case read, unread, star, unstar
    }

    @Argument(help: "Item ids or URLs.") var items: [String]
    @Flag(help: "What to do (several may be given: --read --star).") var changes: [Change] = []
    @OptionGroup var state: StateOptions

    func validate() throws {
        if items.isEmpty { throw ValidationError("name at least one id or URL") }
        if changes.isEmpty {
            throw ValidationError("say what to do: --read, --unread, --star or --unstar")
        }
    }

    func run() throws {
        let ids = items.map { item in ItemID(hex: item) ?? Link.identity(text: "", url: item) }
        let now = StateClock.now()
        do {
            // Read these items' marks only, then append the changed items to the journal:
            // neither costs a parse of the whole state.
            let store = state.store
            let current = try store.marks(of: Set(ids))
            var changed: [ItemID: ItemState] = [:]
            for id in ids {
                var item = changed[id] ?? current[id] ?? ItemState(changed: now)
                for change in changes {
                    switch change {
                    case .read: item.read = true
                    case .unread: item.read = false
                    case .star: item.starred = true
                    case .unstar: item.starred = false
                    }
                }
                item.changed = now
                changed[id] = item
            }
            try store.commit(changed)
        } catch {
            StandardError.write("quire: \(error)\n")
            throw ExitCode(1)
        }
        for (id, item) in zip(ids, items) {
            StandardOutput.write("\(id)\t\(item)\n")
        }
    }
}
