import CompassCommandLine

var registry = ReporterRegistry.builtIn
registry.register(HXLReporter.format) { HXLReporter(language: $0.language) }
CompassCommand(registry: registry).main()
