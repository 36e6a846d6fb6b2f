import CompassCommandLine

var registry = ReporterRegistry.builtIn
registry.register(PlainTextReporter().format) { _ in PlainTextReporter() }
CompassCommand(registry: registry).main()
