import Compass
import CompassCommandLine
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Inputs that are not regular files, and outputs that would destroy something (issue #22).
@Suite struct ReliabilityTests {
    let command = CompassCommand()

    /// A dataset directory of the two required files, with bad rows to reject.
    func dataset() throws -> String {
        let directory = try temporaryDirectory()
        try Data((migrantsHeader + "M1,female,,,,\nM2,woman,,,,\n").utf8).write(
            to: URL(fileURLWithPath: directory + "/migrants.csv"))
        try Data(validAssistance.utf8).write(to: URL(fileURLWithPath: directory + "/assistance.csv"))
        return directory
    }

    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let directory = try dataset()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // No process writes to these FIFOs: opening one to read would block forever.
        try FileManager.default.removeItem(atPath: directory + "/migrants.csv")
        #expect(mkfifo(directory + "/migrants.csv", 0o600) == 0)
        #expect(mkfifo(directory + "/catalogue.json", 0o600) == 0)
        let data = command.run(["report", "--data", directory])
        #expect(data.status == 1)
        #expect(data.standardError.hasPrefix("compass: migrants.csv: not a regular file\n"))
        #expect(data.standardError.hasSuffix("the dataset cannot be used; nothing was computed\n"))
        let catalogue = command.run(["report", "--catalogue", directory + "/catalogue.json"])
        #expect(catalogue.status == 1)
        #expect(
            catalogue.standardError == "compass: \(directory)/catalogue.json: cannot be read (not a regular file)\n")
        let device = command.run(["report", "--catalogue", "/dev/zero"])
        #expect(device.standardError == "compass: /dev/zero: cannot be read (not a regular file)\n")
    }

    @Test func anOutputNeverReplacesADevice() throws {
        let outcome = command.run(["report", "--output", "/dev/full"])
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError
                == "compass: cannot write /dev/full: not a regular file; an output only replaces a regular file\n")
        var status = stat()
        #expect(stat("/dev/full", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test func anOutputNeverReplacesAnInput() throws {
        let directory = try dataset()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let migrants = directory + "/migrants.csv"
        let before = try Data(contentsOf: URL(fileURLWithPath: migrants))
        let rejects = command.run(["report", "--data", directory, "--lenient", "--rejects", migrants])
        #expect(rejects.status == 2)
        #expect(rejects.standardError.hasPrefix("compass: --rejects \(migrants) is the input \(migrants);"))
        // The same file under another name is the same input.
        let other = command.run([
            "report", "--data", directory, "--lenient", "--output", directory + "/./assistance.csv",
        ])
        #expect(other.status == 2)
        #expect(other.standardError.contains("is the input \(directory)/assistance.csv"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: migrants)) == before)
    }

    @Test func rejectsThatCannotBeWrittenFailTheRun() throws {
        let directory = try dataset()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = command.run([
            "report", "--data", directory, "--lenient", "--rejects", directory + "/no/such/folder/rejects.csv",
        ])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == "")
        #expect(outcome.standardError.contains("the rejected records cannot be written"))
    }
}
