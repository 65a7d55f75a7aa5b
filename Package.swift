// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "quire",
    products: [
        .executable(name: "quire", targets: ["quire"]),
        // For the fuzz package in Fuzz/, which depends on this one by path.
        .library(name: "QuireCore", targets: ["QuireCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CMd4c",
            pkgConfig: "md4c",
            providers: [.apt(["libmd4c-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CGMime",
            pkgConfig: "gmime-3.0",
            providers: [.apt(["libgmime-3.0-dev"])]
        ),
        // glibc's memmem, for byte searches (the state file's keys, needles in text).
        .systemLibrary(name: "CMemmem"),
        // jemalloc's settings (`malloc_conf`), linked into the executable.
        .target(name: "CAllocatorSettings"),
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(
            name: "QuireCore",
            dependencies: [
                "CMd4c", "CLibXML2", "CGMime", "CMemmem", .product(name: "Yams", package: "Yams"),
            ],
            // A module's extensions only where it is imported.
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .target(
            name: "QuireUI",
            dependencies: ["QuireCore"]
        ),
        .target(
            name: "QuireTerminal",
            dependencies: ["QuireUI", "QuireCore", "CNcursesw"]
        ),
        .target(
            name: "QuireTestSupport",
            dependencies: ["QuireUI"]
        ),
        .executableTarget(
            name: "quire",
            dependencies: [
                "QuireCore",
                "QuireUI",
                "QuireTerminal",
                "CAllocatorSettings",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc (Debian libjemalloc-dev) in place of glibc's malloc: loading a
            // library allocates per block and link on every core; see DECISIONS.md. Release
            // builds only: the sanitizers bring allocators of their own. Its settings are
            // in CAllocatorSettings.
            linkerSettings: [
                .linkedLibrary("jemalloc", .when(platforms: [.linux], configuration: .release))
            ]
        ),
        .executableTarget(
            name: "quire-state-stress",
            dependencies: ["QuireCore"],
            path: "Tests/QuireStateStress"
        ),
        .executableTarget(
            name: "quire-pathological",
            path: "Tests/QuirePathological"
        ),
        .testTarget(
            name: "QuireCoreTests",
            dependencies: [
                "QuireCore", "QuireTestSupport", "quire-state-stress", "quire-pathological",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "QuireUITests",
            dependencies: ["QuireUI", "QuireCore", "QuireTestSupport"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "QuireTerminalTests",
            dependencies: ["QuireTerminal", "QuireUI", "QuireTestSupport", "CNcursesw"]
        ),
        .testTarget(
            name: "QuireEndToEndTests",
            dependencies: ["quire", "QuireCore", "QuireTestSupport"],
            exclude: ["Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
