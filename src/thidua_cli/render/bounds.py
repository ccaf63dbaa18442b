"""How large a text a template may ask one operation to build.

The sandbox's ``*`` and ``**`` (``environment.check_binop``) and the widening
methods (``'x'.ljust(n)``, ``environment.check_call``) were bounded; the
filters and the formatting operators that do the same were not:
``'x' | center(10**9)``, ``'%*s' % (10**9, 'x')``, ``'{:>1000000000}'.format('x')``,
``'x\\nx' | indent(10**9)``, ``range(10**5) | join('x' * 10**6)`` and
``replace`` chained (each multiplying by a thousand) each ran until memory ran
out, or took a gigabyte to print ``| length``. Each is refused before it
builds its text (``SecurityError``: "the template tried something the sandbox
forbids ..."), when the text it would add passes ``MAX_REPEAT`` characters, or
the whole rendered output passes ``MAX_OUTPUT``.

Loops stay code: a template may loop for as long as its loops allow, but what
it writes is counted as it is written (``bounded_concat``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from typing import Any

#: The most characters (or items) one operation may add: ``*``'s bound.
MAX_REPEAT = 1_000_000
#: The most characters a whole rendered template (or one document part) may hold.
MAX_OUTPUT = 100_000_000


def refuse(message: str) -> None:
    from jinja2.exceptions import SecurityError

    raise SecurityError(message)


def check_width(what: str, *sizes: object) -> None:
    """Refuse a width, a length or a precision past ``MAX_REPEAT``."""
    for size in sizes:
        if isinstance(size, int) and not isinstance(size, bool) and abs(size) > MAX_REPEAT:
            refuse(f"{what} of more than {MAX_REPEAT:,} characters")


# -- printf-style: '%*s' % (n, x), '%.nf' % x, the format filter -------------------

_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.)", re.S)


def check_printf(template: str, values: object) -> None:
    """Refuse ``template % values`` whose widths or precisions pass ``MAX_REPEAT``
    (written in the template, or taken from ``values`` by ``*``)."""
    if "%" not in template:
        return
    given = list(values) if isinstance(values, tuple) else [values]
    taken = 0
    for match in _PRINTF.finditer(template):
        width, precision, kind = match.groups()
        if kind == "%":
            continue
        for part in (width, precision):
            if part == "*":
                if taken < len(given):
                    check_width("a % width or precision", given[taken])
                taken += 1
            elif part and len(part) > 7:
                refuse(f"a % width or precision of more than {MAX_REPEAT:,} characters")
            elif part:
                check_width("a % width or precision", int(part))
        taken += 1


# -- str.format, str.format_map: the fields' specifications as they are resolved -------

_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?z?#?0?(\d*)[,_]?(?:\.(\d*))?", re.S)


def check_format(env: Any, template: str, args: tuple[Any, ...],
                 kwargs: Mapping[str, Any]) -> None:
    """Refuse ``template.format(*args, **kwargs)`` whose fields ask for a width or a
    precision past ``MAX_REPEAT``: a dry run of the sandbox's own formatter that
    resolves each field's specification (``{:>{w}}`` too) and formats nothing."""
    if "{" not in template:
        return
    from jinja2.sandbox import SandboxedFormatter

    class Dry(SandboxedFormatter):
        def format_field(self, value: Any, format_spec: str) -> Any:
            match = _SPEC.match(format_spec)
            if match:
                for part in match.groups():
                    if part and (len(part) > 7 or int(part) > MAX_REPEAT):
                        refuse(f"format() of more than {MAX_REPEAT:,} characters")
            # What a nested field ({:>{w}}) puts into its outer field's
            # specification: a number or a short text; nothing is built.
            if isinstance(value, int | float) and not isinstance(value, bool):
                return format(value, format_spec)
            return value[:32] if isinstance(value, str) else ""

        def convert_field(self, value: Any, conversion: str | None) -> Any:
            return value  # ``!r`` of a large value would build it

    Dry(env).vformat(template, args, kwargs)


# -- output amplified by a structure: [s] * n, | join, | string -----------------------

