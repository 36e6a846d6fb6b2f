import Foundation
import Testing

/// The package's root folder, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct DocumentationTests {
    /// The contents of the fenced `swift` code blocks of a Markdown file.
    func swiftBlocks(in path: String) throws -> [String] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```swift" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// The text of every Swift file that `swift build` compiles as an example: the snippets and the example packages.
    func snippets() throws -> [String] {
        var texts: [String] = []
        for folder in ["Snippets", "Examples", "Tests/CompassTestingTests"] {
            let root = packageRoot.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(atPath: root.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") && !file.contains(".build") {
                texts.append(try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8))
            }
        }
        return texts
    }

    /// Every page whose Swift examples must compile: each block is part of a snippet, which `swift build` compiles.
    @Test(arguments: [
        "README.md", "Documentation/GettingStarted.md", "Documentation/Architecture.md",
        "Documentation/TestingIndicators.md", "Documentation/Privacy.md", "Documentation/ReportFormats.md",
    ])
    func everySwiftExampleIsPartOfACompiledSnippet(_ page: String) throws {
        let snippets = try snippets()
        for block in try swiftBlocks(in: page) {
            #expect(snippets.contains { $0.contains(block) }, "\(page) has an example no snippet holds:\n\(block)")
        }
    }

    @Test func theRecordsExampleIsTheCompiledTest() throws {
        let source = try String(
            contentsOf: packageRoot.appendingPathComponent("Tests/CompassTestingTests/RecordInitialiserTests.swift"),
            encoding: .utf8)
        let start = try #require(source.range(of: "    // BEGIN EXAMPLE\n"))
        let end = try #require(source.range(of: "    // END EXAMPLE\n"))
        #expect(
            try swiftBlocks(in: "Documentation/TestingIndicators.md").contains(
                String(source[start.upperBound..<end.lowerBound])))
    }

    @Test func theReadmeExampleIsTheCompiledSnippet() throws {
        let snippet = try String(
            contentsOf: packageRoot.appendingPathComponent("Snippets/EmbeddingCompass.swift"), encoding: .utf8)
        #expect(try swiftBlocks(in: "README.md") == [snippet])
    }
}
