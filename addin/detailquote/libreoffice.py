"""LibreOffice, headless, as the reference spreadsheet: recalculate workbooks and render them to PDF.

Each run gets a throw-away profile that switches recalculation on load to
"always" (openpyxl writes no cached values) and the locale to en-US. soffice
exits 0 even when it wrote nothing, so every expected output is checked.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>en-US</value></prop></item>
</oor:items>
"""


class LibreOfficeError(RuntimeError):
    """soffice is missing, timed out, or did not write what it was asked to."""


BATCH = 100  # documents per soffice run


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(paths: Sequence[Path], out_dir: Path, to: str = "xlsx", timeout: float = 600) -> list[Path]:
    """Open each workbook in LibreOffice (recalculating every formula) and save it as `to` in `out_dir`.

    At most BATCH documents go to one soffice process: LibreOffice 7.4 stops writing, with no error, after
    some 250 documents in one run.
    """
    program = soffice()
    if program is None:
        raise LibreOfficeError("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    err = b""
    with tempfile.TemporaryDirectory(prefix="detailquote-lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(PROFILE)
        for first in range(0, len(paths), BATCH):
            command = [
                program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore", "--nologo",
                "--nodefault", "--nolockcheck", "--convert-to", to, "--outdir", str(out_dir),
                *map(str, paths[first:first + BATCH]),
            ]
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
            try:
                _, err = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                raise LibreOfficeError(f"LibreOffice took more than {timeout:.0f} s") from None
    outputs = [out_dir / (Path(p).stem + "." + to.split(":")[0]) for p in paths]
    missing = [p for p in outputs if not p.exists()]
    if missing:
        raise LibreOfficeError(f"LibreOffice wrote no {missing[0].name}: {err.decode(errors='replace').strip()[:300]}")
    return outputs
