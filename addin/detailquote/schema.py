"""The JSON Schema of agency files, generated from the rulebook models for editors to check files as they are typed."""

from __future__ import annotations

import json
from typing import Any

from .rulebook import AgencyFile


def agency_schema() -> dict[str, Any]:
    """The schema as data."""
    schema = AgencyFile.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://detailquote.invalid/agency.schema.json",
        **schema,
        "title": "DetailQuote agency file",
    }


def schema_text() -> str:
    """The schema as the text of schema.json, as `detailquote schema` prints it."""
    return json.dumps(agency_schema(), indent=2) + "\n"
