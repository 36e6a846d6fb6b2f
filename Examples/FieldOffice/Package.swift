// swift-tools-version:6.1

// A field office's own package: a custom indicator and a custom reporter, tested with CompassTesting.
import PackageDescription

let package = Package(
    name: "FieldOffice",
    dependencies: [.package(name: "compass", path: "../..")],
    targets: [
        .target(name: "FieldOffice", dependencies: [.product(name: "Compass", package: "compass")]),
        .testTarget(
            name: "FieldOfficeTests",
            dependencies: [
                "FieldOffice",
                .product(name: "Compass", package: "compass"),
                .product(name: "CompassTesting", package: "compass"),
            ]
        ),
    ]
)

for target in package.targets {
    target.swiftSettings = [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
}
