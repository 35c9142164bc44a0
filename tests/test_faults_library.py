"""Hostile libraries (issue 10): one bad file never stops the scan, nothing blocks, and
every file that is not an article is reported with a typed, worded reason.  Also
``reader scan`` and children dying with a SIGKILLed parent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import reader.core.library.index as li
from reader.core.library.index import LibraryIndex
from reader.core.library.parse_worker import parse_file
from reader.core.library.parser import ParseError, read_article, read_bounded
from reader.core.library.problems import (
    NOT_REGULAR,
    NOT_UTF8,
    SYMLINK_OUTSIDE,
    TOO_LARGE,
    UNREADABLE_FOLDER,
    Problem,
    decode_error,
    printable,
    safe_text,
    word_problem,
)
from reader.core.library.walk import walk_library

ROOT = Path(__file__).resolve().parent.parent
SEED = "date 28 mai 2024 Un titre (Le Monde)\n\nUn paragraphe de texte.\n"


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    (lib / "sub").mkdir(parents=True)
    (lib / "ok.txt").write_text(SEED)
    bad = os.path.join(os.fsencode(lib), b"bad\xff.txt")
    with open(bad, "wb") as fh:
        fh.write(SEED.encode())
    os.mkfifo(lib / "fifo.txt")
    os.symlink("/etc/passwd", lib / "out.txt")
    os.symlink(lib / "ok.txt", lib / "sub" / "inside.txt")  # inside: followed
    (lib / "u16.txt").write_bytes(("\ufeff" + SEED).encode("utf-16-le"))
    (lib / "u16be.txt").write_bytes(SEED.encode("utf-16-be"))
    (lib / "latin.txt").write_bytes("date 2024 Été\n\nCafé crème\n".encode("latin-1"))
    (lib / "year1.txt").write_text("date 0001 Très vieux\n\nTexte.\n")
    (lib / "year99.txt").write_text("date 12 mai 0099 Vieux\n\nTexte.\n")
    return lib


def test_hostile_library_scans_completely(hostile: Path, tmp_path: Path) -> None:
    ix = LibraryIndex(tmp_path / "cache" / "library.sqlite3", workers=0)
    result = ix.scan(hostile)
    rows = {r.id: r for r in ix.rows(hostile)}
    assert {"ok", "bad\\xff", "inside", "u16", "u16be", "year1", "year99"} <= set(rows)
    assert rows["u16"].title == "Un titre" and rows["u16be"].source == "Le Monde"
    assert rows["year1"].date.iso() == "0001" and rows["year99"].date.iso() == "0099-05-12"
    problems = {Path(p.path).name: p for p in result.problems}
    assert problems["fifo.txt"].code == NOT_REGULAR and problems["fifo.txt"].args["kind"] == "fifo"
    assert problems["out.txt"].code == SYMLINK_OUTSIDE
    assert problems["latin.txt"].code == NOT_UTF8 and problems["latin.txt"].args["byte"] == 10
    assert word_problem(problems["latin.txt"]).startswith("caractère invalide à l'octet 10")
    # the problems survive a reopen (stored typed), and the bad name opens
    again = LibraryIndex(tmp_path / "cache" / "library.sqlite3", workers=0)
    assert {Path(p.path).name: p.code for p in again.problems(hostile)} == {
        name: p.code for name, p in problems.items()}
    assert again.load_article("bad\\xff", hostile).title == "Un titre"
    second = again.scan(hostile)
    assert second.unchanged >= 9 and second.added == 0
    again.close()
    ix.close()


def test_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = tmp_path / "lib"
    (lib / "locked").mkdir(parents=True)
    (lib / "a.txt").write_text(SEED)
    real = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(li.os, "scandir", scandir)
    refused: li.Refused = {}
    assert [rel for rel, _, _ in walk_library(str(lib), refused)] == ["a.txt", "locked"]
    assert refused["locked"][1] == UNREADABLE_FOLDER
    ix = LibraryIndex(tmp_path / "c.sqlite3", workers=0)
    result = ix.scan(lib)
    assert [p.code for p in result.problems] == [UNREADABLE_FOLDER]
    assert "dossier illisible" in word_problem(result.problems[0])
    ix.close()


def test_file_replaced_by_a_fifo_after_the_walk_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a.txt")
    parsed = parse_file(str(tmp_path), "a.txt", 10, 0)  # listed as a file a moment ago
    reason, code, params = decode_error(parsed.error or "")
    assert code == NOT_REGULAR and params == (("kind", "fifo"),)


def test_reads_are_bounded_after_open(tmp_path: Path) -> None:
    with pytest.raises(ParseError) as info:
        read_bounded("/dev/zero", limit=1000)  # a device: refused without reading
    assert info.value.code == NOT_REGULAR
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    with pytest.raises(ParseError) as info:
        read_bounded(str(big), limit=1000)
    assert info.value.code == TOO_LARGE and info.value.params["size"] == 5000
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    with pytest.raises(ParseError):
        read_article(tmp_path / "zero.txt")


def test_safe_text_and_printable() -> None:
    assert safe_text("bad\udcff") == "bad\\xff" and safe_text("é") == "é"
    assert safe_text("\ud800") == "\\ud800"
    assert printable("a\x1b]0;title\x07b\x9bc\nd") == "a\ufffd]0;title\ufffdb\ufffdc d"
    assert word_problem(Problem("/x", "plain old sentence")) == "plain old sentence"


def test_reader_scan_cli(hostile: Path, tmp_path: Path) -> None:
    (hostile / "esc.txt").write_text("date 2024 Titre \x1b]0;pwn\x07 piégé (S)\n\nTexte.\n")
    cmd = [sys.executable, "-m", "reader", "scan", str(hostile), "--cache-dir",
           str(tmp_path / "cache")]
    out = subprocess.run(cmd + ["--format", "jsonl"], capture_output=True, text=True,
                         env=_env(), timeout=120)
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    articles = {r["id"]: r for r in records if r["type"] == "article"}
    problems = {Path(r["path"]).name: r for r in records if r["type"] == "problem"}
    assert articles["ok"]["date"] == "2024-05-28" and articles["ok"]["source"] == "Le Monde"
    assert articles["year1"]["date"] == "0001" and articles["year1"]["precision"] == 1
    assert "\x1b" not in articles["esc"]["title"] and "\x07" not in articles["esc"]["title"]
    assert problems["fifo.txt"]["code"] == "not_regular"
    assert "octet 10" in problems["latin.txt"]["reason"]
    text = subprocess.run(cmd, capture_output=True, text=True, env=_env(), timeout=120)
    assert text.returncode == 0 and "\x1b" not in text.stdout
    assert "article\tok\t2024-05-28\tUn titre\tLe Monde" in text.stdout.splitlines()
    missing = subprocess.run([sys.executable, "-m", "reader", "scan", str(tmp_path / "none")],
                             capture_output=True, text=True, env=_env(), timeout=60)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_reader_scan_with_an_unusable_cache_uses_a_temporary_one(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.txt").write_text(SEED)
    blocker = tmp_path / "cache"
    blocker.write_text("a file, not a directory")
    out = subprocess.run([sys.executable, "-m", "reader", "scan", str(lib), "--cache-dir",
                          str(blocker)], capture_output=True, text=True, env=_env(),
                         timeout=120)
    assert out.returncode == 0 and "cache temporaire" in out.stderr
    assert out.stdout.startswith("article\ta\t")


def test_screenshot_exits_promptly_when_nothing_can_be_shown(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "bad.txt").write_bytes(b"\xff\xfe\x00binary")
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "reader", str(lib), "--data-dir",
                          str(tmp_path / "data"), "--screenshot", str(tmp_path / "s.png")],
                         capture_output=True, text=True, env=_env(), timeout=170)
    assert out.returncode != 0 and "reader:" in out.stderr
    assert time.monotonic() - started < 170  # not the 180 s timeout


PARENT = """
import os, sys, threading, time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from reader.core.lifetime import die_with_parent

