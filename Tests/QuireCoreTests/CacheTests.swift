import Foundation
import QuireCore
import QuireTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Parsed-library cache")
struct CacheTests {
    /// A copy of the seeds and every form fixture (email, feeds, pages included), plus
    /// files that load with warnings or not at all, in a fresh folder with its own cache.
    final class Library {
        let root: String
        let documents: String
        let cacheFolder: String

        init() throws {
            root = NSTemporaryDirectory() + "quire-cache-tests-" + UUID().uuidString
            documents = root + "/library"
            cacheFolder = root + "/cache"
            let manager = FileManager.default
            try manager.createDirectory(atPath: documents, withIntermediateDirectories: true)
            try manager.copyItem(atPath: Checkout.path("seeds"), toPath: documents + "/seeds")
            try manager.copyItem(
                atPath: Checkout.path("Tests/QuireCoreTests/Fixtures/forms"),
                toPath: documents + "/forms")
            try write("odd/latin1.txt", Array("caf".utf8) + [0xE9] + Array(" au lait\n".utf8))
            try write("odd/escapes.md", Array("# Title\n\nred \u{1B}[31mtext\u{1B}[0m\n".utf8))
            try write("odd/empty.txt", [])
            try write("odd/binary.bin", [0x89, 0x50, 0x00, 0x01])
            try write("odd/copy-a.md", Array("# Same\n\n[x](https://x.example/)\n".utf8))
            try write("odd/copy-b.md", Array("# Same\n\n[x](https://x.example/)\n".utf8))
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func write(_ name: String, _ bytes: [UInt8]) throws {
            let file = documents + "/" + name
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: file))
        }

        func cache(build: String = "test build", limit: Int = 1 << 30) -> LibraryCache {
            LibraryCache(directory: cacheFolder, build: build, limit: limit)
        }

        func load(_ cache: LibraryCache?) -> QuireCore.Library {
            Ingestor.load([documents], cache: cache)
        }

