import Compass
import CompassCommandLine
import Foundation
import Testing

@Suite struct CommandLineDataTests {
    let command = CompassCommand()

    @Test func theCalibratedSampleWrittenAndReadGivesTheSameFactSheet() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = command.run(["sample", "--calibrated", "2022", "--output", directory])
        #expect(written.status == 0)
        #expect(written.standardError.hasPrefix("wrote \(directory)\n  migrants: 47,962\n"))
        let fromFiles = command.run(["report", "--data", directory])
        let builtIn = command.run(["report"])
        #expect(fromFiles.status == 0)
        #expect(fromFiles.standardOutput == builtIn.standardOutput)
        #expect(fromFiles.standardError.hasPrefix("migrants.csv: 47,962 read = 47,962 accepted + 0 rejected\n"))
        let validated = command.run(["validate", "--data", directory])
        #expect(validated.status == 0)
        #expect(validated.standardOutput == "0 errors, 0 warnings, 0 notes\n")
    }

    @Test func aPathThatDoesNotExistIsNamedWithoutSuggestingLenient() {
        let outcome = command.run(["report", "--data", "/no/such/folder"])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == "")
        #expect(outcome.standardError == "compass: no such directory or file: /no/such/folder\n")
    }

    @Test func strictByDefaultLenientOnRequest() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data((migrantsHeader + "M1,female,,,,\nM2,woman,,,,\n").utf8).write(
            to: URL(fileURLWithPath: directory + "/migrants.csv"))
        try Data(validAssistance.utf8).write(to: URL(fileURLWithPath: directory + "/assistance.csv"))
        let strict = command.run(["report", "--data", directory])
        #expect(strict.status == 1)
        #expect(strict.standardOutput == "")
        #expect(
            strict.standardError.hasPrefix(
                "compass: migrants.csv:3:2: sex: 'woman' is not a code of sex (expected one of female, male, unknown)\nmigrants.csv: 2 read = 1 accepted + 1 rejected\n"
            ))
        #expect(
            strict.standardError.hasSuffix(
                "the dataset has 1 error; nothing was computed (fix the data, or use --lenient to keep the good records)\n"
            ))

        let rejects = directory + "-rejects.csv"
        defer { try? FileManager.default.removeItem(atPath: rejects) }
        let lenient = command.run(["report", "--data", directory, "--lenient", "--rejects", rejects])
        #expect(lenient.status == 0)
        #expect(lenient.standardOutput.contains("# COMPASS: 2022 in numbers"))
        #expect(lenient.standardError.contains("migrants.csv: 2 read = 1 accepted + 1 rejected\n"))
        let rejected = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(
            rejected.hasSuffix(
                "migrants.csv,3,invalid-code,\"'woman' is not a code of sex (expected one of female, male, unknown)\",\"M2,woman,,,,\"\r\n"
            ))

        let validated = command.run(["validate", "--data", directory])
        #expect(validated.status == 1)
        #expect(
            validated.standardOutput.hasPrefix(
                "migrants.csv:3:2: sex: 'woman' is not a code of sex (expected one of female, male, unknown) [invalid-code]\n"
            ))
        #expect(validated.standardOutput.hasSuffix("1 error, 0 warnings, 0 notes\n"))
    }

    @Test func sampleWritesTheSameBytesForTheSameSeed() throws {
        let first = try temporaryDirectory()
        let second = try temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        #expect(command.run(["sample", "--migrants", "1000", "--seed", "9", "--output", first]).status == 0)
        #expect(command.run(["sample", "--migrants", "1000", "--seed", "9", "--output", second]).status == 0)
        for file in DatasetFile.allCases {
            let a = FileManager.default.contents(atPath: first + "/" + file.fileName)
            #expect(a != nil)
            #expect(a == FileManager.default.contents(atPath: second + "/" + file.fileName))
        }
        let json = first + "/data.json"
        #expect(command.run(["sample", "--migrants", "1000", "--seed", "9", "--output", json]).status == 0)
        #expect(try Dataset(contentsOf: json) == (try Dataset(contentsOfDirectory: first)))
    }

    @Test(arguments: [
        (
            ["sample", "--migrants", "0", "--output", "x"],
            "compass: --migrants takes a whole number from 1 to 10,000,000, not '0' (see 'compass sample --help')\n"
        ),
        (
            ["sample", "--output", "x"],
            "compass: give either --migrants N or --calibrated 2022 (see 'compass sample --help')\n"
        ),
        (
            ["sample", "--calibrated", "2021", "--output", "x"],
            "compass: --calibrated knows only 2022, not '2021' (see 'compass sample --help')\n"
        ),
        (
            ["report", "--strict"],
            "compass: --strict, --lenient and --rejects apply to a dataset given with --data PATH (see 'compass report --help')\n"
        ),
        (
            ["report", "--data", "x", "--strict", "--lenient"],
            "compass: choose one of --strict and --lenient (see 'compass report --help')\n"
        ),
    ])
    func usageErrors(arguments: [String], message: String) {
        let outcome = command.run(arguments)
        #expect(outcome.status == 2)
        #expect(outcome.standardError == message)
    }

    @Test func aMissingPathIsAnError() {
        let outcome = command.run(["validate", "--data", "/nonexistent/compass"])
        #expect(outcome.status == 1)
        #expect(
            outcome.standardOutput
                == "/nonexistent/compass: no such directory or file; give a dataset directory or a .json file [missing-file]\nwarning [no-records-in-period] no record of any kind is dated in programme (2021-01-01..2023-12-31); every figure is zero\n1 error, 1 warning, 0 notes\n"
        )
    }
}

@Suite struct DocumentationTests {
    /// The fenced code blocks of Documentation/DataFormat.md in a language.
    func blocks(_ language: String) throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Documentation/DataFormat.md"), encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```\(language)" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append((current ?? []).joined(separator: "\n") + "\n")
                current = nil
            } else if current != nil {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test func theDocumentedExamplesRead() throws {
        let csv = try blocks("csv")
        #expect(csv.count == 2)
        let result = DatasetReader().read(files: [
            "migrants.csv": Array(csv[0].utf8), "assistance.csv": Array(csv[1].utf8),
        ])
        #expect(result.problems == [])
        #expect(result.dataset.assistance.count == 2)
        let json = try blocks("json")
        #expect(json.count == 1)
        let fromJSON = DatasetReader().read(json: Array(json[0].utf8))
        #expect(fromJSON.problems == [])
        #expect(fromJSON.dataset.surveys.count == 1)
        #expect(fromJSON.dataset.description?[.french] == "Données de 2022")
    }

    /// The Swift example of "Reading options in Swift", with a temporary directory.
    @Test func theReadingOptionsExampleWorks() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try SyntheticData.write(migrants: 10_000, seed: 3, toDirectory: directory + "/Data")
        let reader = DatasetReader(
            options: DatasetReader.Options(
                maximumRecordBytes: 1 << 20,
                maximumProblemsPerFile: 1_000,
                rejectsPath: directory + "/rejects.csv",
                progress: { _ in }))
        let result = reader.read(from: directory + "/Data")
        let dataset = try Dataset(strictly: result)
        #expect(dataset.migrants.count == 10_000)
        #expect(
            try String(contentsOfFile: directory + "/rejects.csv", encoding: .utf8)
                == "file,line,rule,message,record\r\n")
    }
}
