"""An agency file held against its saved page: every cited line exists, and each rate is on the line it cites.

`detailquote check` runs these after the file loads; pricing never reads the page. A rate printed to more
places on its line ($95.8451) is cited by the cent it rounds up to; a rate the page gives as a multiple of
another (multiple_of, times) is checked by the loader's arithmetic instead.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from .errors import Problem
from .rulebook import AgencyFile
from .rules.checks import toml_line

CENT = Decimal("0.01")


def citation_problems(path: Path, spec: AgencyFile) -> list[Problem]:
    """What the file cites that its saved page does not hold, each with the file's line."""
    source = spec.sources[0]
    if source.page is None:
        return []
    page_path = path.parent / "pages" / source.page
    shown, text = str(path), path.read_text(encoding="utf-8")
    if not page_path.is_file():
        return [Problem(shown, "sources[0].page", f"no saved page {source.page} in {page_path.parent}",
                        toml_line(text, "sources[0].page"))]
    page = page_path.read_text(encoding="utf-8").splitlines()
    data = tomllib.loads(text, parse_float=Decimal)
    problems = [Problem(shown, field, f"line {n} of {source.page} is {'blank' if n <= len(page) else 'past its end'}",
                        toml_line(text, field))
                for field, n in _cited(data) if not (1 <= n <= len(page) and page[n - 1].strip())]
    for t, table in enumerate(spec.rate_tables):
        for r, row in enumerate(table.rows):
            lines = [row.line] if isinstance(row.line, int) else row.line
            words = " ".join(page[n - 1] for n in lines if 1 <= n <= len(page)).replace(",", "")
            for name in ("rate", "overtime", "pay"):
                figure = getattr(row, name)
                if figure is not None and not (name == "rate" and row.multiple_of) and not _shown(figure, words):
                    field = f"rate_tables[{t}].rows[{r}].{name}"
                    problems.append(Problem(shown, field, f"{figure} is not on line {', '.join(map(str, lines))} of "
                                            f"{source.page}", toml_line(text, field)))
    return problems


def unused_tiers(spec: AgencyFile) -> list[str]:
    """Tiers no rate row prices: a quote that needs one says it is unpublished."""
    priced = {row.tier for table in spec.rate_tables for row in table.rows}
    return [key for key in spec.tiers if key not in priced]


def _shown(figure: Decimal, words: str) -> bool:
    """The figure as printed to the cent, or printed to more places and rounded up or half-up to it, or a whole
    number of dollars printed with its sign and no cents ("$100/hour")."""
    if f"{figure:.2f}" in words:
        return True
    if figure == figure.to_integral_value() and re.search(rf"\$\s?{int(figure)}(?!\d|\.\d)", words):
        return True
    return any(figure - CENT < Decimal(x) <= figure for x in re.findall(r"\d+\.\d{3,}", words))


def _cited(node, path: str = "") -> Iterator[tuple[str, int]]:
    """Every cited line with the field that cites it."""
    if isinstance(node, dict):
        if "line" in node:
            for n in node["line"] if isinstance(node["line"], list) else [node["line"]]:
                yield (f"{path}.line" if path else "line"), n
        for key, value in node.items():
            if key != "line":
                yield from _cited(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _cited(value, f"{path}[{i}]")
