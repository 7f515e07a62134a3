"""Loaders: one module per kind of source. They parse and validate files into records and know
nothing of stores or Neo4j; bad input is refused with file, row, column and value."""
