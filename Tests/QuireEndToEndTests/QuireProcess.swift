import Foundation
import QuireTestSupport

/// Runs the built `quire` binary and captures what it prints.
struct QuireProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutData: Data
    }

    /// The `quire` executable next to this test bundle in the build folder.
    static let executable = Checkout.builtExecutable("quire")

    /// The checkout root (for seeds/).
    static let checkout = Checkout.root

    static func run(
        _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
        stdin: String? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["XDG_CACHE_HOME"] = Checkout.cacheHome
        merged["XDG_CONFIG_HOME"] = Checkout.configHome
        for (key, value) in environment {
            if value.isEmpty { merged.removeValue(forKey: key) } else { merged[key] = value }
        }
        process.environment = merged
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let stdin { process.standardInput = FileHandle(forReadingAtPath: stdin) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a large dump cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
    }
}
