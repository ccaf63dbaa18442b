"""The bloc's head and deputies of the new year (they rotate every year)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..errors import UsageError
from ..lint.context import suggest


@dataclass(frozen=True)
class Roles:
    head: str
    deputies: tuple[str, ...]
    # A deputy who became head and so left the deputies (a head cannot be both).
    promoted: str | None = None


def set_roles(bloc: CommentedMap, head: str | None, deputies: Sequence[str] | None) -> Roles:
    """Set ``head`` and ``deputies`` (when given) on the round-trip ``bloc``."""
    members = [str(m.get("id")) for m in bloc.get("members") or [] if isinstance(m, CommentedMap)]
    for ref, option in [(head, "--head"), *((d, "--deputies") for d in deputies or [])]:
        if ref is not None and ref not in members:
            close = suggest(ref, members)
            raise UsageError("new.unknown_member" if close is None else "new.unknown_member_hint",
                             id=ref, option=option, suggestion=close,
                             members=", ".join(members))
    if head is not None:
        bloc["head"] = head
    current = [str(d) for d in bloc.get("deputies") or []]
    promoted = None
    if deputies is not None:
        wanted = list(dict.fromkeys(deputies))
        if str(bloc["head"]) in wanted:
            raise UsageError("new.head_and_deputy", id=bloc["head"])
    else:
        wanted = current
        if str(bloc["head"]) in current:
            promoted = str(bloc["head"])
            wanted = [d for d in current if d != promoted]
    if wanted != current:
        _set_deputies(bloc, wanted)
    return Roles(str(bloc["head"]), tuple(wanted), promoted)


def _set_deputies(bloc: CommentedMap, wanted: list[str]) -> None:
    existing = bloc.get("deputies")
    if not wanted:
        from .roundtrip import delete

        delete(bloc, "deputies")
        return
    if isinstance(existing, CommentedSeq):
        # In place, so the list keeps its style (flow or block) and its comments.
        del existing[:]
        existing.extend(wanted)
        return
    seq = CommentedSeq(wanted)
    seq.fa.set_flow_style()
    keys = list(bloc)
    bloc.insert(keys.index("head") + 1 if "head" in keys else len(keys), "deputies", seq)