def weight(value: object, budget: int = MAX_OUTPUT) -> int:
    """Roughly how many characters ``str(value)`` would take, counted no further
    than ``budget`` (a list of a million references to one long text is
    small in memory and huge once printed)."""
    total = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack and total <= budget:
        item, depth = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item) + 2
        elif isinstance(item, list | tuple | set | frozenset) and depth < 100:
            total += 2 + 2 * len(item)
            if total <= budget:
                stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, dict) and depth < 100:
            total += 2 + 4 * len(item)
            if total <= budget:
                stack.extend((child, depth + 1) for pair in item.items() for child in pair)
        else:
            total += 8
    return total


def check_weight(what: str, value: object) -> None:
    if isinstance(value, list | tuple | set | frozenset | dict) and weight(value) > MAX_OUTPUT:
        refuse(f"{what} of more than {MAX_OUTPUT:,} characters")


def check_join(separator: object, items: list[Any]) -> None:
    """Refuse joining ``items`` with ``separator`` past ``MAX_OUTPUT`` characters."""
    size = len(separator) * max(len(items) - 1, 0) if isinstance(separator, str) else 0
    if size > MAX_OUTPUT or weight(items, MAX_OUTPUT - size) + size > MAX_OUTPUT:
        refuse(f"join() of more than {MAX_OUTPUT:,} characters")


def check_replace(text: object, old: object, new: object, count: object = None) -> None:
    """Refuse ``text.replace(old, new)`` that would add more than ``MAX_REPEAT`` characters."""
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    if len(new) <= len(old):
        return
    times = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and 0 <= count < times:
        times = count
    if times * (len(new) - len(old)) > MAX_REPEAT:
        refuse(f"replace() adding more than {MAX_REPEAT:,} characters")


def check_indent(text: object, width: object) -> None:
    """Refuse ``text | indent(width)`` that would add more than ``MAX_REPEAT`` characters."""
    size = width if isinstance(width, int) else len(width) if isinstance(width, str) else 0
    lines = text.count("\n") + 1 if isinstance(text, str) else 1
    if abs(size) > MAX_REPEAT or lines * size > MAX_REPEAT:
        refuse(f"indent() adding more than {MAX_REPEAT:,} characters")


