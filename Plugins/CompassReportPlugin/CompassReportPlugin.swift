import Foundation
import PackagePlugin

/// `swift package compass-report …`: runs `compass report` for the package it is invoked in.
///
/// Arguments are passed to `compass report` unchanged, with relative paths taken from
/// the package's folder. `--output` may name a folder (ending in `/`): it is created,
/// and the report is written in it as `compass-report.<extension of the format>`.
///
/// ```sh
/// swift package --allow-writing-to-package-directory compass-report \
///     --data Data --format html --output Reports/
/// ```
@main
struct CompassReportPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "compass").url
        let folder = context.package.directoryURL
        var arguments = arguments
        if let index = arguments.firstIndex(of: "--output"), index + 1 < arguments.count {
            arguments[index + 1] = try outputFile(arguments[index + 1], arguments: arguments, tool: tool, in: folder)
        }
        let status = try run(tool, ["report"] + arguments, in: folder)
        guard status == 0 else { throw PluginFailure("compass report exited with status \(status)") }
    }

    /// The file to write for `--output PATH`: PATH itself, or a file in it when PATH is a folder.
    private func outputFile(_ path: String, arguments: [String], tool: URL, in folder: URL) throws -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
        guard path.hasSuffix("/") || (exists && isFolder.boolValue) else { return url.path }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let format = arguments.firstIndex(of: "--format").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        let formats = try capture(tool, ["formats"], in: folder)
        let fileExtension =
            formats.split(separator: "\n").map { $0.split(separator: "\t") }
            .first { $0.first.map(String.init) == (format ?? "markdown") }?
            .dropFirst().first.map { String($0.dropFirst()) } ?? "txt"
        return url.appendingPathComponent("compass-report.\(fileExtension)").path
    }

    private func run(_ tool: URL, _ arguments: [String], in folder: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    private func capture(_ tool: URL, _ arguments: [String], in folder: URL) throws -> String {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
