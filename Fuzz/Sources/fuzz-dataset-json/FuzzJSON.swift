import CompassData

/// libFuzzer's entry point: reads the input as a JSON dataset, then writes what was
/// accepted and reads it again, which must give the same records without an error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDatasetJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = DatasetReader().read(json: bytes)
    for account in result.accounting {
        precondition(account.read == account.accepted + account.rejected, "the accounting does not add up: \(account)")
    }
    for problem in result.problems { _ = problem.description }
    let again = DatasetReader().read(json: result.dataset.jsonBytes())
    precondition(again.dataset == result.dataset, "writing and reading again changed the dataset")
    precondition(!again.hasErrors, "what was accepted is refused when read again")
    return 0
}
