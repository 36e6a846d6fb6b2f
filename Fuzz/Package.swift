// swift-tools-version:6.1

// The libFuzzer targets of Compass, in a package of their own: an executable without
// `main` links only with `-sanitize=fuzzer`, so these targets stay out of the main
// package's `swift build` and `swift test`. Build and run them with `.ci/data.sh`.

import Foundation
import PackageDescription

// The main package is the parent directory; its identity is that directory's name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "CompassFuzz",
    products: [
        .executable(name: "fuzz-csv", targets: ["fuzz-csv"]),
        .executable(name: "fuzz-dataset-json", targets: ["fuzz-dataset-json"]),
    ],
    dependencies: [.package(path: root.path)],
    targets: [
        .executableTarget(
            name: "fuzz-csv", dependencies: [.product(name: "CompassData", package: root.lastPathComponent)]),
        .executableTarget(
            name: "fuzz-dataset-json", dependencies: [.product(name: "CompassData", package: root.lastPathComponent)]),
    ]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
