"""The reading wing: finds the data files, reads them, checks them against the schema,
the registries and the held texts, and builds the dataset (and reads its history)."""
