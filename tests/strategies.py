"""Hypothesis strategies for thidua plans, as plain Python data.

Shared by the property tests of lint (tests/properties/), and meant for those
of render and diff: import what you need from ``tests.strategies``.

- ``plans()`` draws a plan as the dict a YAML file holds (dates as text, in
  the ISO and the Vietnamese forms): valid under format v1 AND clean under
  every lint rule but those that judge the words of free text (``WORD_RULES``:
  arbitrary Unicode is not NFC, mixes tone styles, may look like mojibake,
  holds control characters),
  with ``today`` before the plan year (``NEVER_OVERDUE``). Its ids are unique
  per list and every reference names something that exists: members,
  objectives (each served by some task), awards (each proposing a member),
  legal bases dated before the
  document, criteria with a score inside its range for every member once
  scoring has begun; every date lies in the plan year (the document's may
  fall in the last quarter before); document symbols and legal-basis numbers
  have the shapes of Nghị định 30 (``KH-BTC``, ``07/CT-TTg``, ``34-CT/TW``).
- ``texts()`` draws the free text of titles, names and details: any Unicode
  a YAML file can carry (no lone surrogates), weighted towards what breaks
  renderers and terminals: ``{{``, ``{%``, ``&``, ``<``, RTL and bidi marks,
  emoji with joiners, control characters, line breaks other than ``\\n``.
- ``ids()`` draws ids matching ``model.ID_PATTERN`` (never ``all``).
- ``dump(data, flow)`` writes a plan with ruamel.yaml's safe dumper (Unicode
  kept as is) in block style, flow style, or flow for the innermost lists and
  mappings (``flow_styles`` draws one); ``line_of(text, needle)`` is the
  1-based line of a unique needle.
- ``references(data)`` lists every reference of a plan with the rule code a
  dangling one gives; ``date_paths(data)`` every date. Both are paths into the
  data (``("tasks", 2, "support", 0)``), for tests that break one thing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any, Literal

from hypothesis import strategies as st

from thidua_cli.lint.rules.duplicate_member_name import name_key
from thidua_cli.lint.rules.recipient_punctuation import tidy as tidy_recipient
from thidua_cli.model import ALL, ID_PATTERN, STATUSES

Path_ = tuple[str | int, ...]

# Rules about the words of free text, off in properties about structure.
WORD_RULES = frozenset({"TD401", "TD402", "TD404", "TD405", "TD406", "TD409"})
# A ``today`` before any generated plan: no task or activity is overdue.
NEVER_OVERDUE = date(1900, 1, 1)

# Pieces that have broken templates, XML, terminals or YAML emitters before.
TRICKY = (
    "{{", "}}", "{%", "%}", "{#", "#}", "{{ plan.title }}", "&", "&amp;", "<", ">", "<w:t>",
    "]]>", "'", '"', "\\", "#", ": ", "- ", "*", "!", "|", "%", "@", "`", "---", "...",
    "\u200f", "\u200e", "\u202e", "\u2067", "\u061c",  # RTL/LTR marks, bidi override/isolate
    "🎉", "👩\u200d👩\u200d👧", "🇻🇳", "\ufe0f",  # emoji, ZWJ sequence, flag, variation selector
    "\x00", "\x01", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9b",  # C0/C1 controls
    "\t", "\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c",  # line breaks, tabs
    "\ufeff", "\ufffd", "\ufffe", "\u00ad", "\u200b",  # BOM, replacement, non-char, invisibles
    "đ", "Đ", "Nghị định 30/2020/NĐ-CP", "Ủy ban", "hoà", "ho\u0300a",  # Vietnamese, NFD
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\U0010fffd",  # outside the BMP
)

# Every code point but lone surrogates, which no UTF-8 file can hold.
_ANY_CHAR = st.characters(exclude_categories=("Cs",))


def texts(max_parts: int = 5) -> st.SearchStrategy[str]:
    """Non-empty free text: tricky pieces mixed with arbitrary Unicode."""
    part = st.one_of(st.sampled_from(TRICKY), st.text(_ANY_CHAR, min_size=1, max_size=12))
    return st.lists(part, min_size=1, max_size=max_parts).map("".join)


def ids() -> st.SearchStrategy[str]:
    """An id: a letter or digit, then letters, digits, ``-`` and ``_``."""
    return st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_-]{0,11}\Z").filter(lambda s: s != ALL)


def _unique_ids(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ids(), min_size=min_size, max_size=max_size, unique=True)


_UPPER = "ABCDĐEGHIKLMNOPQRSTUVXY"


def plan_symbols() -> st.SearchStrategy[str]:
    """A plan's symbol: ``KH-`` and the issuer's initials (``KH-LMHTXVN``)."""
    part = st.text(_UPPER + "0123456789", min_size=1, max_size=8)
    return st.lists(part, min_size=1, max_size=2).map(lambda parts: "KH-" + "-".join(parts))


def basis_numbers() -> st.SearchStrategy[str]:
    """A legal basis's number: a state (``07/CT-TTg``) or a Party (``34-CT/TW``) shape."""
    kind = st.sampled_from(["CT", "NĐ", "QĐ", "NQ", "TT", "KH", "HD"])
    issuer = st.sampled_from(["TTg", "CP", "BNV", "TW", "QH15", "BTC", "UBND"])
    number = st.integers(1, 99999).map(str)
    state = st.builds(lambda n, y, k, i: f"{n}/{y}{k}-{i}", number,
                      st.sampled_from(["", "2022/", "2025/"]), kind,
                      issuer.filter(lambda i: i != "TW"))
    party = st.builds(lambda n, k, i: f"{n}-{k}/{i}", number, kind, issuer)
    return st.one_of(state, party)


