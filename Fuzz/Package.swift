// swift-tools-version:6.0
// The libFuzzer target for quire's ingest and state file, built and run by scripts/fuzz
// (which sets the stage in QUIRE_FUZZ_STAGE). A package of its own, so `swift build` of
// quire never tries to link this entry point without libFuzzer's main.
import PackageDescription

let package = Package(
    name: "quire-fuzz",
    // scripts/fuzz links .build-fuzz/quire to the checkout, so the dependency is named
    // `quire` whatever the checkout folder is called.
    dependencies: [.package(path: "../.build-fuzz/quire")],
    targets: [
        .executableTarget(
            name: "fuzz-quire",
            dependencies: [.product(name: "QuireCore", package: "quire")],
            path: "Sources/fuzz-quire"
        )
    ],
    swiftLanguageModes: [.v6]
)
