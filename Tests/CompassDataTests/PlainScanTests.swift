import CCompassScan
import CompassData
import Testing

/// The scan of plain records has a body for AVX2, chosen at run time, and one for every x86-64
/// processor: on bytes of every kind, both must find the same records, offsets and end.
@Suite struct PlainScanTests {
    /// `compass_plain_records` or `compass_plain_records_portable`.
    typealias Scan = (
        UnsafePointer<UInt8>?, Int, Int, Int, UnsafeMutablePointer<UInt32>?, Int, UnsafeMutablePointer<Int>?
    ) -> Int

    /// The records, offsets and consumed bytes `scan` finds in `bytes`.
    static func scan(_ bytes: [UInt8], width: Int, maximum: Int, records: Int, with scan: Scan) -> [Int] {
        var ends = [UInt32](repeating: 0, count: records * (width + 1))
        var consumed = 0
        let found = bytes.withUnsafeBufferPointer { bytes in
            ends.withUnsafeMutableBufferPointer { ends in
                scan(bytes.baseAddress, bytes.count, width, maximum, ends.baseAddress, records, &consumed)
            }
        }
        return [found, consumed] + ends.prefix(found * (width + 1)).map { Int($0) }
    }

    /// Lines of `width` short fields (now and then one more or one fewer, or an empty line), ended
    /// by LF or CRLF, with the bytes that stop a plain scan (a quote, a NUL, a lone CR) here and
    /// there when `rare` is not 0.
    static func text(_ random: inout SeededRandom, width: Int, lines: Int, rare: Int) -> [UInt8] {
        let common: [UInt8] = Array("abcXYZ019-;".utf8)
        var bytes: [UInt8] = []
        for _ in 0..<lines {
            let roll = Int.random(in: 0..<100, using: &random)
            let fields = roll < 5 ? width + 1 : roll < 10 ? max(1, width - 1) : roll < 12 ? 0 : width
            for field in 0..<fields {
                if field > 0 { bytes.append(UInt8(ascii: ",")) }
                for _ in 0..<Int.random(in: 0...9, using: &random) {
                    if Int.random(in: 0..<1_000, using: &random) < rare {
                        bytes.append([UInt8(ascii: "\""), 0, UInt8(ascii: "\r")].randomElement(using: &random)!)
                    } else {
                        bytes.append(common.randomElement(using: &random)!)
                    }
                }
            }
            if Bool.random(using: &random) { bytes.append(UInt8(ascii: "\r")) }
            bytes.append(UInt8(ascii: "\n"))
        }
        // Sometimes a last line without its line break.
        if Bool.random(using: &random) { bytes += Array("tail,of,text".utf8) }
        return bytes
    }

    @Test func theAVX2AndThePortableScansFindTheSameRecords() {
        var random = SeededRandom(seed: 3)
        var found = 0
        for round in 0..<3_000 {
            // Rare stopping bytes in most rounds, none in some, so that long runs of records are found.
            let width = Int.random(in: 1...8, using: &random)
            let bytes = Self.text(
                &random, width: width, lines: Int.random(in: 0..<30, using: &random), rare: round % 3 == 0 ? 0 : 5)
            let maximum = [8, 40, 1 << 20].randomElement(using: &random)!
            let records = Int.random(in: 1...40, using: &random)
            let best = Self.scan(bytes, width: width, maximum: maximum, records: records, with: compass_plain_records)
            let portable = Self.scan(
                bytes, width: width, maximum: maximum, records: records, with: compass_plain_records_portable)
            #expect(best == portable, "round \(round): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            found += best[0]
        }
        #expect(found > 1_000)
    }

    /// Records of the assistance file's shape, many blocks long, with one stopping byte moved
    /// through every position of a block.
    @Test func aStoppingByteAtEveryPositionOfABlock() {
        let row = Array("A0000001,M00000001,humanitarian_aid,2022-06-09,TUN\n".utf8)
        let rows = Array(repeatElement(row, count: 6).joined())
        for stop in [UInt8(ascii: "\""), 0, UInt8(ascii: "\r")] {
            for position in 0..<(2 * row.count) {
                var bytes = rows
                bytes[position] = stop
                let best = Self.scan(bytes, width: 5, maximum: 1 << 20, records: 10, with: compass_plain_records)
                let portable = Self.scan(
                    bytes, width: 5, maximum: 1 << 20, records: 10, with: compass_plain_records_portable)
                #expect(best == portable, "byte \(stop) at \(position)")
                // A carriage return before a line feed ends the record as a line feed does.
                let endsRecord = stop == UInt8(ascii: "\r") && position % row.count == row.count - 2
                #expect(best[0] == (endsRecord ? 6 : position / row.count), "byte \(stop) at \(position)")
            }
        }
    }
}
