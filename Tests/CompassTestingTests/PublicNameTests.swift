import Foundation
import Testing

/// Every public type is named, unqualified, in a file that also imports Foundation (PublicNames.swift).
@Suite struct PublicNameTests {
    /// The modules that `import Compass` and `import CompassTesting` give an app.
    static let modules = [
        "Compass", "CompassCore", "CompassEngine", "CompassData", "CompassCSV", "CompassJSON", "CompassHTML",
        "CompassMarkdown", "CompassTesting",
    ]

    /// The top-level public types declared in the modules' sources.
    static func declaredTypes() throws -> Set<String> {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let declaration = /^(?:@\w+ )*public (?:final |indirect )*(?:struct|enum|class|protocol|actor) (\w+)/
            .anchorsMatchLineEndings()
        var names: Set<String> = []
        for module in modules {
            let folder = sources.appendingPathComponent(module)
            let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter {
                $0.hasSuffix(".swift")
            }
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for match in text.matches(of: declaration) { names.insert(String(match.1)) }
            }
        }
        return names
    }

    @Test func everyPublicTypeIsNamedBesideFoundation() throws {
        let named = Set(
            everyPublicType.map { type in
                var name = String(describing: type)
                if name.hasPrefix("any ") { name.removeFirst(4) }
                return String(name.prefix { $0 != "<" })
            })
        let declared = try Self.declaredTypes()
        #expect(declared.count > 90)
        #expect(named == declared, "add new public types to PublicNames.swift")
        #expect(!declared.contains("Unit") && !declared.contains("Progress") && !declared.contains("Dimension"))
    }
}
