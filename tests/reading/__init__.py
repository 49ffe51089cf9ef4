"""The reading wing: the loader, the checks and their messages, the data folder."""
