"""Every `line` an agency file cites exists on its saved page, and each rate row's line shows its rate."""

import tomllib
from decimal import Decimal

import pytest

from conftest import AGENCIES
from detailquote.loader import load_file

FILES = sorted(p.name for p in AGENCIES.glob("*.toml"))  # every schedule of every agency


def cited(node, path=""):
    if isinstance(node, dict):
        if "line" in node:
            yield path, node
        for key, value in node.items():
            yield from cited(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from cited(value, f"{path}[{i}]")


def as_list(line):
    return line if isinstance(line, list) else [line]


@pytest.mark.parametrize("name", FILES)
def test_cited_lines_exist(name):
    data = tomllib.loads((AGENCIES / name).read_text(), parse_float=Decimal)
    page = (AGENCIES / "pages" / data["sources"][0]["page"]).read_text().splitlines()
    for path, node in cited(data):
        for line in as_list(node["line"]):
            assert 1 <= line <= len(page) and page[line - 1].strip(), f"{name} {path}: line {line} is empty or missing"


@pytest.mark.parametrize("name", FILES)
def test_each_rate_is_on_its_cited_line(name):
    spec = load_file(AGENCIES / name).spec
    page = (AGENCIES / "pages" / spec.sources[0].page).read_text().splitlines()
    for table in spec.rate_tables:
        for row in table.rows:
            text = " ".join(page[n - 1] for n in as_list(row.line)).replace(",", "")
            for figure in (row.rate, row.overtime, row.pay):
                if figure is not None:
                    assert f"{figure:.2f}" in text, f"{name}: {figure} not on line(s) {row.line}"
