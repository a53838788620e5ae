"""A commented starting file for a new agency, written by `detailquote new-agency NAME`.

The file is valid TOML but deliberately not a valid agency: its rates and
page lines are zero until they are read from the agency's page, so
`detailquote check` lists exactly what is left to fill in.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import InputError, shown
from .loader import NAME_PATTERN

TEMPLATE = '''#:schema ./schema.json
# {name}: off-duty detail rules, read from the agency's published page.
# Save the page as text in pages/{name}.txt beside this file; every `line = N` below is a line of that page.
# From this folder, `detailquote check {name}.toml` lists what is still wrong, and
# `detailquote explain {name} --agencies .` reads the result back in plain words. Every kind of rule is
# described, with an example, in agencies/README.md of DetailQuote's source (installed beside its agency files).

name = "{title} Police Department"
short_name = "{title} PD"
time_zone = "America/Chicago"          # the agency's IANA time zone: America/New_York, America/Phoenix...
# broker = "Off Duty Management"      # who takes the requests, when not the department itself
# effective = 2026-01-01              # the day this schedule took effect, if the page says

[[sources]]
title = "Off-duty police services"
page = "{name}.txt"
# url = "https://..."
# retrieved = 2026-01-01

# Who works a detail. `officer` is the one a customer requests; add supervisors as the page names them.
[roles]
officer = {{ label = "Officer", line = 0 }}

# Kinds of job with their own rates or minimums. `regular` is the default.
[job_types.regular]
label = "Regular"
line = 0

# Rate tiers. `standard` applies to every hour no other tier claims; the highest applicable rate wins.
[tiers.standard]
label = "Standard"
line = 0

[tiers.holiday]
label = "Holiday"
line = 0
when = {{ kind = "calendar", days = ["holiday"], scope = "hour" }}   # scope "shift": the whole shift

# [tiers.short_notice]
# label = "Short notice"
# line = 0
# when = {{ kind = "short_notice", under_hours = 48 }}

# The published hourly rates: one row per role and tier (add job_types = [...] to a table or row).
[[rate_tables]]
title = "Rates"
line = 0
rows = [
  {{ role = "officer", tier = "standard", rate = 0, line = 0 }},
  {{ role = "officer", tier = "holiday", rate = 0, line = 0 }},
]

# [minimum_hours]
# hours = 4
# line = 0

# [lead_time]          # notice the agency asks for; less only raises a warning
# required_hours = 48
# line = 0

[holidays]
line = 0
rules = [
  {{ name = "New Year's Day", rule = "fixed", month = 1, day = 1 }},
  {{ name = "Thanksgiving Day", rule = "nth_weekday", month = 11, weekday = "thursday", nth = 4 }},
  {{ name = "Christmas Day", rule = "fixed", month = 12, day = 25 }},
]
# or a country's public holidays: country = "US", subdivision = "TX"

# [staffing]           # supervisors added on top of the officers requested, or counted within them
# mode = "added"
# supervisors = [ {{ role = "sergeant", from = 3, per = 6, line = 0 }} ]

# [vehicles]
# rate = 15.00
# required = "never"
# charge_when = {{ kind = "not", of = {{ kind = "customer", one_of = ["town"] }} }}   # only some jobs pay it
# line = 0

# [cancellation]
# windows = [
#   {{ opens = "hours_before", hours = 24, charge = "minimum_or_worked", line = 0 }},
# ]

# [payment]
# due = {{ days = 30, line = 0 }}

# [[payment_when]]     # other terms for the jobs that meet a condition ("city departments net 60")
# when = {{ kind = "customer", one_of = ["city"] }}
# due = {{ days = 60, line = 0 }}
# line = 0

[[notes]]
topic = "general"
rule = 2
text = "Quotes are not-to-exceed estimates: where the page allows two readings, the one that costs more is used."
'''


def new_agency(name: str, out_dir: Path) -> list[Path]:
    """Write the starting file for agency `name` into `out_dir`, never over an existing one, and schema.json beside it.

    Returns the files written. A schema.json of another tool is kept; an older one of DetailQuote's is brought
    up to date.
    """
    from .schema import agency_schema, schema_text
    from .atomic import write_atomic

    if not NAME_PATTERN.match(name):
        raise InputError(f"agency name {shown(name)} must be lower case letters, digits and dashes, such as springfield-il")
    path = Path(out_dir) / f"{name}.toml"
    if path.exists():
        raise InputError(f"{path} exists already: edit it, or choose another name")
    town = name.rsplit("-", 1)[0] if "-" in name else name
    state = name.rsplit("-", 1)[1].upper() if "-" in name else ""
    title = " ".join(w.capitalize() for w in town.split("-")) + (f" ({state})" if state else "")
    written = [write_atomic(path, TEMPLATE.format(name=name, title=title).encode())]
    schema, text = Path(out_dir) / "schema.json", schema_text()
    if not schema.exists() or _title(schema) == agency_schema()["title"] and schema.read_text(encoding="utf-8") != text:
        written.append(write_atomic(schema, text.encode()))
    return written


def _title(schema: Path) -> object:
    """The title of a JSON Schema file, or None when it is not one."""
    try:
        return json.loads(schema.read_text(encoding="utf-8")).get("title")
    except (OSError, ValueError, AttributeError):
        return None
