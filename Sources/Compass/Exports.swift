@_exported public import CompassCSV
// The umbrella module: `import Compass` gives the core, the data target and every built-in reporter.
@_exported public import CompassCore
@_exported public import CompassData
@_exported public import CompassEngine
@_exported public import CompassHTML
@_exported public import CompassJSON
@_exported public import CompassMarkdown