def check_operands(operator: str, left: Any, right: Any) -> None:
    """``%`` of a text, ``+`` of texts or lists, ``*`` of a list of long texts."""
    if operator == "%" and isinstance(left, str):
        check_printf(left, right)
    elif operator == "+" and ((isinstance(left, str) and isinstance(right, str)) or (
            isinstance(left, list | tuple) and isinstance(right, list | tuple))):
        if len(left) + len(right) > MAX_OUTPUT:
            refuse(f"adding texts or lists of more than {MAX_OUTPUT:,} characters or items")
    elif operator == "*":
        for seq, times in ((left, right), (right, left)):
            if (isinstance(seq, list | tuple) and isinstance(times, int) and times > 1
                    and weight(seq, MAX_OUTPUT // times + 1) * times > MAX_OUTPUT):
                refuse(f"repeating a list of long texts {times:,} times "
                       f"makes more than {MAX_OUTPUT:,} characters")


# -- the filters ------------------------------------------------------------------------

def _wrap(original: Callable[..., Any], check: Callable[..., None]) -> Callable[..., Any]:
    from jinja2.utils import _PassArg

    # The environment or evaluation context Jinja passes first, to some filters
    # (and to those with an async variant) and not to others: not the check's.
    skip = 0 if _PassArg.from_obj(original) is None else 1

    @wraps(original)  # keeps what Jinja passes it (jinja_pass_arg)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        check(*args[skip:], **kwargs)
        return original(*args, **kwargs)

    return bounded


def _center(value: Any, width: Any = 80, *_: Any, **__: Any) -> None:
    check_width("center()", width)


def _indent(s: Any, width: Any = 4, *_: Any, **__: Any) -> None:
    check_indent(s, width)


def _wordwrap(s: Any, width: Any = 79, break_long_words: Any = True,
              wrapstring: Any = None, *_: Any, **__: Any) -> None:
    if isinstance(wrapstring, str) and len(wrapstring) > 1 and isinstance(s, str):
        breaks = len(s) // max(width, 1) + s.count("\n") + 1 if isinstance(width, int) else 1
        if len(wrapstring) * min(breaks, len(s) + 1) > MAX_REPEAT:
            refuse(f"wordwrap() adding more than {MAX_REPEAT:,} characters")


def _replace(s: Any, old: Any, new: Any, count: Any = None) -> None:
    check_replace(str(s) if not isinstance(s, str) else s, old, new, count)


def _format(value: Any, *args: Any, **kwargs: Any) -> None:
    if isinstance(value, str):
        check_printf(value, kwargs or args)


def _batch(value: Any, linecount: Any, fill_with: Any = None) -> None:
    check_width("batch()", linecount)


def _slice(value: Any, slices: Any, fill_with: Any = None) -> None:
    check_width("slice()", slices)


def _string(value: Any, *_: Any, **__: Any) -> None:
    check_weight("a text", value)


def _tojson(value: Any, *_: Any, **__: Any) -> None:
    check_weight("tojson()", value)


_CHECKS: dict[str, Callable[..., None]] = {
    "center": _center, "indent": _indent, "wordwrap": _wordwrap, "replace": _replace,
    "format": _format, "batch": _batch, "slice": _slice, "string": _string,
    "pprint": _string, "tojson": _tojson,
}


def bound_filters(filters: dict[str, Callable[..., Any]]) -> None:
    """Replace Jinja's filters that widen or repeat text by bounded ones (in place)."""
    for name, check in _CHECKS.items():
        if name in filters:
            filters[name] = _wrap(filters[name], check)
    if "join" in filters:
        filters["join"] = _join(filters["join"])


def _join(original: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(original)
    def bounded(eval_ctx: Any, value: Iterable[Any], d: Any = "", attribute: Any = None) -> Any:
        items = list(value)
        if attribute is None:
            check_join(d, items)
        return original(eval_ctx, items, d, attribute)

    return bounded


def bounded_concat(chunks: Iterable[str]) -> str:
    """``"".join(chunks)``, refused past ``MAX_OUTPUT`` characters as they come."""
    size = 0
    kept: list[str] = []
    batch: list[str] = []
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            refuse(f"the template wrote more than {MAX_OUTPUT:,} characters")
        batch.append(chunk)
        if len(batch) == 4096:  # a million one-letter chunks are 8 MB of pointers
            kept.append("".join(batch))
            batch.clear()
    kept.append("".join(batch))
    return "".join(kept)


def check_method(env: Any, obj: Any, args: tuple[Any, ...],
                 kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse a text's ``replace``, ``join``, ``format`` or ``format_map`` that would
    build too large a text; the arguments to call it with (``join``'s items read
    into a list once, to be counted)."""
    name = getattr(obj, "__name__", None)
    if name not in ("replace", "join", "format", "format_map"):
        return args
    owner = getattr(getattr(obj, "__wrapped__", obj), "__self__", None)
    if not isinstance(owner, str):
        return args
    if name == "replace" and len(args) >= 2:
        check_replace(owner, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count"))
    elif name == "join" and len(args) == 1 and not kwargs:
        items = list(args[0])
        check_join(owner, items)
        return (items,)
    elif name == "format":
        check_format(env, owner, args, kwargs)
    elif name == "format_map" and len(args) == 1 and isinstance(args[0], Mapping):
        check_format(env, owner, (), args[0])
    return args


def check_concat(parts: tuple[Any, ...]) -> tuple[Any, ...]:
    """The parts of a ``~`` (``a ~ b ~ c``), refused when joined they would pass
    ``MAX_OUTPUT`` characters: ``a ~ a`` doubled a text at each step, unseen by
    ``call_binop`` (Jinja compiles ``~`` to a join of its own)."""
    size = 0
    for part in parts:
        size += len(part) if isinstance(part, str) else weight(part, MAX_OUTPUT)
        if size > MAX_OUTPUT:
            refuse(f"joining texts with ~ into more than {MAX_OUTPUT:,} characters")
    return parts


def code_generator() -> type[Any]:
    """Jinja's code generator, but a ``~`` hands its parts to ``check_concat`` first."""
    from jinja2.compiler import CodeGenerator

    class Generator(CodeGenerator):
        def visit_Concat(self, node: Any, frame: Any) -> None:
            # As Jinja 3.1's own, the parts passed through the check.
            if frame.eval_ctx.volatile:
                func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
            elif frame.eval_ctx.autoescape:
                func_name = "markup_join"
            else:
                func_name = "str_join"
            self.write(f"{func_name}(environment.check_concat((")
            for arg in node.nodes:
                self.visit(arg, frame)
                self.write(", ")
            self.write(")))")

    return Generator