def start():  # from a thread that then exits: the child must NOT die with the thread
    global pool
    pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"), initializer=die_with_parent)
    print(pool.submit(os.getpid).result(), flush=True)

t = threading.Thread(target=start); t.start(); t.join()
import subprocess
batch = subprocess.Popen([sys.executable, "-c",
    "from reader.core.lifetime import die_with_parent; import os, time; die_with_parent();"
    "print(os.getpid(), flush=True); time.sleep(600)"], stdout=subprocess.PIPE, text=True)
print(batch.stdout.readline().strip(), flush=True)
time.sleep(1.5)
print(pool.submit(os.getpid).result(), flush=True)  # still the same child
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_children_die_with_a_sigkilled_parent() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE,
                              text=True, env=_env())
    try:
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())
        batch = int(parent.stdout.readline())
        assert int(parent.stdout.readline()) == worker  # survived its starting thread
        assert _alive(worker) and _alive(batch)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and (_alive(worker) or _alive(batch)):
            time.sleep(0.1)
        assert not _alive(worker) and not _alive(batch)
    finally:
        if parent.poll() is None:
            parent.kill()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_sigkilled_window_leaves_no_child(tmp_path: Path) -> None:
    """The real window: open a library (its entity child starts), SIGKILL it, and no
    descendant may survive 5 s."""
    lib = tmp_path / "lib"
    lib.mkdir()
    for i in range(5):
        (lib / f"a{i}.txt").write_text(SEED.replace("Un titre", f"Titre {i}"))
    env = {**_env(), "READER_STARTUP_TIMING": "1"}
    window = subprocess.Popen([sys.executable, "-m", "reader", str(lib), "--data-dir",
                               str(tmp_path / "data")], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        assert window.stdout is not None
        window.stdout.readline()  # window_ms=… : the window is up
        deadline = time.monotonic() + 60
        children: set[int] = set()
        while time.monotonic() < deadline and not children:
            children = _descendants(window.pid)
            time.sleep(0.5)
        time.sleep(2)
        children |= _descendants(window.pid)
        assert children  # the entity child at least
        os.kill(window.pid, signal.SIGKILL)
        window.wait(10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(map(_alive, children)):
            time.sleep(0.1)
        assert not [pid for pid in children if _alive(pid)]
    finally:
        if window.poll() is None:
            window.kill()


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        parents, frontier = frontier, set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) in parents:
                child = int(stat.parent.name)
                if child not in found:
                    found.add(child)
                    frontier.add(child)
    return found