def shown_date(d: date) -> st.SearchStrategy[str]:
    """A date as a plan writes it: ISO, or Vietnamese day-first with or without zeros."""
    return st.sampled_from([d.isoformat(), f"{d.day}/{d.month}/{d.year}",
                            f"{d.day:02}/{d.month:02}/{d.year}"])


def shown_month(year: int, month: int) -> st.SearchStrategy[str]:
    return st.sampled_from([f"{year}-{month:02}", f"{month}/{year}"])


@st.composite
def plans(draw: st.DrawFn, max_tasks: int = 6,
          texts: Callable[[int], st.SearchStrategy[str]] = texts,
          names: Callable[[int], st.SearchStrategy[str]] | None = None,
          issuers: st.SearchStrategy[str] | None = None,
          authorities: st.SearchStrategy[str] | None = None) -> dict[str, Any]:
    """A plan that lints clean (see the module docstring).

    ``texts`` draws the free text (``texts(max_parts)``), ``names`` the names of
    members, places and people (default: ``texts``), ``issuers`` the issuers of
    legal bases and ``authorities`` the signer's authority (default: texts).
    """
    own_names = names is not None
    names = names or texts
    issuers = texts(2) if issuers is None else issuers
    authorities = texts(2) if authorities is None else authorities
    year = draw(st.integers(1990, 2100))
    first, last = date(year, 1, 1), date(year, 12, 31)

    def maybe(value: st.SearchStrategy[Any]) -> Any:
        """``value`` or ``None``; ``None`` keys are left out of the data."""
        return draw(st.one_of(st.none(), value))

    def in_year() -> str:
        return draw(shown_date(draw(st.dates(first, last))))

    member_ids = draw(_unique_ids(2, 6))
    head = draw(st.sampled_from(member_ids))
    # Names are told apart as a reader tells them (TD108 warns of two that read the same).
    member_names = draw(st.lists(names(5) if own_names else texts(5), min_size=len(member_ids),
                                 max_size=len(member_ids), unique_by=name_key))
    members = [_compact({"id": m, "name": n, "short_name": maybe(texts(2))})
               for m, n in zip(member_ids, member_names, strict=True)]
    bloc = {"name": draw(texts(5)), "head": head, "members": members,
            "deputies": draw(st.lists(st.sampled_from([m for m in member_ids if m != head]),
                                      unique=True, max_size=2))}

    document = None
    issued = last
    if draw(st.booleans()):
        day = maybe(st.dates(date(year - 1, 10, 1), last))
        issued = day or last
        document = _compact({
            "issuer": draw(texts(5)), "parent": maybe(texts(5)), "symbol": draw(plan_symbols()),
            "number": maybe(st.integers(1, 999)), "place": draw(names(2)),
            "date": None if day is None else draw(shown_date(day)),
            "signer": maybe(st.builds(lambda a, p, n: _compact(
                {"authority": a, "position": p, "name": n}),
                st.one_of(st.none(), authorities), texts(2), names(2))),
            # Without a pasted dash or final ";"/"." (TD408 reports those).
            "recipients": draw(st.lists(names(2).map(tidy_recipient).filter(bool),
                                        max_size=3)),
        })

    basis_ids = draw(_unique_ids(0, 3))
    basis = [{"id": b, "number": draw(basis_numbers()), "issuer": draw(issuers),
              "title": draw(texts(5)),
              "date": draw(shown_date(draw(st.dates(issued - timedelta(days=3650), issued))))}
             for b in basis_ids]

    objective_ids = draw(_unique_ids(1, 4))
    objectives = [{"id": o, "text": draw(texts(5))} for o in objective_ids]

    tasks = []
    for t in draw(_unique_ids(1, max_tasks)):
        lead = draw(st.sampled_from([ALL, *member_ids]))
        # The lead is not also a supporting member (lead-in-support).
        helpers = [m for m in member_ids if m != lead]
        tasks.append(_compact({
            "id": t, "title": draw(texts(5)),
            "details": maybe(st.one_of(texts(5), st.lists(texts(5), min_size=1, max_size=3))),
            "objectives": draw(st.lists(st.sampled_from(objective_ids), unique=True,
                                        max_size=2)),
            "basis": draw(st.lists(st.sampled_from(basis_ids), unique=True, max_size=2))
            if basis_ids else [],
            "lead": lead,
            "support": draw(st.lists(st.sampled_from(helpers), unique=True, max_size=2))
            if helpers else [],
            "due": in_year() if draw(st.booleans()) else None,
            "status": draw(st.sampled_from(STATUSES)),
            "result": maybe(texts(5)),
        }))
    # Every objective is served by some task (objective-without-task).
    for o in objective_ids:
        if not any(o in task.get("objectives", ()) for task in tasks):
            task = tasks[draw(st.integers(0, len(tasks) - 1))]
            task["objectives"] = [*task.get("objectives", ()), o]

    events = []
    for e in draw(_unique_ids(0, 3)):
        when = draw(st.sampled_from(["date", "month", None]))
        events.append(_compact({
            "id": e, "title": draw(texts(5)),
            "date": in_year() if when == "date" else None,
            "month": draw(shown_month(year, draw(st.integers(1, 12)))) if when == "month"
            else None,
            "host": maybe(st.sampled_from(member_ids)), "place": maybe(names(2)),
            "status": draw(st.sampled_from(STATUSES)), "result": maybe(texts(5)),
        }))

    criteria = [{"id": c, "title": draw(texts(5)), "max_points": draw(_points(1, 100))}
                for c in draw(_unique_ids(0, 3))]
    scores: dict[str, dict[str, Any]] = {}
    if criteria and draw(st.booleans()):  # once scoring begins, everyone is scored
        for m in member_ids:
            scores[m] = {c["id"]: draw(_points(0, c["max_points"])) for c in criteria}

    awards = [_compact({"title": draw(texts(5)), "note": maybe(texts(5)),
                        # At least one: an award that proposes nobody, with no vote
                        # to say why, is TD607's warning.
                        "members": draw(st.lists(st.sampled_from(member_ids), unique=True,
                                                 min_size=1, max_size=3))})
              for _ in range(draw(st.integers(0, 2)))]

    review = maybe(st.builds(lambda n, d, a, s, le, nx: _compact({
        "number": n, "date": d, "achievements": a, "shortcomings": s, "lessons": le,
        "next_year": nx}), st.one_of(st.none(), st.integers(1, 999)),
        st.one_of(st.none(), st.dates(first, last).flatmap(shown_date)),
        *[st.lists(texts(5), max_size=2)] * 4))

    return _compact({
        "version": 1, "year": year, "title": draw(texts(5)), "theme": draw(texts(5)),
        "document": document, "bloc": bloc, "basis": basis, "objectives": objectives,
        "tasks": tasks, "events": events, "criteria": criteria, "scores": scores,
        "awards": awards, "review": review,
    })


