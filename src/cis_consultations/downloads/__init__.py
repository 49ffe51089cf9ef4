"""The downloads wing: the data files (JSON, CSV, iCalendar, Atom), one module a format."""
