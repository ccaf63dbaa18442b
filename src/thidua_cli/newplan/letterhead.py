"""The new head's letterhead on the new plan: issuer, parent, symbol, place, signer.

The bloc head issues the year's plan, so when ``thidua new --head X`` names a
new head, the document's letterhead must become X's. Members may carry their
own (``members[].letterhead``); its values replace the document's, on the
round-trip tree, so the rest of the file keeps its layout. What the letterhead
does not give is left as it was and named, for a person to set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .roundtrip import delete

#: The document keys a letterhead sets, in the order they are reported.
KEYS = ("issuer", "parent", "symbol", "place", "signer")


@dataclass(frozen=True)
class Moved:
    """What happened to the letterhead: the keys set, and those left as they were
    (``missing``); ``no_letterhead`` when the head has none at all."""

    head: str
    set: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    no_letterhead: bool = False


def move_letterhead(data: CommentedMap, head: str) -> Moved | None:
    """Put ``head``'s letterhead on ``data['document']``; None when the plan has no
    document (a draft: the head is its issuer already)."""
    document = data.get("document")
    if not isinstance(document, CommentedMap):
        return None
    member = next((m for m in _members(data) if str(m.get("id")) == head), None)
    letterhead = member.get("letterhead") if member is not None else None
    if not isinstance(letterhead, CommentedMap):
        return Moved(head, missing=KEYS, no_letterhead=True)
    done: list[str] = []
    missing: list[str] = []
    for key in KEYS:
        value = letterhead.get(key)
        if key == "parent":
            # No parent in the head's letterhead: the old head's parent is wrong here.
            if value is None:
                delete(document, "parent")
            else:
                _put(document, "parent", value, before="issuer")
            done.append(key)
            continue
        if value is None:
            missing.append(key)
            continue
        if key == "symbol":
            value = plan_symbol(str(value))
        _put(document, key, _plain(value))
        done.append(key)
    # Running text names the issuer from its member now.
    delete(document, "issuer_name")
    return Moved(head, tuple(done), tuple(missing))


def plan_symbol(symbol: str) -> str:
    """``UBND`` or ``KH-UBND`` (or ``BC-UBND``) → ``KH-UBND``: the plan's type kept."""
    from ..kinds import document_types

    kind, dash, issuer = symbol.strip().partition("-")
    return f"KH-{issuer if dash and kind in document_types() else symbol.strip()}"


def _members(data: CommentedMap) -> list[CommentedMap]:
    bloc = data.get("bloc")
    members = bloc.get("members") if isinstance(bloc, CommentedMap) else None
    return [m for m in members or [] if isinstance(m, CommentedMap)]


def _put(document: CommentedMap, key: str, value: Any, before: str | None = None) -> None:
    if key in document or before is None or before not in document:
        document[key] = value
        return
    document.insert(list(document).index(before), key, value)


def _plain(value: Any) -> Any:
    """A copy of a round-trip value without its comments and anchors."""
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _plain(v)
        if isinstance(value, CommentedMap) and value.fa.flow_style():
            out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_plain(v) for v in value)
        if isinstance(value, CommentedSeq) and value.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    return value
