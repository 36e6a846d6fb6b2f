import Compass

// Documentation/DataFormat.md (its first example is the executable ReadingData)

func readingWithOptions() throws -> Dataset {
let reader = DatasetReader(options: DatasetReader.Options(
    maximumRecordBytes: 1 << 20,        // longer records are rejected as record-too-long
    maximumProblemsPerFile: 1_000,      // past this, one note counts the rest
    rejectsPath: "rejects.csv",         // nil: write no rejects file
    progress: { print($0.file, $0.bytesRead, $0.totalBytes ?? 0) }))   // every 8 MiB read
let result = reader.read(from: "Data")
let dataset = try Dataset(strictly: result)     // throws DatasetReadError when the result has errors
return dataset
}
