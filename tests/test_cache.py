"""The cache of validated agency files: the same agencies as a fresh load, and never trusted where it should not be."""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import shutil
import sys
from pathlib import Path

import pytest

from conftest import AGENCIES, KINDS, ROOT
from detailquote import __version__, cache, cli, loader
from detailquote.agency import Agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import quote
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import Library, load_agency
from detailquote.report import charge_data, quote_data

sys.path.insert(0, str(ROOT / "benchmarks"))
import workload  # noqa: E402


@pytest.fixture
def entries(tmp_path: Path, monkeypatch) -> Path:
    """The cache on, in a folder of its own: where its entries go."""
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    return tmp_path / "cache" / "agencies"


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The files parsed and validated (not taken from the cache), by name, as they happen."""
    seen: list[str] = []
    real = loader.parse_spec
    monkeypatch.setattr(loader, "parse_spec", lambda text, shown="<agency>": seen.append(Path(shown).name) or real(text, shown))
    return seen


def fresh(path: Path, monkeypatch) -> Agency:
    """The agency loaded with the cache off."""
    with monkeypatch.context() as m:
        m.setenv(cache.ENV_VAR, "off")
        return load_agency(path)


def answers(a: Agency, jobs: list[workload.Job]) -> list[dict]:
    """Each job's quote, and its cancellation charge where it has one, as data."""
    out = [quote_data(quote(a, job.request())) for job in jobs]
    out += [charge_data(cancellation_charge(a, j.request(), j.cancelled, hours_worked=j.worked)) for j in jobs if j.cancelled]
    return out


@pytest.mark.parametrize("path", [AGENCIES / f"{name}.toml" for name in (
    "tucson-az", "hartford-ct", "bay-harbor-islands-fl", "peel-on", "blaine-mn", "new-orleans-la", "honolulu-hi",
)] + [KINDS / "fees-compound.toml", KINDS / "billing-blocks.toml"], ids=lambda p: p.stem)
def test_a_cached_agency_prices_and_reads_as_a_fresh_one(path: Path, entries: Path, parsed: list[str], monkeypatch):
    expected = fresh(path, monkeypatch)
    del parsed[:]
    load_agency(path)  # parsed, and kept
    schedules = len(expected.schedules)
    assert len(parsed) == schedules and len(list(entries.glob("*.pickle"))) == schedules
    cached = load_agency(path)
    assert len(parsed) == schedules  # nothing parsed again
    assert [s.spec for s in cached.schedules] == [s.spec for s in expected.schedules]
    assert explain(cached) == explain(expected)
    jobs = workload.jobs([expected], 60)
    assert len(jobs) == 60 and any(j.cancelled for j in jobs)
    assert answers(cached, jobs) == answers(expected, jobs)


def test_a_changed_file_is_read_afresh(tmp_path: Path, entries: Path, parsed: list[str]):
    path = tmp_path / "my-town-az.toml"
    text = (AGENCIES / "tucson-az.toml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert load_agency(path).name == "Tucson (AZ) Police Department"
    path.write_text(text.replace('name = "Tucson (AZ) Police Department"', 'name = "My Town (AZ) Police"'), encoding="utf-8")
    assert load_agency(path).name == "My Town (AZ) Police"
    path.write_text(text, encoding="utf-8")
    assert load_agency(path).name == "Tucson (AZ) Police Department"  # its first entry again
    assert parsed == ["my-town-az.toml", "my-town-az.toml"] and len(list(entries.glob("*.pickle"))) == 2


def test_an_entry_of_another_build_is_not_read(entries: Path, parsed: list[str], monkeypatch):
    path = AGENCIES / "tucson-az.toml"
    load_agency(path)
    monkeypatch.setattr(cache, "fingerprint", lambda: "detailquote 9.9 and other models")
    load_agency(path)
    assert parsed == ["tucson-az.toml", "tucson-az.toml"] and len(list(entries.glob("*.pickle"))) == 2


def test_the_fingerprint_names_what_decides_validation():
    lines = cache.fingerprint().splitlines()
    assert lines[0] == f"detailquote {__version__}"
    assert [line.split()[0] for line in lines] == ["detailquote", "python", "source", "pydantic", "pydantic_core",
                                                   "holidays", "tzdata"]


def test_a_list_of_agencies_reads_the_cache_summaries_and_never_the_rules(tmp_path, monkeypatch):
    """Listing agencies whose files the cache holds unpickles no rules; it lists what loading them would."""
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    folder = tmp_path / "agencies"
    folder.mkdir()
    for p in AGENCIES.glob("*.toml"):
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "broken.toml").write_text("name = 1\n")
    loaded, _ = Library([folder]).load_all()  # fills the cache
    monkeypatch.setattr(cache, "load", lambda entry: pytest.fail("a list unpickled the rules of " + entry.name)
                        if entry.exists() else None)  # the broken file has no entry: it is read afresh
    listed, bad = Library([folder]).listing()
    assert [(a.key, a.name, a.time_zone, a.source) for a in listed if a.source.parent == folder] == [
        (a.key, a.name, a.spec.time_zone, a.source) for a in loaded if a.source.parent == folder]
    assert [e.problems[0].file for e in bad] == [str(folder / "broken.toml")]


