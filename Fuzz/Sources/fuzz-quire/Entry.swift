@_spi(Fuzzing) import QuireCore

#if canImport(Glibc)
    import Glibc
#endif

/// The stage this run fuzzes, from `QUIRE_FUZZ_STAGE` (`scripts/fuzz` sets it): one binary
/// serves every stage of `FuzzEntry.Stage`.
let stage: FuzzEntry.Stage = {
    let name = getenv("QUIRE_FUZZ_STAGE").map { String(cString: $0) } ?? ""
    guard let stage = FuzzEntry.Stage(rawValue: name) else {
        let names = FuzzEntry.Stage.allCases.map(\.rawValue).joined(separator: " ")
        let message = "QUIRE_FUZZ_STAGE must be one of: \(names)\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        exit(2)
    }
    return stage
}()

/// libFuzzer's entry: one input through the chosen stage.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    FuzzEntry.run(
        stage, UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: size))
    return 0
}
