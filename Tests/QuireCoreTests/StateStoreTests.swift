import Foundation
import QuireCore
import QuireTestSupport
import Testing

@Suite("state file and store")
struct StateStoreTests {
    let folder: LoadingTests.Folder
    var path: String { folder.path + "/state.json" }

    init() throws { folder = try LoadingTests.Folder() }

    func id(_ n: Int) -> ItemID { ItemID(namespace: "test", key: "\(n)") }

    @Test func commitsRoundTripInTheContractFormat() throws {
        let store = StateStore(path: path)
        #expect(try store.load() == ReadState())
        try store.commit([
            id(1): ItemState(
                read: true, starred: false,
                changed: StateClock.seconds(iso: "2026-11-23T19:40:00Z")!)
        ])
        try store.commit([
            id(2): ItemState(
                read: false, starred: true,
                changed: StateClock.seconds(iso: "2026-11-23T19:41:00Z")!)
        ])
        // Marks go to the journal, one JSON object a line.
        let journal = try String(contentsOfFile: path + ".journal", encoding: .utf8)
        #expect(
            journal == """
                {"id": "\(id(1))", "read": true, "starred": false, "changed": "2026-11-23T19:40:00Z"}
                {"id": "\(id(2))", "read": false, "starred": true, "changed": "2026-11-23T19:41:00Z"}

                """)
        #expect(try store.load().items.count == 2)
        // Folded into the snapshot, they are the contract's JSON.
        try store.compact()
        #expect(!FileManager.default.fileExists(atPath: path + ".journal"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 2)
        let items = try #require(json["items"] as? [String: [String: Any]])
        #expect(items[id(1).description]?["read"] as? Bool == true)
        #expect(items[id(2).description]?["starred"] as? Bool == true)
        #expect(items[id(2).description]?["changed"] as? String == "2026-11-23T19:41:00Z")
        #expect(try store.load().items.count == 2)
    }

    @Test func aCommitAfterALoadReadsOnlyWhatOthersAppended() throws {
        let a = StateStore(path: path)
        let b = StateStore(path: path)
        try b.commit([id(1): ItemState(read: true, changed: 1)])
        #expect(try a.load().items.keys.sorted() == [id(1)])
        try b.commit([id(2): ItemState(starred: true, changed: 2)])
        // What b appended since a's load, and a's own change; not the whole state again.
        let seen = try a.commit([id(3): ItemState(read: true, changed: 3)])
        #expect(seen.items.keys.sorted() == [id(2), id(3)].sorted())
        #expect(try StateStore(path: path).load().items.count == 3)
        // Folded by another writer, the journal is read again from the new snapshot.
        try b.compact()
        try b.commit([id(4): ItemState(read: true, changed: 4)])
        #expect(try a.commit([id(5): ItemState(read: true, changed: 5)]).items.count == 5)
    }

    @Test func aVersionOneFileIsReadAndKept() throws {
        let v1 = """
            { "version": 1,
              "items": {
                "\(id(1))": { "read": true, "starred": false, "changed": "2026-11-23T19:40:00Z" }
              } }

            """
        try v1.write(toFile: path, atomically: true, encoding: .utf8)
        let store = StateStore(path: path)
        try store.commit([id(2): ItemState(starred: true, changed: StateClock.now())])
        let marks = try StateStore(path: path).load()
        #expect(marks.isRead(id(1)) && marks.isStarred(id(2)))
    }

    @Test func theJournalIsFoldedIntoTheSnapshotWhenItGrows() throws {
        let store = StateStore(path: path)
        var n = 0
        // Past 1 MiB of journal (about 100 bytes a line) the writer folds it.
        while FileManager.default.fileExists(atPath: path + ".journal") || n == 0 {
            n += 1
            var batch: [ItemID: ItemState] = [:]
            for k in 0..<500 { batch[id(n * 1000 + k)] = ItemState(read: true, changed: n) }
            try store.commit(batch)
            #expect(n < 40, "the journal was never folded")
            if n >= 40 { break }
        }
        #expect(try StateStore(path: path).load().items.count == n * 500)
        #expect(try StateStore(path: path).load() == (try store.load()))
    }

    @Test func aLineCutShortByAWriterThatDiedIsIgnoredAndCutOff() throws {
        let store = StateStore(path: path)
        try store.commit([id(1): ItemState(read: true, changed: 10)])
        let handle = try #require(FileHandle(forWritingAtPath: path + ".journal"))
        handle.seekToEndOfFile()
        handle.write(Data("{\"id\": \"\(id(2))\", \"read\": tr".utf8))
        handle.closeFile()
        #expect(try StateStore(path: path).load().items.keys.sorted() == [id(1)])
        try StateStore(path: path).commit([id(3): ItemState(starred: true, changed: 11)])
        let lines = try String(contentsOfFile: path + ".journal", encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 2)
        #expect(try StateStore(path: path).load().items.keys.sorted() == [id(1), id(3)].sorted())
    }

    @Test func theMostRecentChangeWinsAndTiesKeepTheMark() {
        var state = ReadState(items: [
            id(1): ItemState(read: true, changed: StateClock.seconds(iso: "2026-01-02T00:00:00Z")!)
        ]
        )
        state.merge(
            ReadState(items: [
                id(1): ItemState(
                    read: false, changed: StateClock.seconds(iso: "2026-01-01T00:00:00Z")!)
            ]))
        #expect(state.isRead(id(1)))
        state.merge(
            ReadState(items: [
                id(1): ItemState(
                    read: false, changed: StateClock.seconds(iso: "2026-01-03T00:00:00Z")!)
            ]))
        #expect(!state.isRead(id(1)))
        state.merge(
            ReadState(items: [
                id(1): ItemState(
                    read: true, changed: StateClock.seconds(iso: "2026-01-03T00:00:00Z")!)
            ]))
        #expect(state.isRead(id(1)))
    }

    @Test func anotherInstancesMarksAreMergedNotOverwritten() throws {
        let a = StateStore(path: path)
        let b = StateStore(path: path)
        try a.commit([id(1): ItemState(read: true, changed: StateClock.now())])
        let merged = try b.commit([id(2): ItemState(starred: true, changed: StateClock.now())])
        #expect(merged.isRead(id(1)) && merged.isStarred(id(2)))
        #expect(try a.load().items.count == 2)
    }

    @Test(arguments: [
        ("{ \"version\": 1,\n  \"items\": { x }\n}", "state.json:2:14: not valid JSON"),
        ("[1, 2]", "state.json: expected a JSON object with \"version\" and \"items\""),
        (
            "{ \"version\": 3, \"items\": {} }",
            "state.json: written by a newer quire (version 3; this one reads 2)"
        ),
        (
            "{ \"version\": 1, \"items\": { \"zz\": {} } }",
            "state.json: item id \"zz\" is not 16 hex digits"
        ),
    ])
    func aFileThatCannotBeUsedIsRefusedAndLeftAlone(content: String, message: String) throws {
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        let store = StateStore(path: path)
        #expect(throws: StateFileError.self) { try store.load() }
        do {
            try store.commit([id(1): ItemState(read: true, changed: StateClock.now())])
            Issue.record("commit over a bad file succeeded")
        } catch let error as StateFileError {
            #expect(error.description == folder.path + "/" + message)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
    }

    @Test func modeAndSymlinkArePreservedAndNoTemporaryFileIsLeft() throws {
        let real = folder.path + "/real-state.json"
        try StateStore(path: real).commit([id(1): ItemState(read: true, changed: StateClock.now())])
        try StateStore(path: real).compact()
        chmod(real, 0o600)
        try FileManager.default.createSymbolicLink(
            atPath: path, withDestinationPath: "real-state.json")
        try StateStore(path: path).commit([id(2): ItemState(read: true, changed: StateClock.now())])
        // The journal beside the target takes the snapshot's mode.
        var info = stat()
        stat(real + ".journal", &info)
        #expect(info.st_mode & 0o777 == 0o600)
        try StateStore(path: path).compact()
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: path) == "real-state.json")
        stat(real, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(try StateStore(path: real).load().items.count == 2)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["real-state.json", "real-state.json.lock", "state.json"])
    }

    @Test func aFileCutShortAtAnyByteIsRefusedWithItsLineAndColumnAndNeverWritten() throws {
        let full = StateFile.encode(
            ReadState(
                items: Dictionary(
                    uniqueKeysWithValues: (1...3).map {
                        (
                            id($0),
                            ItemState(
                                read: true, starred: $0 == 2,
                                changed: StateClock.seconds(iso: "2026-11-23T19:40:00Z")!)
                        )
                    })))
        // Everything up to the closing brace is cut short; the last bytes are `}` and `\n`.
        for length in 0..<(full.count - 1) {
            let cut = full.prefix(length)
            try cut.write(to: URL(fileURLWithPath: path))
            do {
                try StateStore(path: path).commit(
                    [id(9): ItemState(read: true, changed: StateClock.now())])
                Issue.record("commit over a file cut at \(length) succeeded")
            } catch let error as StateFileError {
                #expect(error.line != nil && error.column != nil, "cut at \(length): \(error)")
                #expect(error.message.hasPrefix("not valid JSON"), "cut at \(length)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == cut)
        }
        try full.write(to: URL(fileURLWithPath: path))
        #expect(try StateStore(path: path).load().items.count == 3)
    }

    @Test func theNextWriterRemovesTemporaryFilesOfWritersThatDied() throws {
        let store = StateStore(path: path)
        try store.commit([id(1): ItemState(read: true, changed: StateClock.now())])
        for pid in [28796, 31] {
            try "{ \"version\": 1, \"it".write(
                toFile: folder.path + "/.state.json.\(pid).tmp", atomically: false, encoding: .utf8)
        }
        try "mine".write(
            toFile: folder.path + "/.state.json.notes.tmp", atomically: false, encoding: .utf8)
        try store.commit([id(2): ItemState(read: true, changed: StateClock.now())])
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == [".state.json.notes.tmp", "state.json.journal", "state.json.lock"])
        #expect(try store.load().items.count == 2)
    }

    @Test func aFolderThatCannotBeMadeFailsWithoutDamage() throws {
        let blocker = folder.path + "/file"
        try "x".write(toFile: blocker, atomically: true, encoding: .utf8)
        let store = StateStore(path: blocker + "/state.json")
        #expect(throws: StateFileError.self) {
            try store.commit([id(1): ItemState(read: true, changed: StateClock.now())])
        }
        #expect(try String(contentsOfFile: blocker, encoding: .utf8) == "x")
    }

    @Test func timestampsAreISO8601UTC() {
        #expect(StateClock.format(secondsSince1970: 0) == "1970-01-01T00:00:00Z")
        #expect(StateClock.format(secondsSince1970: 1_795_462_800) == "2026-11-23T19:40:00Z")
        #expect(StateClock.format(secondsSince1970: 951_782_400) == "2000-02-29T00:00:00Z")
    }
}

