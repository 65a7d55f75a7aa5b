import Foundation

/// Paths in this checkout, for tests: the one place that works them out from a source
/// file's path.
public enum Checkout {
    /// The checkout's root folder (where Package.swift is).
    public static let root: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // Checkout.swift, QuireTestSupport, Sources
        return components.joined(separator: "/")
    }()

    /// `relative` under the checkout's root (`seeds`, `README.md`,
    /// `Tests/QuireCoreTests/Fixtures`).
    public static func path(_ relative: String) -> String { root + "/" + relative }

    /// `relative` in the folder of the source file `file` (pass `#filePath`): a test's
    /// snapshots and fixtures, next to it.
    public static func beside(_ file: String, _ relative: String) -> String {
        var components = file.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast()
        return components.joined(separator: "/") + "/" + relative
    }

    /// The executable `name` built beside the running test binary (`quire`,
    /// `quire-pathological`): found by walking up from the test binary's folder.
    public static func builtExecutable(_ name: String) -> String {
        let test =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var folder = (test as NSString).deletingLastPathComponent
        // On Linux the test bundle is a plain executable; elsewhere it may be in a folder.
        while !folder.isEmpty, folder != "/",
            !FileManager.default.isExecutableFile(atPath: folder + "/" + name)
        {
            folder = (folder as NSString).deletingLastPathComponent
        }
        return folder + "/" + name
    }

    /// The `XDG_CACHE_HOME` the tests give the binaries they run: a folder of this test
    /// process, so no test reads or fills the user's own parsed-library cache.
    public static let cacheHome: String =
        NSTemporaryDirectory() + "quire-test-cache-\(ProcessInfo.processInfo.processIdentifier)"

    /// `XDG_CONFIG_HOME` for the processes tests start: a folder with no config file, so
    /// the user's own config never changes what a test sees (a test that wants one names
    /// it with `--config` or its own `XDG_CONFIG_HOME`).
    public static let configHome: String =
        NSTemporaryDirectory() + "quire-test-config-\(ProcessInfo.processInfo.processIdentifier)"
}
