"""libyaml's syntax messages in Vietnamese, so that no YAML jargon reaches a user untranslated.

The table is data (``data/yaml_messages.toml``): whole phrases first; a phrase
not in it has YAML's terms replaced word by word (``flow mapping`` → ``ánh xạ
một dòng {...}``), the rest (quoted characters) as written.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def _table() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    from .tables import TABLES  # data/yaml_messages.toml

    data = TABLES["yaml_messages"]
    words = sorted(data["words"].items(), key=lambda kv: -len(kv[0]))
    return data["messages"], [(re.compile(rf"\b{re.escape(k)}\b"), v) for k, v in words]


def vietnamese(phrase: str) -> str:
    """One of libyaml's phrases (``did not find expected key``) in Vietnamese."""
    messages, words = _table()
    found = messages.get(phrase.strip())
    if found is not None:
        return found
    out = phrase
    for pattern, word in words:
        out = pattern.sub(word, out)
    return out