def _entry(path: Path) -> Path:
    return cache.entry_path(path.read_bytes())


def _torn(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])


def _flipped(entry: Path) -> None:
    blob = bytearray(entry.read_bytes())
    blob[-10] ^= 0xFF
    entry.write_bytes(bytes(blob))


def _foreign(entry: Path) -> None:
    """A whole, well-formed entry, but made for other bytes."""
    payload = pickle.dumps(("0" * 64 + ".pickle", cache.load(entry)))
    entry.write_bytes(cache.MAGIC + hashlib.sha256(payload).digest() + payload)


def _not_ours(entry: Path) -> None:
    """Writable by others: whoever wrote it could make unpickling run their code."""
    entry.chmod(0o666)


@pytest.mark.parametrize("spoil", [_torn, _flipped, _foreign, lambda e: e.write_bytes(b""), lambda e: e.write_bytes(b"\x80\x05junk"),
                                   _not_ours], ids=["torn", "flipped", "foreign", "empty", "junk", "not ours"])
def test_a_spoilt_entry_is_ignored_and_written_again(spoil, entries: Path, parsed: list[str], monkeypatch):
    path = AGENCIES / "tucson-az.toml"
    load_agency(path)
    entry = _entry(path)
    spoil(entry)
    assert cache.load(entry) is None
    assert load_agency(path).spec == fresh(path, monkeypatch).spec
    assert parsed == ["tucson-az.toml", "tucson-az.toml", "tucson-az.toml"]  # kept, read again (spoilt), fresh
    assert cache.load(entry) == load_agency(path).spec  # written again, whole
    assert not list(entries.glob(".*.tmp"))


def test_a_cache_folder_that_cannot_be_written_changes_no_answer(tmp_path: Path, parsed: list[str], monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))  # its folder cannot be made: a file is in the way
    path = AGENCIES / "tucson-az.toml"
    assert load_agency(path).spec == load_agency(path).spec == fresh(path, monkeypatch).spec
    assert parsed == ["tucson-az.toml"] * 3


def test_a_write_that_fails_half_way_leaves_nothing_behind(entries: Path, monkeypatch):
    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    assert load_agency(AGENCIES / "tucson-az.toml").key == "tucson-az"
    assert list(entries.iterdir()) == []  # the temporary file is gone too


@pytest.mark.parametrize("value", ["off", "OFF", " Off ", ""])
def test_the_cache_turns_off(value: str, tmp_path: Path, parsed: list[str], monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, value)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() is None and cache.entry_path(b"name = 1") is None
    load_agency(AGENCIES / "tucson-az.toml")
    load_agency(AGENCIES / "tucson-az.toml")
    assert parsed == ["tucson-az.toml"] * 2 and list(tmp_path.iterdir()) == []


def test_the_cache_lives_in_the_users_cache_folder(tmp_path: Path, monkeypatch):
    monkeypatch.delenv(cache.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.folder() == tmp_path / "xdg" / "detailquote" / "agencies"
    load_agency(AGENCIES / "tucson-az.toml")
    assert len(list((tmp_path / "xdg" / "detailquote" / "agencies").glob("*.pickle"))) == 1
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as the XDG specification says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.folder() == tmp_path / "home" / ".cache" / "detailquote" / "agencies"
    monkeypatch.setattr(sys, "platform", "emscripten")  # Pyodide, in xlwings Lite
    assert cache.folder() is None


def test_a_broken_file_is_never_kept_and_reports_the_same_problems(tmp_path: Path, entries: Path, parsed: list[str]):
    path = tmp_path / "broken-tx.toml"
    path.write_text((AGENCIES / "tucson-az.toml").read_text(encoding="utf-8").replace("rate = ", "rate = -", 1), encoding="utf-8")
    reports = []
    for _ in range(2):
        with pytest.raises(AgencyFileError) as info:
            load_agency(path)
        reports.append(str(info.value))
    assert reports[0] == reports[1] and "must be more than 0" in reports[0]
    assert parsed == ["broken-tx.toml"] * 2 and not entries.exists()


def test_a_thousand_agency_files_list_alike_from_the_cache(tmp_path: Path, entries: Path, parsed: list[str], capsys):
    folder = tmp_path / "agencies"
    folder.mkdir()
    names = workload.agency_folder(folder, 1_000)
    (folder / "broken-tx.toml").write_text("name = ", encoding="utf-8")
    runs = []
    for _ in range(2):
        loader._library.cache_clear()  # a fresh process's library
        assert cli.main(["agencies", "--agencies", str(folder)]) == 1  # the broken file
        runs.append(capsys.readouterr())
    loader._library.cache_clear()
    bundled = len(Library().names())
    assert len(parsed) == 1_000 + len(list(loader.bundled_dir().glob("*.toml"))) + 2  # each file once, the broken one twice
    assert runs[0] == runs[1] and gc.isenabled()  # the collector is back on after the loading
    listed = [line.split()[0] for line in runs[1].out.splitlines()]
    assert len(listed) == 1_000 + bundled and set(names) <= set(listed)
    assert runs[1].err == f"broken: {folder / 'broken-tx.toml'}: not valid TOML: Invalid value (at end of document)\n"
    shutil.rmtree(folder)
