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

    /// The text of every Swift file that `swift build` compiles as an example: the snippets, and the
    /// package written only from the documentation, `Examples/Documented` (`.ci/examples.sh` builds it).
    func snippets() throws -> [String] {
        var texts: [String] = []
        for folder in ["Snippets", "Examples/Documented"] {
            let root = packageRoot.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(atPath: root.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") && !file.contains(".build") {
                texts.append(try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8))
            }
        }
        return texts
    }

    /// Every page with Swift examples: README.md and every page of Documentation/.
    static let pages: [String] =
        ["README.md"]
        + ((try? FileManager.default.contentsOfDirectory(
            atPath: packageRoot.appendingPathComponent("Documentation").path)) ?? [])
        .filter { $0.hasSuffix(".md") }.sorted().map { "Documentation/" + $0 }

    /// The only examples no package compiles, by page and first line, each with the reason.
    static let shownForReading: [String: String] = [
        "Documentation/WritingAReporter.md public protocol Reporter: Sendable {":
            "the declaration of CompassCore's own protocol, shown for reading; declaring it again would shadow it"
    ]

    @Test func theDocumentationHasPages() {
        #expect(Self.pages.count == 10)
        #expect(Self.pages.contains("Documentation/WritingAReporter.md"))
    }

    /// A package written only from the documentation compiles: each example is in a snippet or in
    /// `Examples/Documented`, verbatim, unless it is listed in ``shownForReading``.
    @Test(arguments: pages)
    func everySwiftExampleIsPartOfACompiledSnippet(_ page: String) throws {
        let snippets = try snippets()
        for block in try swiftBlocks(in: page) {
            let firstLine = block.prefix { $0 != "\n" }
            if Self.shownForReading["\(page) \(firstLine)"] != nil { continue }
            #expect(
                snippets.contains { $0.contains(block) },
                "\(page) has an example neither Snippets/ nor Examples/Documented holds:\n\(block)")
        }
    }

    @Test func everyExampleShownForReadingIsStillOnItsPage() throws {
        for key in Self.shownForReading.keys {
            let page = String(key.prefix { $0 != " " })
            let firstLines = try swiftBlocks(in: page).map { String($0.prefix { $0 != "\n" }) }
            #expect(firstLines.contains(String(key.dropFirst(page.count + 1))), "\(key) is no longer on its page")
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
