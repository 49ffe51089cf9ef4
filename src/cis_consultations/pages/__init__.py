"""The pages wing: the Markdown pages, their links and reference marks, the JSON-LD and
the figures, made from a checked dataset."""