def _points(low: float, high: float) -> st.SearchStrategy[float | int]:
    """Whole or fractional points in ``[low, high]``, as a secretariat writes them."""
    return st.one_of(st.integers(int(low) if low == int(low) else int(low) + 1, int(high)),
                     st.floats(low, high, allow_nan=False, allow_infinity=False)
                     .map(lambda x: round(x, 2)).filter(lambda x: low <= x <= high))


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    """``mapping`` without its ``None`` values and empty lists (optional keys left out)."""
    return {k: v for k, v in mapping.items() if v is not None and v != [] and v != {}}


_ID = re.compile(ID_PATTERN)
_UNREADABLE = object()
FlowStyle = bool | None  # False: block; None: flow for leaf lists and mappings; True: flow


def dump(data: Any, flow: FlowStyle = False) -> str:
    """YAML text of ``data``, as ruamel.yaml's safe dumper writes it (Unicode kept).

    Three disagreements between ruamel.yaml's emitter (YAML 1.2) and libyaml,
    which thidua reads with (YAML 1.1), are worked around here; anything that
    writes plans (``new``, ``--fix``) meets them too:

    - NEL (U+0085) is written raw inside quotes; libyaml takes it for a line
      break and folds it to a space. Such text is written double-quoted (``\\N``).
    - ``a:b`` or ``a?`` is written plain inside ``[...]`` and ``{...}``;
      libyaml refuses it (and ruamel's own loader some of it). In flow style
      every text but an id is quoted.
    - A long double-quoted scalar is sometimes folded where it has no space,
      so it reads back with a space added (ruamel's own loader agrees it is
      wrong). The text is checked and, if so, written without a line width.
    """
    for width in (None, 1 << 30):
        text = _dump(data, flow, width)
        if _load_pure(text) == data:
            return text
    return text