        var entries: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cacheFolder)) ?? [])
                .filter { $0.hasSuffix(".qc") }.sorted().map { cacheFolder + "/" + $0 }
        }
    }

    /// The dump (every field, ids included), failures and warnings of a library.
    static func everything(_ library: QuireCore.Library) -> String {
        String(decoding: LibraryDump.json(library), as: UTF8.self)
            + library.failures.map(\.description).joined(separator: "\n")
            + library.warnings.map(\.description).joined(separator: "\n")
    }

    @Test func aLibraryReadFromTheCacheIsTheLibraryParsed() throws {
        let library = try Library()
        let fresh = library.load(nil)
        #expect(fresh.issues.count > 40)
        #expect(!fresh.warnings.isEmpty && !fresh.failures.isEmpty)

        let first = library.cache()
        let cold = library.load(first)
        #expect(first.counts.read == 0)
        #expect(first.counts.parsed > 40)
        let second = library.cache()
        let warm = library.load(second)
        #expect(second.counts.parsed == 0)
        #expect(second.counts.read == first.counts.parsed)

        #expect(cold == fresh)
        #expect(warm == fresh)
        #expect(Self.everything(warm) == Self.everything(fresh))
        // The two copies of one document are still told apart.
        let copies = warm.issues.filter { $0.title == "Same" }
        #expect(copies.count == 2 && copies[0].id != copies[1].id)
    }

    @Test func everyDamagedEntryIsIgnoredAndWrittenAgain() throws {
        let library = try Library()
        let fresh = Self.everything(library.load(nil))
        _ = library.load(library.cache())
        let entries = library.entries
        #expect(entries.count > 40)
        // Each entry damaged in another way: cut short, emptied, bytes flipped at the
        // header, the key and deep in the payload, garbage appended.
        for (index, entry) in entries.enumerated() {
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: entry)))
            switch index % 6 {
            case 0: bytes.removeLast(bytes.count / 2)
            case 1: bytes = []
            case 2: bytes[3] ^= 0x40
            case 3: bytes[bytes.count / 3] ^= 0x01
            case 4: bytes[bytes.count - 1] ^= 0x80
            default: bytes += [0, 1, 2, 3]
            }
            try Data(bytes).write(to: URL(fileURLWithPath: entry))
        }
        let damaged = library.cache()
        #expect(Self.everything(library.load(damaged)) == fresh)
        // A flip in an entry's key (its inode, say) is settled by the file's bytes, which
        // still match: that entry may be used. Every other one is parsed again.
        #expect(damaged.counts.parsed >= entries.count / 2)
        // Rebuilt: the next load reads every file from the cache.
        let rebuilt = library.cache()
        #expect(Self.everything(library.load(rebuilt)) == fresh)
        #expect(rebuilt.counts.parsed == 0)
    }

    @Test func anotherBuildsEntriesAreNotUsed() throws {
        let library = try Library()
        _ = library.load(library.cache(build: "0.7.0 old"))
        let other = library.cache(build: "0.7.0 new")
        #expect(Self.everything(library.load(other)) == Self.everything(library.load(nil)))
        #expect(other.counts.read == 0)
    }

    @Test func aChangedFileIsParsedAgainEvenWithItsSizeAndTimeKept() throws {
        let library = try Library()
        let path = library.documents + "/odd/copy-a.md"
        _ = library.load(library.cache())
        var info = stat()
        #expect(stat(path, &info) == 0)
        // Same size, same modification time: only the bytes (and the change time) differ.
        try library.write("odd/copy-a.md", Array("# Diff\n\n[x](https://x.example/)\n".utf8))
        var times = [info.st_atim, info.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        let cache = library.cache()
        let loaded = library.load(cache)
        #expect(loaded.issues.contains { $0.title == "Diff" })
        #expect(Self.everything(loaded) == Self.everything(library.load(nil)))
        #expect(cache.counts.parsed == 1)
    }

    @Test func aTouchedFileIsReadFromTheCacheOnceItsBytesAreChecked() throws {
        let library = try Library()
        _ = library.load(library.cache())
        let path = library.documents + "/seeds/000_c55989c8225910e4.txt"
        var later = [
            timespec(tv_sec: 2_000_000_000, tv_nsec: 0),
            timespec(tv_sec: 2_000_000_000, tv_nsec: 0),
        ]
        #expect(utimensat(AT_FDCWD, path, &later, 0) == 0)
        let cache = library.cache()
        #expect(Self.everything(library.load(cache)) == Self.everything(library.load(nil)))
        #expect(cache.counts.parsed == 0)
    }

    @Test func changingOneMessageOfAMaildirRemakesItsConversations() throws {
        let library = try Library()
        _ = library.load(library.cache())
        let folder = library.documents + "/forms/mail-maildir/cur"
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted().first)
        var text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        text = text.replacingOccurrences(of: "Subject: ", with: "Subject: Changed ")
        try library.write("forms/mail-maildir/cur/" + name, Array(text.utf8))
        let cache = library.cache()
        let loaded = library.load(cache)
        #expect(Self.everything(loaded) == Self.everything(library.load(nil)))
        #expect(loaded.issues.contains { $0.title.contains("Changed") })
        #expect(cache.counts.parsed == 1)
    }

    @Test func theFolderIsKeptUnderItsLimit() throws {
        let library = try Library()
        _ = library.load(library.cache())
        let total = library.entries.reduce(0) { total, entry in
            total + ((try? FileManager.default.attributesOfItem(atPath: entry)[.size] as? Int) ?? 0)
        }
        // A limit of a third of what the library needs: the oldest entries go.
        let small = library.cache(limit: total / 3)
        try library.write("odd/new.md", Array("# New\n\nText.\n".utf8))
        _ = library.load(small)
        let after = library.entries.reduce(0) { total, entry in
            total + ((try? FileManager.default.attributesOfItem(atPath: entry)[.size] as? Int) ?? 0)
        }
        #expect(after <= total / 3)
        #expect(small.usage().bytes == after)
        let remaining = library.entries.count
        #expect(small.clear().entries == remaining)
        #expect(library.entries.isEmpty)
    }

    @Test func twoLoadsAtOnceLeaveAUsableCache() async throws {
        let library = try Library()
        let fresh = Self.everything(library.load(nil))
        let documents = library.documents
        let folder = library.cacheFolder
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let cache = LibraryCache(directory: folder, build: "test build")
                    return Self.everything(Ingestor.load([documents], cache: cache))
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == fresh })
        let after = library.cache()
        #expect(Self.everything(library.load(after)) == fresh)
        #expect(after.counts.parsed == 0)
        #expect(
            !((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).contains {
                $0.hasSuffix(".tmp")
            })
    }

    @Test(arguments: [false, true])
    func readingProgressivelyReportsEveryIssueInLibraryOrder(cached: Bool) throws {
        let library = try Library()
        if cached { _ = library.load(library.cache()) }
        var reports: [LoadProgress] = []
        let whole = Ingestor.load([library.documents], cache: library.cache(), interval: 0) {
            reports.append($0)
        }
        #expect(Self.everything(whole) == Self.everything(library.load(nil)))
        let files = try #require(reports.first?.files)
        #expect(reports.first?.filesRead == 0)
        #expect(reports.last?.filesRead == files)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.filesRead < $1.filesRead })
        // Reported as the library has them (email aside, which comes whole at the end),
        // copies told apart already.
        let reported = reports.flatMap(\.issues)
        let mailPaths = Set(
            whole.issues.filter { $0.path.contains("/mail-") }.map(\.path))
        #expect(!mailPaths.isEmpty)
        #expect(reported == whole.issues.filter { !mailPaths.contains($0.path) })
    }
}

