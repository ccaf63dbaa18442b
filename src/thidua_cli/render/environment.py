"""The Jinja environment both templates run in, and its errors as thidua's.

Templates may come from a bloc's own folder, so they run sandboxed: no
attribute that reaches Python internals, no unbounded ``range``, no ``*`` or
``**`` that would build a string, list or number too large to print (``[0] *
10**9`` took 6 GB and did not finish in 20 s before this). Undefined
names fail (``StrictUndefined``): a typo such as ``{{ titel }}`` must stop the
render with the template's name and line, not print an empty string into an
official document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ..errors import InputError, ThiduaError
from ..points import number
from . import bounds, nd30
from .context import when_long, when_short

if TYPE_CHECKING:
    from jinja2 import BaseLoader
    from jinja2.sandbox import SandboxedEnvironment

    from .templates import TemplateSearch


def _doc_number(document: dict[str, Any], blank: str = nd30.BLANK) -> str:
    """A document's ``05/KH-LMHTXVN``; a draft's blank number before the symbol."""
    return nd30.doc_number(document["number"], document["symbol"], blank)


def _number_line(document: dict[str, Any], blank: str = nd30.BLANK) -> str:
    """The letterhead's ``Số: 05/KH-LMHTXVN`` (``Số:      /KH-LMHTXVN`` in a draft)."""
    return nd30.number_line(document["number"], document["symbol"], blank)


def _place_date(document: dict[str, Any], year: int | None = None,
                blank: str = nd30.BLANK) -> str:
    """``Hà Nội, ngày 26 tháng 4 năm 2022``; a draft's blanks for ``year``."""
    return nd30.place_date(document["place"], document["date"], year, blank)


def _cite(basis: dict[str, Any]) -> str:
    """``Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về ...``, ``Luật Thi
    đua, khen thưởng ngày 15 tháng 6 năm 2022`` (``render/citation.py``)."""
    from .citation import cite

    return cite(basis.get("kind"), basis["number"], basis.get("date"), basis["issuer"],
                basis["title"])


FILTERS: dict[str, Callable[..., Any]] = {
    "long_date": nd30.long_date,
    "short_date": nd30.short_date,
    "long_month": nd30.long_month,
    "short_month": nd30.short_month,
    "doc_number": _doc_number,
    "number_line": _number_line,
    "place_date": _place_date,
    "number": number,
    "cite": _cite,
    "when": when_long,
    "when_short": when_short,
}


#: The most characters or items ``*`` may repeat a string or list to, and the
#: most bits of an integer ``**`` may build: far more than any document prints.
MAX_REPEAT = bounds.MAX_REPEAT
MAX_POWER_BITS = 4096


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*`` and ``**`` whose result would be too large (``SecurityError``):
    a text or list repeated, a number raised or multiplied."""
    from jinja2.exceptions import SecurityError

    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if (isinstance(seq, str | list | tuple) and isinstance(times, int)
                    and len(seq) * times > MAX_REPEAT):
                raise SecurityError(f"repeating {len(seq):,} characters or items {times:,} "
                                    f"times makes more than {MAX_REPEAT:,}")
        # Squaring a number again and again doubles its size each time: 2**4000
        # squared twenty times was 4 billion bits, a multiplication that ran for
        # hours. A product is held to the bits ``**`` may build.
        if (isinstance(left, int) and isinstance(right, int)
                and abs(left).bit_length() + abs(right).bit_length() - 1 > MAX_POWER_BITS):
            raise SecurityError(f"multiplying numbers of {abs(left).bit_length():,} and "
                                f"{abs(right).bit_length():,} bits makes one of over "
                                f"{MAX_POWER_BITS:,} bits")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        bits = abs(left).bit_length()
        if bits > 1 and right > 0 and (bits - 1) * right > MAX_POWER_BITS:
            raise SecurityError(f"{left} ** {right} would be a number of over "
                                f"{MAX_POWER_BITS} bits")


#: What a call may ask a text or a number to be widened or repeated to: the
#: width of ``ljust``, ``rjust``, ``center``, ``zfill`` and ``expandtabs``, the
#: length of ``to_bytes``; and the paragraphs and words of Jinja's ``lipsum``.
_WIDENING = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs", "to_bytes"})
MAX_LIPSUM = 1000


def check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a call that would build a text far larger than its arguments
    (``SecurityError``): ``lipsum(10**8)`` and ``'x'.ljust(10**9)`` ran until
    memory ran out, as ``*`` did."""
    from jinja2.exceptions import SecurityError

    name = getattr(obj, "__name__", None)
    owner = getattr(obj, "__self__", None)
    if name in _WIDENING and isinstance(owner, str | bytes | int):
        sizes = [a for a in (*args, *kwargs.values()) if isinstance(a, int)]
        if any(abs(n) > MAX_REPEAT for n in sizes):
            raise SecurityError(f"{name}() of more than {MAX_REPEAT:,} characters")
    elif (name == "generate_lorem_ipsum" and getattr(obj, "__module__", "") == "jinja2.utils"
          # n paragraphs of min to max words each: both bounded.
          and any(isinstance(a, int) and a > MAX_LIPSUM for a in (*args, *kwargs.values()))):
        raise SecurityError(f"lipsum() of more than {MAX_LIPSUM:,} paragraphs or words")


