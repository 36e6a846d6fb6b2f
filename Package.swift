// swift-tools-version:6.1

import PackageDescription

let package = Package(
    name: "Compass",
    products: [
        .library(name: "Compass", targets: ["Compass"]),
        .library(name: "CompassCore", targets: ["CompassCore"]),
        .library(name: "CompassEngine", targets: ["CompassEngine"]),
        .library(name: "CompassData", targets: ["CompassData"]),
        .library(name: "CompassMarkdown", targets: ["CompassMarkdown"]),
        .library(name: "CompassCommandLine", targets: ["CompassCommandLine"]),
        .library(name: "CompassCSV", targets: ["CompassCSV"]),
        .library(name: "CompassJSON", targets: ["CompassJSON"]),
        .library(name: "CompassHTML", targets: ["CompassHTML"]),
        .library(name: "CompassTesting", targets: ["CompassTesting"]),
        .executable(name: "compass", targets: ["compass"]),
        .plugin(name: "CompassReportPlugin", targets: ["CompassReportPlugin"]),
    ],
    targets: [
        // The domain: records, indicators as data, the catalogue, results, the report model and
        // the reporter protocol. Standard library only, safe Swift only.
        .target(name: "CompassCore"),
        // The evaluator and its machinery: the columnar store, id tables, bitsets, the kernels,
        // the parallel runner and PreparedDataset. Standard library only.
        .target(name: "CompassEngine", dependencies: ["CompassCore"]),
        // Reading and writing datasets; the synthetic data generator.
        .target(name: "CompassData", dependencies: ["CompassCore", "CompassEngine", "CCompassScan"]),
        // Finding the commas and line ends of CSV text sixteen bytes at a time, for CompassData (C: SSE2).
        .target(name: "CCompassScan"),
        // One reporter per format; each depends on the core only.
        .target(name: "CompassMarkdown", dependencies: ["CompassCore"]),
        .target(name: "CompassCSV", dependencies: ["CompassCore"]),
        .target(name: "CompassJSON", dependencies: ["CompassCore"]),
        .target(name: "CompassHTML", dependencies: ["CompassCore"]),
        // The umbrella: re-exports, the registry of built-in reporters, the COMPASS catalogue.
        .target(
            name: "Compass",
            dependencies: [
                "CompassCore", "CompassEngine", "CompassData", "CompassMarkdown",
                "CompassCSV", "CompassJSON", "CompassHTML",
            ]
        ),
        // Helpers for users' own tests of indicators, catalogues and reporters. Imports Swift Testing.
        .target(name: "CompassTesting", dependencies: ["CompassCore", "CompassEngine", "CompassData"]),
        // The command-line interface as a library, and its thin executable.
        .target(name: "CompassCommandLine", dependencies: ["Compass", "CCompassAllocator"]),
        // One call to the C library's allocator, for the command-line tool (C: glibc's malloc.h).
        .target(name: "CCompassAllocator"),
        .executableTarget(name: "compass", dependencies: ["CompassCommandLine"]),
        // `swift package compass-report …` in a package that depends on this one.
        .plugin(
            name: "CompassReportPlugin",
            capability: .command(
                intent: .custom(verb: "compass-report", description: "Compute and render a fact sheet with compass."),
                permissions: [.writeToPackageDirectory(reason: "compass-report writes the report it renders.")]
            ),
            dependencies: ["compass"]
        ),

        .testTarget(name: "CompassCoreTests", dependencies: ["CompassCore", "CompassEngine", "CompassTesting"]),
        .testTarget(name: "CompassTests", dependencies: ["Compass"]),
        .testTarget(
            name: "CompassMarkdownTests",
            dependencies: ["Compass", "CompassMarkdown"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "CompassCommandLineTests", dependencies: ["CompassCommandLine"]),
        .testTarget(name: "CompassTestingTests", dependencies: ["Compass", "CompassTesting"]),
        .testTarget(
            name: "CompassReportersTests",
            dependencies: ["Compass", "CompassTesting", "CompassCommandLine"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "CompassDataTests", dependencies: ["Compass", "CompassData", "CompassCommandLine", "CCompassScan"]),
        .testTarget(name: "CompassEngineTests", dependencies: ["Compass", "CompassCommandLine"]),
    ]
)

// Settings applied once, to every target.
for target in package.targets where target.type != .plugin && !target.name.hasPrefix("CCompass") {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
