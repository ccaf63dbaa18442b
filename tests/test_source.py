"""Plan bytes: UTF-8 (with or without BOM) is read, anything else is named."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from thidua_cli.source import decode

TEXT = "title: Khối thi đua các bộ, ngành tổng hợp\n"


def test_utf8_with_and_without_bom() -> None:
    assert decode(TEXT.encode(), "p").text == TEXT
    assert decode(codecs.BOM_UTF8 + TEXT.encode(), "p").text == TEXT


@pytest.mark.parametrize(("data", "encoding"), [
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16 LE"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16 BE"),
    (TEXT.encode("utf-16-le"), "UTF-16 LE"),
    (TEXT.encode("utf-16-be"), "UTF-16 BE"),
])
def test_utf16_is_named(data: bytes, encoding: str) -> None:
    problem = decode(data, "p").problem
    assert problem is not None and problem.key == "encoding.utf16"
    assert problem.encoding == encoding


def test_windows_1258_is_named_at_the_first_bad_byte() -> None:
    data = b"version: 1\nplace: " + "Hà Nam".encode("cp1258") + b"\n"
    problem = decode(data, "p").problem
    assert problem is not None and problem.key == "encoding.legacy"
    assert (problem.line, problem.encoding) == (2, "Windows-1258")


def test_tcvn3_bytes_are_named() -> None:
    # "Ủy ban nhân dân" as TCVN3 (ABC) bytes, as pasted from an old document.
    data = b"title: U\xfb ban nh\xa9n d\xa9n\n"
    problem = decode(data, "p").problem
    assert problem is not None and problem.encoding.startswith("TCVN3")


def test_nul_bytes_are_binary() -> None:
    problem = decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "p").problem
    assert problem is not None and problem.key == "encoding.binary"


def test_bad_byte_column_counts_characters() -> None:
    # "Hà Nội" before the bad byte: 6 characters but 9 bytes.
    problem = decode('title: "Hà Nội '.encode() + b"\xff\"\n", "p").problem
    assert problem is not None and (problem.line, problem.column) == (1, 16)


@pytest.mark.parametrize("limit", [10, 10**30])
def test_reading_stops_past_the_limit(limit: int) -> None:
    import io

    from thidua_cli.source import _read_at_most

    assert _read_at_most(io.BytesIO(b"x" * 100), limit + 1) == b"x" * min(100, limit + 1)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_without_size_is_refused_at_the_limit() -> None:
    from thidua_cli.errors import InputError
    from thidua_cli.source import read_source

    with pytest.raises(InputError) as e:
        read_source("/dev/zero", max_bytes=1000)
    assert e.value.key == "input.too_large_stream"
