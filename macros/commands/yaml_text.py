"""YAML as our modules are written: keys in the order given, text of several lines as a block."""

from __future__ import annotations

from typing import Any

import yaml


class _Block(yaml.SafeDumper):
    # Text of several lines as a block (`|`), as people write it, not as one quoted line with \n.
    def represent_str(self, data: str) -> yaml.ScalarNode:
        style = "|" if "\n" in data else None
        return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Block.add_representer(str, _Block.represent_str)


def dump(data: dict[str, Any]) -> str:
    """Return ``data`` as YAML the way our modules are written."""
    return yaml.dump(data, Dumper=_Block, allow_unicode=True, sort_keys=False, width=110)


def scalar(value: Any) -> str:
    """Return one value as it stands after a key on its line."""
    return yaml.dump(value, Dumper=_Block, allow_unicode=True, width=10_000).removesuffix("\n...\n").rstrip("\n")