/// Real processes writing the state file: killed at random moments, and two at once.
@Suite("state file under crashes and concurrent writers", .serialized)
struct StateCrashTests {
    static let stress = Checkout.builtExecutable("quire-state-stress")

    /// Starts the stress tool; its stdout lists the acknowledged ids.
    static func start(_ path: String, _ prefix: String, _ count: Int) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: stress)
        process.arguments = [path, prefix, String(count)]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, out)
    }

    @Test func killingAWriterAtRandomMomentsNeverLosesAnAcknowledgedMark() throws {
        let folder = try LoadingTests.Folder()
        let path = folder.path + "/state.json"
        var generator = SystemRandomNumberGenerator()
        var acknowledged: Set<String> = []
        for round in 0..<200 {
            let (process, out) = try Self.start(path, "round\(round)", 50)
            // Wait for the writer's first acknowledgement, then kill it a random moment
            // later: mid-loop, often mid-write.
            var printed = Data()
            while !printed.contains(10) {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                printed += chunk
            }
            usleep(UInt32.random(in: 0...4_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            printed += out.fileHandleForReading.readDataToEndOfFile()
            let lines = String(decoding: printed, as: UTF8.self).split(separator: "\n")
            acknowledged.formUnion(lines.map(String.init))
            let state = try StateStore(path: path).load()
            let missing = acknowledged.filter { ItemID(hex: $0).map { !state.isRead($0) } ?? true }
            #expect(missing.isEmpty, "round \(round): \(missing.count) acknowledged marks missing")
            if !missing.isEmpty { break }
        }
        #expect(acknowledged.count >= 200)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".tmp")
        }
        // A killed writer may leave its temporary file; it never replaces the state file.
        #expect(leftovers.allSatisfy { $0.hasPrefix(".state.json.") })
    }

    @Test func twoWritersMarkingAThousandLinksEachEndWithAllTwoThousand() throws {
        let folder = try LoadingTests.Folder()
        let path = folder.path + "/state.json"
        let (a, outA) = try Self.start(path, "a", 1000)
        let (b, outB) = try Self.start(path, "b", 1000)
        let printedA = outA.fileHandleForReading.readDataToEndOfFile()
        let printedB = outB.fileHandleForReading.readDataToEndOfFile()
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        let acknowledged =
            (String(decoding: printedA, as: UTF8.self) + String(decoding: printedB, as: UTF8.self))
            .split(separator: "\n")
        #expect(acknowledged.count == 2000)
        let state = try StateStore(path: path).load()
        #expect(state.items.count == 2000)
        #expect(state.items.values.allSatisfy { $0.read })
    }
}