def _dump(data: Any, flow: FlowStyle, width: int | None) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.Representer = _representer()  # a subclass: ruamel's own stays untouched
    yaml.allow_unicode = True
    yaml.default_flow_style = flow
    if width is not None:
        yaml.width = width
    yaml.representer.flow = flow
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@cache
def _representer() -> type:
    from ruamel.yaml.representer import SafeRepresenter

    class PlanRepresenter(SafeRepresenter):  # type: ignore[misc]
        flow: FlowStyle = False

        def represent_text(self, text: str) -> Any:
            style = None
            if "\x85" in text:
                style = '"'
            elif self.flow is not False and not _ID.match(text):
                style = "'"
            return self.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    PlanRepresenter.add_representer(str, PlanRepresenter.represent_text)
    return PlanRepresenter


def _load_pure(text: str) -> Any:
    from ruamel.yaml import YAML

    try:
        return YAML(typ="safe", pure=True).load(text)
    except Exception:  # the emitter wrote what its own loader cannot read
        return _UNREADABLE


def flow_styles() -> st.SearchStrategy[FlowStyle]:
    return st.sampled_from([False, None, True])


def line_of(text: str, needle: str) -> int:
    """The 1-based line where ``needle`` (which must be unique in ``text``) is."""
    assert text.count(needle) == 1, needle
    return text[:text.index(needle)].count("\n") + 1


@dataclass(frozen=True)
class Reference:
    """One place a plan names something by id, and the code of a dangling one."""

    path: Path_
    code: Literal["TD101", "TD102", "TD103", "TD104"]
    at: Literal["value", "key"] = "value"


def references(data: dict[str, Any]) -> list[Reference]:
    """Every reference in ``data``: member ids (TD101), objectives (TD102), bases
    (TD103), criteria (TD104). ``at="key"`` for the keys of ``scores``."""
    refs = [Reference(("bloc", "head"), "TD101")]
    refs += [Reference(("bloc", "deputies", i), "TD101")
             for i in range(len(data["bloc"].get("deputies", ())))]
    for t, task in enumerate(data["tasks"]):
        if "lead" in task:
            refs.append(Reference(("tasks", t, "lead"), "TD101"))
        for key, code in (("support", "TD101"), ("objectives", "TD102"), ("basis", "TD103")):
            refs += [Reference(("tasks", t, key, i), code)
                     for i in range(len(task.get(key, ())))]
    for e, event in enumerate(data.get("events", ())):
        if "host" in event:
            refs.append(Reference(("events", e, "host"), "TD101"))
    for member, points in data.get("scores", {}).items():
        refs.append(Reference(("scores", member), "TD101", "key"))
        refs += [Reference(("scores", member, c), "TD104", "key") for c in points]
    for a, award in enumerate(data.get("awards", ())):
        refs += [Reference(("awards", a, "members", i), "TD101")
                 for i in range(len(award.get("members", ())))]
    return refs


def date_paths(data: dict[str, Any]) -> list[Path_]:
    """Every full date (not month) in ``data``."""
    paths: list[Path_] = []
    if "date" in data.get("document", {}):
        paths.append(("document", "date"))
    paths += [("basis", i, "date") for i in range(len(data.get("basis", ())))]
    paths += [("tasks", t, "due") for t, task in enumerate(data["tasks"]) if "due" in task]
    paths += [("events", e, "date") for e, event in enumerate(data.get("events", ()))
              if "date" in event]
    if "date" in data.get("review", {}):
        paths.append(("review", "date"))
    return paths


def replaced(data: Any, path: Path_, value: Any, at: Literal["value", "key"] = "value") -> Any:
    """A copy of ``data`` with the value (or, ``at="key"``, the key) at ``path`` replaced."""
    import copy

    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if at == "key":
        # Keep the order of keys, so the renamed one stays on its line.
        items = [(value if k == last else k, v) for k, v in parent.items()]
        parent.clear()
        parent.update(items)
    else:
        parent[last] = value
    return data
