import CompassCommandLine

CompassCommand().main()