@cache
def _sandbox() -> type[SandboxedEnvironment]:
    from jinja2.sandbox import SandboxedEnvironment

    class Sandbox(SandboxedEnvironment):
        # Jinja's hook for exactly this: these operators go through call_binop.
        intercepted_binops = frozenset(["*", "**", "%", "+"])
        # What Template.render joins the chunks it writes with: counted.
        concat = staticmethod(bounds.bounded_concat)
        # ``~`` compiled to a join of checked parts.
        code_generator_class = bounds.code_generator()
        check_concat = staticmethod(bounds.check_concat)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            check_binop(operator, left, right)
            bounds.check_operands(operator, left, right)
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any,
                 *args: Any, **kwargs: Any) -> Any:
            check_call(__obj, args, kwargs)
            args = bounds.check_method(__self, __obj, args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)

        def compile(self, source: Any, name: str | None = None, filename: str | None = None,
                    raw: bool = False, defer_init: bool = False) -> Any:
            # A template compiled before, by this very environment's options, is
            # read back (compiled.py); a template that fails to compile is never kept.
            if raw or defer_init or not isinstance(source, str):
                return super().compile(  # type: ignore[call-overload]
                    source, name, filename, raw, defer_init)
            from . import compiled

            return compiled.code((source, str(name), str(filename), _options(self)),
                                 lambda: super(Sandbox, self).compile(source, name, filename))

    return Sandbox


def _options(env: Any) -> str:
    """What else than its text a template's compiled code depends on."""
    finalize = env.finalize and (env.finalize.__module__, env.finalize.__qualname__)
    return repr((
        type(env).__qualname__, env.autoescape, finalize, env.undefined.__qualname__,
        env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.optimized,
        env.is_async, env.newline_sequence, env.block_start_string, env.block_end_string,
        env.variable_start_string, env.variable_end_string, env.comment_start_string,
        env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        sorted(env.filters), sorted(env.tests), sorted(env.extensions),
        # the operators compiled into calls of call_binop, not Python's own
        sorted(env.intercepted_binops), sorted(env.intercepted_unops),
        env.code_generator_class.__module__, env.code_generator_class.__qualname__))


def template_loader(search: TemplateSearch) -> BaseLoader:
    """A Jinja loader over the search path that reads only inside each folder.

    Every template, ``{% include %}``d and ``{% import %}``ed ones alike, is
    found as Jinja's file loader would, then refused if its links lead outside
    the folder it was found in (``templates.inside``); it must be UTF-8.
    """
    loader: BaseLoader = _loader_class()(search)  # type: ignore[call-arg]
    return loader


@cache
def _loader_class() -> type[BaseLoader]:
    from jinja2 import BaseLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    from .templates import inside, is_template, read_template

    class Loader(BaseLoader):
        def __init__(self, search: TemplateSearch) -> None:
            self.search = search

        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            pieces = split_template_path(template)  # refuses ".." itself
            for folder in self.search.dirs:
                candidate = folder.joinpath(*pieces)
                if is_template(candidate):
                    text = read_template(inside(folder, candidate))
                    return text, str(candidate), lambda: True
            raise TemplateNotFound(template)

    return Loader


def make_environment(*, loader: BaseLoader | None = None, autoescape: bool = False,
                     finalize: Callable[[Any], Any] | None = None,
                     tidy: bool = False) -> SandboxedEnvironment:
    """A sandboxed, strict environment with the Nghị định 30 filters.

    ``tidy`` drops the newline after a block tag and the indentation before
    it, which suits a text template; DOCX templates keep Jinja's defaults.
    """
    from jinja2 import StrictUndefined

    env = _sandbox()(loader=loader, undefined=StrictUndefined,
                               autoescape=autoescape, finalize=finalize,
                               trim_blocks=tidy, lstrip_blocks=tidy,
                               keep_trailing_newline=True)
    env.filters.update(FILTERS)
    bounds.bound_filters(env.filters)
    return env


@contextmanager
def template_errors(path: str, frame_file: str,
                    near: Callable[[int], str | None] | None = None) -> Iterator[None]:
    """Turn whatever a template raises into an ``InputError`` naming ``path`` and its line.

    ``frame_file`` is the file name Jinja gives the compiled template's frames
    (the path for loaded templates, ``<template>`` for strings); the line is
    read from the deepest such frame. ``near`` maps that line to a few words
    of the template, for formats (DOCX) whose lines mean nothing to a user.
    """
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    try:
        yield
    except ThiduaError:
        raise
    except TemplateSyntaxError as e:
        raise _error("render.template_syntax", path, e.lineno, e.message or str(e),
                     near) from e
    except SecurityError as e:
        raise _error("render.template_unsafe", path, _line(e.__traceback__, frame_file),
                     str(e), near) from e
    except UndefinedError as e:
        raise _error("render.template_undefined", path, _line(e.__traceback__, frame_file),
                     str(e), near) from e
    except MemoryError:  # the room, not the template: said as such (`__main__`)
        raise
    except Exception as e:  # a filter given the wrong thing, a bad loop ...
        line = _line(e.__traceback__, frame_file)
        # Nesting deeper than Python compiles ({% if %} 99 deep: "too many levels
        # of indentation", ((( 200 deep: RecursionError) fails in Jinja's
        # compiler, in no frame of the template: still the template's fault.
        if line is None and not isinstance(e, SyntaxError | RecursionError):
            raise
        # A SyntaxError's own line is one of the code Jinja generated: left out.
        detail = e.msg if isinstance(e, SyntaxError) else str(e)
        raise _error("render.template_failed", path, line, f"{type(e).__name__}: {detail}",
                     near) from e


def _error(key: str, path: str, line: int | None, detail: str,
           near: Callable[[int], str | None] | None) -> InputError:
    if near is not None and line is not None:
        words = near(line)
        return InputError(key, path=path, detail=detail + (f" ({words})" if words else ""))
    return InputError(key, path=path, line=line, detail=detail)


def _line(tb: TracebackType | None, frame_file: str) -> int | None:
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == frame_file:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