/// A real full disk: a tiny tmpfs, mounted when the test runs as root and may mount.
final class FullDisk {
    let path: String

    static let available: Bool = {
        guard getuid() == 0, let disk = FullDisk() else { return false }
        disk.unmount()
        return true
    }()

    init?() {
        path = NSTemporaryDirectory() + "quire-full-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            return nil
        }
    }

    func unmount() {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [path]
        try? process.run()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: path)
    }
}

@Suite("state file on a full disk", .enabled(if: FullDisk.available))
struct FullDiskTests {
    @Test func aFullDiskFailsTheSaveAndDamagesNothing() throws {
        let disk = try #require(FullDisk())
        defer { disk.unmount() }
        let path = disk.path + "/state.json"
        let store = StateStore(path: path)
        let first = ItemID(namespace: "full", key: "first")
        try store.commit([
            first: ItemState(read: true, changed: StateClock.seconds(iso: "2026-11-24T00:00:00Z")!)
        ])
        let before = try String(contentsOfFile: path + ".journal", encoding: .utf8)
        // Fill the disk, leaving less room than the next state file needs.
        let filler = FileManager.default.createFile(atPath: disk.path + "/filler", contents: nil)
        #expect(filler)
        let handle = try #require(FileHandle(forWritingAtPath: disk.path + "/filler"))
        let block = Data(repeating: 0x41, count: 4096)
        while (try? handle.write(contentsOf: block)) != nil {}
        try? handle.close()
        var changes: [ItemID: ItemState] = [:]
        for index in 0..<400 {
            changes[ItemID(namespace: "full", key: "\(index)")] = ItemState(
                read: true, changed: StateClock.seconds(iso: "2026-11-24T00:00:01Z")!)
        }
        #expect(throws: StateFileError.self) { try store.commit(changes) }
        // The journal is as it was (a partial append is cut off), and reads.
        #expect(try String(contentsOfFile: path + ".journal", encoding: .utf8) == before)
        #expect(try StateStore(path: path).load().items.keys.sorted() == [first])
        let names = try FileManager.default.contentsOfDirectory(atPath: disk.path)
        #expect(!names.contains { $0.hasSuffix(".tmp") })
    }
}

