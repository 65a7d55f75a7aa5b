import Foundation
import QuireTestSupport
import Testing

/// The config file as users meet it: found in `XDG_CONFIG_HOME`, checked by `quire
/// config`, its library opened by `quire` with no PATH, its mistakes named by line.
@Suite("quire config and the config file")
struct ConfigCommandTests {
    final class Home {
        let path = NSTemporaryDirectory() + "quire-config-e2e-" + UUID().uuidString
        var config: String { path + "/quire/config.toml" }
        init() throws {
            try FileManager.default.createDirectory(
                atPath: path + "/quire", withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func write(_ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: config))
        }
        func run(_ arguments: [String]) throws -> QuireProcess.Output {
            try QuireProcess.run(
                arguments, in: QuireProcess.checkout, environment: ["XDG_CONFIG_HOME": path])
        }
    }

    @Test func theDefaultFilePrintedIsAFineConfig() throws {
        let home = try Home()
        let printed = try home.run(["config", "--print-default"])
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("# move-down"))
        try home.write(printed.stdout)
        let checked = try home.run(["config"])
        #expect(checked.status == 0)
        #expect(checked.stdout == "\(home.config): fine\n")
        #expect(try home.run(["config", "--path"]).stdout == home.config + "\n")
    }

    @Test func theConfiguredLibraryOpensWithNoPath() throws {
        let home = try Home()
        let seeds = QuireProcess.checkout + "/seeds"
        let all = try home.run(["list", "--format", "json"])
        try home.write("library = [\"\(seeds)/000_c55989c8225910e4.txt\"]\n")
        let configured = try home.run(["list", "--format", "json"])
        #expect(configured.status == 0)
        #expect(configured.stdout.contains("May 2021 Gwern.net Newsletter"))
        #expect(configured.stdout.count < all.stdout.count)
        // A PATH given wins over the config.
        let given = try home.run(["list", "--format", "json", "seeds"])
        #expect(given.stdout == all.stdout)
    }

    @Test func aBrokenFileIsNamedByLineAndTheDefaultsAreUsed() throws {
        let home = try Home()
        try home.write("library = [\"/nowhere\"]\n[keys]\nmove-down = [\"j\"]\nmvoe-up = [\"k\"]\n")
        let checked = try home.run(["config"])
        #expect(checked.status == 1)
        #expect(
            checked.stderr
                == "quire: \(home.config):4: unknown action \"mvoe-up\" (quire config --print-default lists them)\n"
        )
        // The library falls back to the seeds, and the problem is said once.
        let listed = try home.run(["list"])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("May 2021 Gwern.net Newsletter"))
        #expect(
            listed.stderr
                == "quire: \(home.config):4: unknown action \"mvoe-up\" (quire config --print-default lists them); using the defaults\n"
        )
    }

    @Test func aNamedConfigThatIsMissingIsAnError() throws {
        let home = try Home()
        let missing = try home.run(["config", "--config", home.path + "/none.toml"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("none.toml: no config file"))
    }
}
