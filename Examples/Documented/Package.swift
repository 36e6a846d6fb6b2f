// swift-tools-version:6.1

// A package written only from the documentation: every Swift example of README.md and
// Documentation/*.md, verbatim, wrapped where it is a fragment. `.ci/examples.sh` builds it.
import PackageDescription

let package = Package(
    name: "Documented",
    dependencies: [.package(name: "compass", path: "../..")],
    targets: [
        // The examples that are declarations or fragments, wrapped in functions where they are statements.
        .target(
            name: "Documented",
            dependencies: [
                .product(name: "Compass", package: "compass"),
                .product(name: "CompassTesting", package: "compass"),
            ]
        ),
        // The examples that are whole programs, one executable each.
        .executableTarget(name: "Readme", dependencies: [.product(name: "Compass", package: "compass")]),
        .executableTarget(name: "ReadingData", dependencies: [.product(name: "Compass", package: "compass")]),
        .executableTarget(
            name: "PlainTextCommand", dependencies: [.product(name: "CompassCommandLine", package: "compass")]),
        .executableTarget(
            name: "HXLCommand",
            dependencies: [
                .product(name: "Compass", package: "compass"),
                .product(name: "CompassCommandLine", package: "compass"),
            ]
        ),
    ]
)

for target in package.targets {
    target.swiftSettings = [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
}
