// swift-tools-version:6.1

import PackageDescription

// The engine alone, on data already in memory: `swift run -c release engine-throughput`.
// A package of its own beside the library, so that Compass itself keeps zero dependencies.
let package = Package(
    name: "CompassEngineBenchmark",
    dependencies: [
        .package(name: "Compass", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "engine-throughput",
            dependencies: [.product(name: "Compass", package: "Compass")]
        )
    ]
)

// The same settings as the library's targets.
for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
