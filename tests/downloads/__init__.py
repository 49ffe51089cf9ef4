"""The downloads wing: the data files, parsed with real parsers."""
