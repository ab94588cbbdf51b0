"""The hand-written pages in docs/: front matter, placeholders, sandboxed Jinja, the file walk."""