/// `marks(of:)` finds a few items by their keys instead of reading every item.
@Suite("looking up a few marks")
struct StateLookupTests {
    let folder: LoadingTests.Folder
    var path: String { folder.path + "/state.json" }

    init() throws { folder = try LoadingTests.Folder() }

    @Test func aFewItemsHaveTheMarksTheWholeReadGives() throws {
        var generator = SystemRandomNumberGenerator()
        let store = StateStore(path: path)
        let ids = (0..<400).map { _ in ItemID(rawValue: UInt64.random(in: 1...UInt64.max)) }
        func randomItem() -> ItemState {
            ItemState(
                read: Bool.random(using: &generator), starred: Bool.random(using: &generator),
                changed: Int.random(in: 1_700_000_000...1_800_000_000, using: &generator))
        }
        // Some items only in the snapshot, some changed again in the journal (older and
        // newer than the snapshot), some only in the journal.
        try store.commit(
            Dictionary(uniqueKeysWithValues: ids.prefix(300).map { ($0, randomItem()) }))
        try store.compact()
        for round in 0..<3 {
            let changed = ids.shuffled(using: &generator).prefix(60 + round * 20)
            try store.commit(Dictionary(uniqueKeysWithValues: changed.map { ($0, randomItem()) }))
        }
        let whole = try StateStore(path: path).load().items
        // A few ids are searched for one by one; many (a library's) by walking the keys.
        for count in [1, 3, 12, 17, 60, 200, 400] {
            let asked = Set(
                ids.shuffled(using: &generator).prefix(count)
                    + [ItemID(rawValue: UInt64.random(in: 1...UInt64.max))])
            let found = try StateStore(path: path).marks(of: asked)
            #expect(found == whole.filter { asked.contains($0.key) })
        }
    }

