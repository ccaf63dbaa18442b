"""Two normalized documents → the list of changes between them.

Mappings are compared key by key. A list is matched by id when its items
are mappings with a text ``id`` (``tasks``, ``bloc.members``...), whatever
their order; items without a usable id (none, not text, or a repeat of an
earlier id in a broken draft) are matched among themselves by position, as
are the items of every other list. With ``ignore_order`` those lists are
compared as bags: equal items match wherever they stand, and the rest pair up
in order.

An item is *moved* when it is not in the longest run of matched items that
kept their relative order: inserting one task at the top moves nothing, and
swapping two neighbours moves one. An item whose id changed and nothing else
is *renamed*, reported once, under its old id.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Container, Iterable, Sequence
from typing import Any

from .change import ById, Change, Path
from .normalize import fingerprint, same


def compare(old: Any, new: Any, *, ignore_order: bool = False,
            first_keys: Sequence[str] = (), bools: bool = True) -> tuple[Change, ...]:
    """The changes that turn ``old`` into ``new``, in document order.

    ``first_keys`` orders the top-level keys (the plan's sections); other
    keys follow in the new document's order. ``bools=False`` promises that
    neither side holds a bool, so equal subtrees can be skipped with ``==``.
    """
    walker = _Walker(ignore_order, fast=not bools)
    if isinstance(old, dict) and isinstance(new, dict):
        walker.mapping(old, new, (), first_keys)
    else:
        walker.walk(old, new, ())
    return tuple(walker.out)


class _Walker:
    def __init__(self, ignore_order: bool, fast: bool) -> None:
        self.ignore_order = ignore_order
        self.fast = fast
        self.out: list[Change] = []

    def walk(self, old: Any, new: Any, path: Path) -> None:
        if self.fast and old == new:
            return
        if isinstance(old, dict) and isinstance(new, dict):
            self.mapping(old, new, path)
        elif isinstance(old, list) and isinstance(new, list):
            if _has_ids(old) or _has_ids(new):
                self.keyed(old, new, path)
            else:
                self.anonymous(old, range(len(old)), new, range(len(new)), path)
        elif not same(old, new):
            self.out.append(Change("changed", path, old, new))

    def mapping(self, old: dict[str, Any], new: dict[str, Any], path: Path,
                first_keys: Sequence[str] = ()) -> None:
        keys = _interleave(list(old), list(new))
        if first_keys:
            rank = {k: i for i, k in enumerate(first_keys)}
            keys.sort(key=lambda k: rank.get(k, len(rank)))
        for key in keys:
            here = (*path, key)
            if key not in new:
                self.out.append(Change("removed", here, old[key], None))
            elif key not in old:
                self.out.append(Change("added", here, None, new[key]))
            else:
                self.walk(old[key], new[key], here)

    def keyed(self, old: list[Any], new: list[Any], path: Path) -> None:
        old_ids, old_rest = _split(old)
        new_ids, new_rest = _split(new)
        renamed = _renames([i for i in old_ids if i not in new_ids],
                           [i for i in new_ids if i not in old_ids], old, old_ids, new, new_ids)
        # The old id each new id stands for, for every item found on both sides.
        origin = {i: i for i in new_ids if i in old_ids} | renamed
        moved = set() if self.ignore_order else _moved(origin, old_ids, new_ids)
        after = _anchors(old_ids, set(origin.values()))

        self._removed(after.get(None, ()), old, old_ids, path)
        for new_id, index in new_ids.items():
            here = (*path, ById(new_id))
            old_id = origin.get(new_id)
            if old_id is None:
                self.out.append(Change("added", here, None, new[index]))
                continue
            if old_id != new_id:
                self.out.append(Change("renamed", (*path, ById(old_id)), old_id, new_id))
            if new_id in moved:
                self.out.append(Change("moved", here, old_ids[old_id], index))
            if old_id == new_id:  # a renamed item is otherwise the same
                self.walk(old[old_ids[old_id]], new[index], here)
            self._removed(after.get(old_id, ()), old, old_ids, path)
        self.anonymous(old, old_rest, new, new_rest, path)

    def _removed(self, ids: Sequence[str], old: list[Any], old_ids: dict[str, int],
                 path: Path) -> None:
        for i in ids:
            self.out.append(Change("removed", (*path, ById(i)), old[old_ids[i]], None))

    def anonymous(self, old: list[Any], old_at: Sequence[int], new: list[Any],
                  new_at: Sequence[int], path: Path) -> None:
        """Items without ids: by position, or as a bag with ``ignore_order``."""
        old_left, new_left = list(old_at), list(new_at)
        if self.ignore_order:
            pool: dict[Any, list[int]] = {}
            for i in old_left:
                pool.setdefault(fingerprint(old[i]), []).append(i)
            unmatched = []
            for j in new_left:
                twins = pool.get(fingerprint(new[j]))
                if twins:
                    twins.pop(0)
                else:
                    unmatched.append(j)
            old_left = sorted(i for twins in pool.values() for i in twins)
            new_left = unmatched
        for i, j in zip(old_left, new_left, strict=False):
            self.walk(old[i], new[j], (*path, j))
        for j in new_left[len(old_left):]:
            self.out.append(Change("added", (*path, j), None, new[j]))
        for i in old_left[len(new_left):]:
            self.out.append(Change("removed", (*path, i), old[i], None))


def _has_ids(items: list[Any]) -> bool:
    return any(isinstance(x, dict) and isinstance(x.get("id"), str) for x in items)


def _split(items: list[Any]) -> tuple[dict[str, int], list[int]]:
    """Index of each id's first item; indexes of the items without a usable id."""
    ids: dict[str, int] = {}
    rest: list[int] = []
    for index, item in enumerate(items):
        key = item.get("id") if isinstance(item, dict) else None
        if isinstance(key, str) and key not in ids:
            ids[key] = index
        else:
            rest.append(index)
    return ids, rest


def _renames(removed: list[str], added: list[str], old: list[Any], old_ids: dict[str, int],
             new: list[Any], new_ids: dict[str, int]) -> dict[str, str]:
    """new id → old id, for added items equal to a removed one but for the id."""
    if not removed or not added:
        return {}
    pool: dict[Any, list[str]] = {}
    for i in removed:
        pool.setdefault(_without_id(old[old_ids[i]]), []).append(i)
    found = {}
    for i in added:
        twins = pool.get(_without_id(new[new_ids[i]]))
        if twins:
            found[i] = twins.pop(0)
    return found


def _without_id(item: dict[str, Any]) -> Any:
    return fingerprint({k: v for k, v in item.items() if k != "id"})


def _moved(origin: dict[str, str], old_ids: dict[str, int],
           new_ids: dict[str, int]) -> set[str]:
    """The new ids outside a longest run of items that kept their order."""
    order = [new_id for new_id in new_ids if new_id in origin]
    kept = _longest_increasing([old_ids[origin[i]] for i in order])
    return {new_id for k, new_id in enumerate(order) if k not in kept}


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sort)."""
    tails: list[int] = []  # values ending the best run of each length
    tail_at: list[int] = []  # ... and their positions
    before = [-1] * len(values)
    for k, value in enumerate(values):
        n = bisect_left(tails, value)
        if n == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[n] = value
            tail_at[n] = k
        before[k] = tail_at[n - 1] if n else -1
    kept: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        kept.add(k)
        k = before[k]
    return kept


def _anchors(old_order: Iterable[str], kept: Container[str]) -> dict[str | None, list[str]]:
    """Each old key not kept, under the nearest earlier key that is (None: the start).

    This is how a removed key or item is reported where it stood.
    """
    after: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for key in old_order:
        if key in kept:
            anchor = key
        else:
            after.setdefault(anchor, []).append(key)
    return after


def _interleave(old: list[str], new: list[str]) -> list[str]:
    """New keys in order, each removed key after the key that preceded it."""
    after = _anchors(old, set(new))
    keys = list(after.get(None, ()))
    for key in new:
        keys.append(key)
        keys.extend(after.get(key, ()))
    return keys
