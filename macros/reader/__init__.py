"""The strict YAML reader: one mapping per file, every value's place known, mistakes named."""
