@_spi(Fuzzing) import QuireCore

/// libFuzzer's entry: one input, the `front-matter` stage (see `FuzzEntry`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    FuzzEntry.run(
        .frontMatter,
        UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: size))
    return 0
}
