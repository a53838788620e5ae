"""`detailquote lite`: the two files xlwings Lite takes, with DetailQuote and its agency files inside.

xlwings Lite keeps a workbook's Python in two tabs: `requirements.txt`, the
packages it installs by name from the package index, and `main.py`, the code.
DetailQuote is not on the index, so `main.py` carries it: the modules the
DETAIL_* functions import, the bundled agency files and the user's own, as a
zip archive written in base64 text. When xlwings Lite starts, `main.py`
unpacks the archive into a temporary folder, puts that folder first on the
import path and imports the functions, which register themselves with xlwings.

A workbook carries the two tabs in its package: xlwings Lite is an Office
add-in (store id WA200008175), and it keeps them as properties of its web
extension part (`xl/webextensions/webextension1.xml`), each value a JSON
string. `workbook_parts` writes that part, and the task pane that refers to it,
so that a workbook built here opens in Excel with the functions in it.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import io
import json
import re
import textwrap
import zipfile
from importlib import metadata
from pathlib import Path, PurePosixPath

from . import __version__
from .errors import AgencyFileError, InputError
from .loader import Library

PACKAGE = Path(__file__).parent
ENTRY = "udfs"  # the module whose imports decide which modules go in
# Dependencies the functions never import: openpyxl writes the quote workbooks.
LEFT_OUT = frozenset({"openpyxl"})
MARK = "DetailQuote's DETAIL_* functions for xlwings Lite"  # the first words of both files, so they are known again
_DATE = (1980, 1, 1, 0, 0, 0)  # every archive member's time stamp: the same files give the same archive
_WIDTH = 76

MAIN_PY = '''"""{mark}: DetailQuote {version}, its agency files{own} inside this file.

Paste this file over the main.py tab of the xlwings Lite editor, and the
requirements.txt written beside it over the requirements.txt tab. The functions
appear in Excel as =DETAIL_QUOTE(...), =DETAIL_QUOTES(...) and the others, with
their help. Whoever opens the workbook with xlwings Lite gets them too.

{agencies}

Written by `detailquote lite`: run it again to change what this file holds.
"""

import base64
import os
import shutil
import sys
import tempfile
import zipfile
from io import BytesIO

# DetailQuote's modules and agency files: a zip archive, in base64 text.
_ARCHIVE = """
{archive}
"""
_OWN_FOLDERS = {own_folders!r}  # the user's agency folders inside the archive, first wins


def _unpacked() -> str:
    """The archive unpacked into a temporary folder named by its digest, once per machine."""
    folder = os.path.join(tempfile.gettempdir(), "detailquote-{digest}")
    if not os.path.isdir(folder):
        staging = tempfile.mkdtemp(prefix="detailquote-")
        zipfile.ZipFile(BytesIO(base64.b64decode(_ARCHIVE))).extractall(staging)
        try:
            os.rename(staging, folder)
        except OSError:  # unpacked meanwhile by another process
            shutil.rmtree(staging, ignore_errors=True)
    return folder


_FOLDER = _unpacked()
sys.path.insert(0, _FOLDER)
if _OWN_FOLDERS:
    os.environ["DETAILQUOTE_AGENCIES"] = os.pathsep.join(os.path.join(_FOLDER, f) for f in _OWN_FOLDERS)

from detailquote.udfs import *  # noqa: E402,F401,F403  (each DETAIL_* function registers itself with xlwings)
'''

REQUIREMENTS = """# {mark}: the packages xlwings Lite installs by name.
# DetailQuote {version} itself is inside main.py, written beside this file by `detailquote lite`.
{lines}
"""


def modules() -> list[str]:
    """The package's modules the Excel functions import, directly or not, read from their import statements.

    Each is its path under the package without `.py` (`engine`, `rules/conditions`); a subpackage's modules bring its
    `__init__` with them.
    """
    found, todo = set(), ["__init__", ENTRY]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        here = PurePosixPath(name).parent
        if here.parts:
            todo.append(f"{here}/__init__")
        tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
        typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
                       for n in ast.walk(block)}  # imports for type hints: never made when the functions run
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level >= 1 and id(node) not in typing_only:
                base = here
                for _ in range(node.level - 1):
                    base = base.parent
                module = [*base.parts, *(node.module.split(".") if node.module else ())]
                for parts in ([module] if node.module else []) + [[*module, a.name] for a in node.names]:
                    todo += _module_file(parts)
    return sorted(found)


def _module_file(parts: list[str]) -> list[str]:
    """The module at `parts` under the package, as a path without `.py`, if it is one (a package: its __init__)."""
    path = "/".join(parts)
    if (PACKAGE / f"{path}.py").is_file():
        return [path]
    return [f"{path}/__init__"] if parts and (PACKAGE / path / "__init__.py").is_file() else []


def archive(library: Library) -> bytes:
    """A zip of the modules, the bundled agency files, and the user's folders of `library` as own-1, own-2..."""
    members = {f"detailquote/{m}.py": (PACKAGE / f"{m}.py").read_bytes() for m in modules()}
    *own, bundled = library.dirs
    members["detailquote/agencies/__init__.py"] = (bundled / "__init__.py").read_bytes()
    members |= {f"detailquote/agencies/{p.name}": p.read_bytes() for p in sorted(bundled.glob("*.toml"))}
    for i, folder in enumerate(own, 1):
        members |= {f"own-{i}/{p.name}": p.read_bytes() for p in sorted(folder.glob("*.toml"))}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in sorted(members.items()):
            info = zipfile.ZipInfo(name, _DATE)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            z.writestr(info, data)
    return buffer.getvalue()


