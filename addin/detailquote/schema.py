"""The JSON Schema of agency files, generated from the rulebook models for editors to check files as they are typed."""

from __future__ import annotations

import json
from typing import Any

from .rulebook import AgencyFile


def agency_schema() -> dict[str, Any]:
    """The schema as data."""
    schema = _keyed(AgencyFile.model_json_schema(by_alias=True, mode="validation"))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://detailquote.invalid/agency.schema.json",
        **schema,
        "title": "DetailQuote agency file",
    }


def schema_text() -> str:
    """The schema as the text of schema.json, as `detailquote schema` prints it."""
    return json.dumps(agency_schema(), indent=2) + "\n"


def _keyed(node: Any) -> Any:
    """Every table of named entries (roles, tiers, fees: a mapping) takes only keys as the loader does."""
    if isinstance(node, dict):
        node = {k: _keyed(v) for k, v in node.items()}
        if "patternProperties" in node:  # pydantic lets a name that is not a key through
            node.setdefault("additionalProperties", False)
    elif isinstance(node, list):
        node = [_keyed(v) for v in node]
    return node
