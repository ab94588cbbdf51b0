"""The curriculum and the settings as validated data: models, editions, facts, the outputs they call for."""
