"""The commented skeleton of a plan, for a bloc starting without last year's file."""

from __future__ import annotations

from importlib import resources

PLACEHOLDER = "{year}"


def skeleton(year: int) -> str:
    """``data/skeleton.yaml`` for ``year``. Only the literal ``{year}`` is replaced:
    the file is YAML with braces of its own, not a format string."""
    text = resources.files("thidua_cli").joinpath("data/skeleton.yaml").read_text("utf-8")
    return text.replace(PLACEHOLDER, str(year))