    @Test func aMarkChangeTouchesOnlyTheMarksItNames() {
        let read = ItemState(read: true, changed: 10)
        let star = MarkChange(
            from: ItemState(changed: 5), to: ItemState(starred: true, changed: 20))
        #expect(star == MarkChange(starred: true, changed: 20))
        #expect(star.applied(to: read) == ItemState(read: true, starred: true, changed: 20))
        #expect(star.applied(to: nil) == ItemState(starred: true, changed: 20))
        let unstarThenRead = star.then(MarkChange(starred: false, changed: 30))
            .then(MarkChange(read: true, changed: 31))
        #expect(unstarThenRead == MarkChange(read: true, starred: false, changed: 31))
    }

    @Test func keysInCapitalsAndRepeatedKeysAreReadAsAWholeReadReadsThem() throws {
        let id = ItemID(rawValue: 0x00ab_cdef_0123_4567)
        try """
        {"version": 2, "items": {
          "00ABCDEF01234567": {"read": true, "starred": false, "changed": "2026-01-01T00:00:00Z"},
          "00abcdef01234567": {"read": false, "starred": true, "changed": "2026-02-01T00:00:00Z"}
        } }
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let whole = try StateStore(path: path).load().items
        #expect(try StateStore(path: path).marks(of: [id]) == whole)
        #expect(whole[id]?.starred == true)
    }

    /// Valid JSON in another layout (keys reordered, an entry holding an object): found
    /// by reading the file whole.
    @Test func otherLayoutsAreReadWhole() throws {
        let ids = (1...40).map { ItemID(rawValue: UInt64($0) * 0x1000_0000_0001) }
        let entries = ids.enumerated().map { index, id in
            "\"\(id)\": {\"read\": true, \"starred\": \(index % 2 == 0), \"changed\": \"2026-01-01T00:00:00Z\""
                + (index == 30 ? ", \"note\": {\"by\": \"hand\"}}" : "}")
        }.joined(separator: ",\n")
        for text in [
            "{\"version\": 2, \"items\": {\n\(entries)\n} }\n",
            "{\"items\": {\n\(entries)\n}, \"version\": 2}\n",
        ] {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let whole = try StateStore(path: path).load().items
            #expect(whole.count == 40)
            #expect(try StateStore(path: path).marks(of: Set(ids)) == whole)
            #expect(try StateStore(path: path).marks(of: [ids[30]]) == [ids[30]: whole[ids[30]]!])
        }
    }

    @Test func aDamagedSnapshotIsRefusedWithItsLineAndColumnAndAMarkWritesNothing() throws {
        let store = StateStore(path: path)
        let first = ItemID(rawValue: 0x1111_2222_3333_4444)
        try store.commit([first: ItemState(read: true, changed: 1_800_000_000)])
        try store.compact()
        let full = try Data(contentsOf: URL(fileURLWithPath: path))
        for length in stride(from: 0, to: full.count - 1, by: 3) {
            let cut = full.prefix(length)
            try cut.write(to: URL(fileURLWithPath: path))
            do {
                let fresh = StateStore(path: path)
                _ = try fresh.marks(of: [first])
                try fresh.commit([first: ItemState(starred: true, changed: 1_800_000_001)])
                Issue.record("a mark over a file cut at \(length) succeeded")
            } catch let error as StateFileError {
                #expect(error.line != nil && error.column != nil, "cut at \(length): \(error)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == cut)
            #expect(!FileManager.default.fileExists(atPath: path + ".journal"))
        }
    }

    @Test func aCommitAfterALookupReadsOnlyWhatOthersAppended() throws {
        let mine = StateStore(path: path)
        let other = StateStore(path: path)
        let a = ItemID(rawValue: 1)
        let b = ItemID(rawValue: 2)
        let before = ItemID(rawValue: 3)
        try other.commit([before: ItemState(read: true, changed: 1_700_000_000)])
        try other.commit([a: ItemState(read: true, changed: 1_800_000_000)])
        #expect(try mine.marks(of: [a])[a]?.read == true)
        try other.commit([b: ItemState(starred: true, changed: 1_800_000_001)])
        let seen = try mine.commit([a: ItemState(read: true, starred: true, changed: 1_800_000_002)]
        )
        // Only what the other writer appended after the lookup, and this commit.
        #expect(Set(seen.items.keys) == [a, b])
        #expect(try StateStore(path: path).load().items.count == 3)
    }
}
