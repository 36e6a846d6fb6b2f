import CompassData

/// libFuzzer's entry point: reads the input as one CSV file of the dataset format.
///
/// The first byte chooses the file (and so the columns and rules) and whether records
/// longer than 64 bytes are refused, so that the too-long path is fuzzed as well.
/// Every outcome is acceptable except a crash, a hang, a broken accounting, a difference
/// between reading records and preparing columns (`DatasetReader.prepare(files:programme:)`), or
/// one between finding plain records in batches and scanning every record alone.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let selector = Int(data[0])
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let files = DatasetFile.allCases
    let file = files[selector % files.count]
    var options = DatasetReader.Options()
    if selector >= 128 { options.maximumRecordBytes = 64 }
    var inputs: [String: [UInt8]] = [file.fileName: bytes]
    if file != .migrants { inputs["migrants.csv"] = Array("migrant_id,sex\nM1,female\n".utf8) }
    let result = DatasetReader(options: options).read(files: inputs)
    for account in result.accounting {
        precondition(account.read == account.accepted + account.rejected, "the accounting does not add up: \(account)")
    }
    for problem in result.problems { _ = problem.description }
    // Reading straight into columns must find exactly what reading records finds.
    let prepared = DatasetReader(options: options).prepare(files: inputs, programme: nil)
    precondition(prepared.problems == result.problems, "preparing and reading records disagree on the problems")
    precondition(prepared.accounting == result.accounting, "preparing and reading records disagree on the accounting")
    // Plain records found many at a time must read exactly as records scanned one by one.
    var alone = options
    alone.findsPlainRecordsInBatches = false
    let scanned = DatasetReader(options: alone).read(files: inputs)
    precondition(scanned.problems == result.problems, "plain records in batches and alone: the problems differ")
    precondition(scanned.accounting == result.accounting, "plain records in batches and alone: the accounting differs")
    precondition(scanned.dataset == result.dataset, "plain records in batches and alone: the records differ")
    return 0
}
