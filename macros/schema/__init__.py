"""The schema of every input: one pydantic model per module kind, and its errors in plain words."""