@Suite("Parsed-library cache in memory")
struct RememberingCacheTests {
    /// The reader's cache keeps what it read: reading the library again takes unchanged
    /// files from memory (their entries on disk are not even opened), and reads a changed
    /// one afresh.
    @Test func unchangedFilesComeFromMemoryAndChangedOnesAreRead() throws {
        let root = NSTemporaryDirectory() + "quire-memo-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let documents = root + "/library"
        let manager = FileManager.default
        try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
        try manager.copyItem(atPath: Checkout.path("seeds"), toPath: documents)
        // Older than the two seconds in which a file's times cannot be trusted.
        let files = try manager.contentsOfDirectory(atPath: documents).map { documents + "/" + $0 }
        for file in files {
            try manager.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: file)
        }
        let cache = LibraryCache(directory: root + "/cache", build: "test", remembers: true)
        let first = Ingestor.load([documents], cache: cache)
        #expect(cache.counts == (read: 0, parsed: files.count))
        // Entries on disk made unreadable: only memory can give the files without a parse.
        for entry in try manager.contentsOfDirectory(atPath: root + "/cache") {
            try Data("not an entry".utf8).write(to: URL(fileURLWithPath: root + "/cache/" + entry))
        }
        let second = Ingestor.load([documents], cache: cache)
        #expect(second == first)
        #expect(cache.counts == (read: files.count, parsed: files.count))
        // A changed file is parsed again; the others still come from memory.
        let changed = files.sorted()[0]
        try Data("# Changed\n\n[a](https://a.example/)\n".utf8).write(
            to: URL(fileURLWithPath: changed))
        let third = Ingestor.load([documents], cache: cache)
        #expect(cache.counts == (read: 2 * files.count - 1, parsed: files.count + 1))
        #expect(third.issues.contains { $0.title == "Changed" })
        // A cache that does not remember reads its entries (unreadable here: parsed).
        let plain = LibraryCache(directory: root + "/cache", build: "test")
        for entry in try manager.contentsOfDirectory(atPath: root + "/cache") {
            try Data("not an entry".utf8).write(to: URL(fileURLWithPath: root + "/cache/" + entry))
        }
        _ = Ingestor.load([documents], cache: plain)
        #expect(plain.counts.parsed == files.count)
    }
}
