import ArgumentParser
import Foundation
import QuireCore

/// `quire state …`: where the state file is, merging another machine's, pruning.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Work with the read/starred state file.",
        subcommands: [Path.self, Stats.self, Compact.self, Merge.self, Prune.self]
    )

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "path", abstract: "Print where the state file is.")
        @OptionGroup var state: StateOptions
        func run() throws { StandardOutput.write(state.path + "\n") }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Print how many items the state holds, and the files' sizes.")
        @OptionGroup var state: StateOptions

        func run() throws {
            let store = state.store
            let marks: ReadState
            do {
                marks = try store.load()
            } catch {
                StandardError.write("quire: \(error)\n")
                throw ExitCode(1)
            }
            let sizes = store.sizes()
            let read = marks.items.values.count { $0.read }
            let starred = marks.items.values.count { $0.starred }
            StandardOutput.write(
                """
                file      \(state.path)
                items     \(marks.items.count) (\(read) read, \(starred) starred)
                snapshot  \(sizes.snapshot) bytes
                journal   \(sizes.journalLines) entries, \(sizes.journal) bytes

                """)
        }
    }

    struct Compact: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compact",
            abstract: "Fold the journal into the state file now.",
            discussion: """
                Marks are appended to a journal beside the state file and folded into it \
                when the journal grows past 1 MiB (or an eighth of the file); this does it \
                now. Nothing changes but where the marks are written.
                """)
        @OptionGroup var state: StateOptions

        func run() throws {
            do {
                try state.store.compact()
            } catch {
                StandardError.write("quire: \(error)\n")
                throw ExitCode(1)
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge another state file (another machine's) into this one.",
            discussion: """
                Item by item, the most recent change wins; on a tie, read and starred win. \
                Prints each item that changed. The other file is only read.
                """)
        @OptionGroup var state: StateOptions
        @Argument(help: "The state file to merge in.") var other: String

        func run() throws {
            let incoming: ReadState
            do {
                incoming = try StateStore(path: other).load()
                guard FileManager.default.fileExists(atPath: other) else {
                    throw StateFileError(path: other, message: "no such file")
                }
            } catch {
                StandardError.write("quire: \(error)\n")
                throw ExitCode(1)
            }
            var changed: [ItemID] = []
            do {
                try state.store.update { current in changed = current.merge(incoming) }
            } catch {
                StandardError.write("quire: \(error)\n")
                throw ExitCode(1)
            }
            for id in changed {
                let item = incoming.items[id]!
                StandardOutput.write(
                    "\(id)\t\(describe(item))\t\(StateClock.format(secondsSince1970: item.changed))\n"
                )
            }
            StandardOutput.write("\(changed.count) of \(incoming.items.count) items changed\n")
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prune",
            abstract: "Remove the state of items no longer in the library, listing them.")
        @OptionGroup var state: StateOptions
        @OptionGroup var library: LibraryOptions

        func run() throws {
            let loaded = library.load()
            var known = ItemIDSet()
            for issue in loaded.issues {
                known.insert(issue.id)
                for section in issue.sections {
                    known.insert(section.id)
                    for index in section.links.indices { known.insert(section.links.id(at: index)) }
                }
            }
            var removed: [ItemID] = []
            do {
                try state.store.update { current in
                    removed = current.items.keys.filter { !known.contains($0) }.sorted()
                    for id in removed { current.items.removeValue(forKey: id) }
                }
            } catch {
                StandardError.write("quire: \(error)\n")
                throw ExitCode(1)
            }
            for id in removed { StandardOutput.write("removed \(id)\n") }
            StandardOutput.write(
                removed.count == 1 ? "1 item removed\n" : "\(removed.count) items removed\n")
            if !loaded.failures.isEmpty { throw ExitCode(1) }
        }
    }
}

/// `read, starred` / `unread` words for an item's marks.
func describe(_ item: ItemState) -> String {
    var words = [item.read ? "read" : "unread"]
    if item.starred { words.append("starred") }
    return words.joined(separator: ", ")
}
