"""The command-line tools behind ./handbook: check, adapt, diff, schema."""
