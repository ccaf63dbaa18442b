"""The text rules' checks as first written, one call per value: the reference that
``tests/test_text_prefilters.py`` holds the file-wide prefilters to."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from thidua_cli.lint.context import DataContext, _strings
from thidua_cli.lint.finding import Fix, Hit
from thidua_cli.lint.rules import legacy_encoding, mixed_tone_style, not_nfc, placeholder_text
from thidua_cli.loader import Path_
from thidua_cli.text import control, legacy, misspelling


def strings(ctx: DataContext) -> list[tuple[Path_, str]]:
    """``DataContext.strings`` as first written: the stack walk, no shortcut."""
    return list(_strings(ctx.parsed.data, ()))


def nfc_strings(ctx: DataContext) -> list[tuple[Path_, str, bool]]:
    """``DataContext.nfc_strings`` as first written: each value tested alone."""
    out = []
    for path, text in strings(ctx):
        nfc = unicodedata.is_normalized("NFC", text)
        out.append((path, text if nfc else unicodedata.normalize("NFC", text), nfc))
    return out


def not_nfc_check(ctx: DataContext) -> Iterator[Hit]:
    for path, text in strings(ctx):
        if unicodedata.is_normalized("NFC", text):
            continue
        start = not_nfc._first_change(text)
        yield Hit(path, "textrule.not-nfc", {"char": not_nfc._describe(text, start)},
                  hint="textrule.not-nfc_hint", span=(start, start + 1), fix=Fix(path))


def legacy_encoding_check(ctx: DataContext) -> Iterator[Hit]:
    for path, text in strings(ctx):
        guess = legacy.guess(text)
        if guess is None:
            continue
        decoded = guess.decoded
        if len(decoded) > legacy_encoding._SHOWN:
            decoded = decoded[:legacy_encoding._SHOWN - 3] + "..."
        yield Hit(path, "textrule.legacy-encoding", {"encoding": guess.encoding},
                  hint="textrule.legacy-encoding_hint", hint_args={"decoded": decoded})


def control_character_check(ctx: DataContext) -> Iterator[Hit]:
    for path, text in strings(ctx):
        # isprintable() (in C) passes most text at once; only text it refuses
        # (line breaks, format characters ...) is searched.
        if text.isprintable():
            continue
        found = list(control.find(text))
        if found:
            first = text[found[0]]
            args = {"char": control.name(first), "count": len(found)}
            key = "textrule.control-character" + ("" if len(found) == 1 else "_many")
            meant = control.windows_1252(first)
            yield Hit(path, key, args,
                      hint="textrule.control-character_cp1252_hint" if meant else key + "_hint",
                      hint_args={**args, "meant": meant}, span=(found[0], found[0] + 1))
        bidi = list(control.find_bidi(text))
        if bidi:
            args = {"char": control.long_name(text[bidi[0]]), "count": len(bidi)}
            key = "textrule.control-character_bidi" + ("" if len(bidi) == 1 else "_many")
            yield Hit(path, key, args, hint=key + "_hint", hint_args=args,
                      span=(bidi[0], bidi[0] + 1))


def misspellings(text: str) -> Iterator[misspelling.Match]:
    """``misspelling.find`` as first written: the expression alone, no quick test."""
    for m in misspelling._pattern().finditer(text):
        entry = misspelling.entries()[misspelling.key(m.group())]
        before = misspelling._PREVIOUS.search(text, 0, m.start())
        if before and misspelling.key(before.group(1)) in entry.not_after:
            continue
        after = misspelling._NEXT.match(text, m.end())
        if after and misspelling.key(after.group(1)) in entry.not_before:
            continue
        yield misspelling.Match(m.start(), m.end(), m.group(),
                                misspelling._recase(m.group(), entry.right))


def misspelling_check(ctx: DataContext) -> Iterator[Hit]:
    for path, text, nfc in nfc_strings(ctx):
        for match in misspellings(text):
            yield Hit(path, "textrule.misspelling", {"wrong": match.text},
                      hint="textrule.misspelling_hint", hint_args={"right": match.right},
                      # Offsets in NFC text point into the file only if it was NFC.
                      span=(match.start, match.end) if nfc else None,
                      fix=Fix(path, misspelling.key(match.text)))


@dataclass(frozen=True)
class _Use:
    path: Path_
    start: int
    word: str
    style: str
    located: bool  # whether offsets point into the file (the value was NFC)


def mixed_tone_style_check(ctx: DataContext) -> Iterator[Hit]:
    uses: dict[tuple[str, str], list[_Use]] = {}
    for path, text, nfc in nfc_strings(ctx):
        for word, start in mixed_tone_style._words(text):
            info = mixed_tone_style._spelling(word)
            if info is not None:
                use = _Use(path, start, word, info[1], nfc)
                uses.setdefault(info[0], []).append(use)
    for group in uses.values():
        old = [u for u in group if u.style == "old"]
        new = [u for u in group if u.style == "new"]
        if not old or not new:
            continue
        # The less used style is the odd one; on a tie, the style met second.
        if len(old) != len(new):
            odd, usual = (old, new) if len(old) < len(new) else (new, old)
        else:
            odd, usual = (new, old) if group[0].style == "old" else (old, new)
        for use in odd:
            yield Hit(use.path, "textrule.mixed-tone-style",
                      {"word": use.word, "other": usual[0].word, "count": len(usual)},
                      hint="textrule.mixed-tone-style_hint",
                      hint_args={"suggestion": mixed_tone_style.syllable.restyle(use.word)},
                      span=(use.start, use.start + len(use.word)) if use.located else None)


def placeholder_text_check(ctx: DataContext) -> Iterator[Hit]:
    """TD409 without the file-wide gates: every value matched."""
    whole, inside = placeholder_text._patterns()
    for path, text in strings(ctx):
        if path and path[-1] == "id":
            continue
        stripped = text.strip()
        if whole.fullmatch(stripped):
            yield Hit(path, placeholder_text.NAME, {"text": placeholder_text._short(stripped)},
                      hint="hint.placeholder")
            continue
        found = inside.search(text)
        if found is not None:
            yield Hit(path, "textrule.placeholder-text_elided",
                      {"text": placeholder_text._short(stripped)},
                      hint="hint.placeholder_elided", span=(found.start(), found.end()))


REFERENCE = {"not-nfc": not_nfc_check, "legacy-encoding": legacy_encoding_check,
             "control-character": control_character_check, "misspelling": misspelling_check,
             "mixed-tone-style": mixed_tone_style_check,
             "placeholder-text": placeholder_text_check}