def requirements() -> str:
    """requirements.txt: DetailQuote's own dependencies that the functions import, as pyproject.toml gives them."""
    needed = [r for r in metadata.requires("detailquote") or () if "extra ==" not in r and _name(r) not in LEFT_OUT]
    return REQUIREMENTS.format(mark=MARK, version=__version__, lines="\n".join(needed))


def main_py(library: Library) -> str:
    """main.py: the archive of `library`'s agencies and the modules, unpacked and imported at start-up."""
    data = archive(library)
    text = base64.b64encode(data).decode("ascii")
    own = [f"own-{i}" for i in range(1, len(library.dirs))]
    good, _ = library.load_all()
    return MAIN_PY.format(
        mark=MARK, version=__version__, own=" and your own" if own else "",
        agencies=textwrap.fill(", ".join(a.key for a in good) + ".", _WIDTH, initial_indent="Agencies: "),
        archive="\n".join(text[i:i + _WIDTH] for i in range(0, len(text), _WIDTH)),
        own_folders=own, digest=hashlib.sha256(data).hexdigest()[:16],
    )


def write(library: Library, out_dir: Path) -> list[Path]:
    """Write main.py and requirements.txt into `out_dir`, over earlier ones of ours but over no other file."""
    from .atomic import write_atomic

    _, broken = library.load_all()
    if broken:  # a workbook that carries a file that does not load would only show its problems
        raise AgencyFileError([p for exc in broken for p in exc.problems])
    files = {"main.py": main_py(library), "requirements.txt": requirements()}
    for name in files:
        path = Path(out_dir) / name
        if path.exists() and MARK not in path.read_text(encoding="utf-8", errors="replace")[:200]:
            raise InputError(f"{path} exists and was not written by `detailquote lite`: choose another --out")
    return [write_atomic(Path(out_dir) / name, text.encode("utf-8")) for name, text in files.items()]


# xlwings Lite in the Office add-in store, and the parts that tie it and its tabs to a workbook.
LITE_STORE_ID = "WA200008175"
_WE = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
_WETP = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_EXTENSION_ID = "{5F1A2C3E-0D7B-4E5A-9C41-DE7A11C0FFEE}"  # fixed, so that a rebuild is byte-identical


def workbook_parts(library: Library) -> list:
    """The parts that give a workbook xlwings Lite's two tabs, main.py and requirements.txt, and open its task
    pane with the workbook (xlsx.save adds them to the package)."""
    from xml.sax.saxutils import quoteattr

    from .xlsx import Part

    tabs = {"main.py": main_py(library), "requirements.txt": requirements(),
            "xlwingsSettingsWorkbook": {"startupBehavior": "taskpane"}}
    properties = "".join(f"<we:property name={quoteattr(name)} value={quoteattr(json.dumps(value, ensure_ascii=False))}/>"
                         for name, value in tabs.items())
    extension = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<we:webextension xmlns:we="{_WE}" id="{_EXTENSION_ID}">'
        f'<we:reference id="{LITE_STORE_ID.lower()}" version="1.0.0.0" store="en-US" storeType="OMEX"/>'
        f'<we:alternateReferences><we:reference id="{LITE_STORE_ID}" version="1.0.0.0" store="{LITE_STORE_ID}" '
        f'storeType="OMEX"/></we:alternateReferences><we:properties>{properties}</we:properties><we:bindings/>'
        f'<we:snapshot xmlns:r="{_REL}"/></we:webextension>'
    )
    panes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<wetp:taskpanes xmlns:wetp="{_WETP}">'
        f'<wetp:taskpane dockstate="right" visibility="1" width="438" row="1">'
        f'<wetp:webextensionref xmlns:r="{_REL}" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>'
    )
    link = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" '
        'Target="webextension1.xml"/></Relationships>'
    )
    return [
        Part("xl/webextensions/taskpanes.xml", panes.encode(), "application/vnd.ms-office.webextensiontaskpanes+xml",
             "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"),
        Part("xl/webextensions/webextension1.xml", extension.encode(), "application/vnd.ms-office.webextension+xml"),
        Part("xl/webextensions/_rels/taskpanes.xml.rels", link.encode(), None),
    ]


def tabs_of(package: bytes) -> dict[str, object]:
    """The xlwings Lite tabs and settings a workbook carries, read back as xlwings Lite reads them."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(io.BytesIO(package)) as z:
        names = [n for n in z.namelist() if n.startswith("xl/webextensions/webextension")]
        root = ET.fromstring(z.read(names[0])) if names else None
    if root is None:
        return {}
    return {p.get("name"): json.loads(p.get("value")) for p in root.iter(f"{{{_WE}}}property")}


def _name(requirement: str) -> str:
    """The distribution a requirement names, in lower case: 'pydantic' of 'pydantic<3,>=2.7'."""
    return re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0].lower()

