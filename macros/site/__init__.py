"""The glue to MkDocs: the only layer that imports mkdocs."""
