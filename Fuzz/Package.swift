// swift-tools-version:6.0
// libFuzzer targets for quire's ingest and state file; built and run by scripts/fuzz
// (see ../shared/FUZZING.md for the recipe). A package of its own, so `swift build` of
// quire never tries to link these entry points without libFuzzer's main.
import PackageDescription

let package = Package(
    name: "quire-fuzz",
    // scripts/fuzz links .build-fuzz/quire to the checkout, so the dependency is named
    // `quire` whatever the checkout folder is called.
    dependencies: [.package(path: "../.build-fuzz/quire")],
    targets: [
        .executableTarget(
            name: "fuzz-ingest",
            dependencies: [.product(name: "QuireCore", package: "quire")],
            path: "Sources/fuzz-ingest"
        ),
        .executableTarget(
            name: "fuzz-markdown",
            dependencies: [.product(name: "QuireCore", package: "quire")],
            path: "Sources/fuzz-markdown"
        ),
        .executableTarget(
            name: "fuzz-newsletter",
            dependencies: [.product(name: "QuireCore", package: "quire")],
            path: "Sources/fuzz-newsletter"
        ),
        .executableTarget(
            name: "fuzz-show-notes",
            dependencies: [.product(name: "QuireCore", package: "quire")],
            path: "Sources/fuzz-show-notes"
        ),
        .executableTarget(
            name: "fuzz-thread",
            dependencies: [.product(name: "QuireCore", package: "quire")],
            path: "Sources/fuzz-thread"
        ),
        .executableTarget(
            name: "fuzz-kind",
            dependencies: [.product(name: "QuireCore", package: "quire")],
            path: "Sources/fuzz-kind"
        ),
        .executableTarget(
            name: "fuzz-front-matter",
            dependencies: [.product(name: "QuireCore", package: "quire")],
            path: "Sources/fuzz-front-matter"
        ),
        .executableTarget(
            name: "fuzz-html",
            dependencies: [.product(name: "QuireCore", package: "quire")],
            path: "Sources/fuzz-html"
        ),
        .executableTarget(
            name: "fuzz-state-file",
            dependencies: [.product(name: "QuireCore", package: "quire")],
            path: "Sources/fuzz-state-file"
        ),
    ],
    swiftLanguageModes: [.v6]
)
