"""Validated content -> page Markdown: templates, sections, journeys, texts, sanitizing. No mkdocs."""
