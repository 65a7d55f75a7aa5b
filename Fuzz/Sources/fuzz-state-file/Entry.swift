@_spi(Fuzzing) import QuireCore

/// libFuzzer's entry: one input, the `state-file` stage (see `FuzzEntry`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    FuzzEntry.run(
        .stateFile,
        UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: size))
    return 0
}
