"""Speed and size benchmarks: `python -m benchmarks.run` (or `./handbook bench`).

Targets, not tests: every figure is a ratio measured within one run, so a busy machine slows
candidate and baseline alike.
"""
