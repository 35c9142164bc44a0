"""Child process for the durability tests: adds bookmarks in a loop and prints each id once
its transaction is committed (the test then kills it with SIGKILL at a random moment).

Usage: python tests/bookmark_child.py DATA_DIR [COUNT] [TAG]
Prints "ready" once the store is open, then one acknowledged bookmark id per line.
COUNT = 0 (default) means "until killed".
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

# runnable as a plain script from any directory
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.bookmarks.store import BookmarkStore  # noqa: E402
from reader.core.library.parser import parse_text  # noqa: E402

TEXT = (" date 2024-05-28 Essai de durabilité (Reader)\n\n"
        + "\n\n".join(f"Paragraphe {i} : un texte écrit pour les tests, assez long pour "
                      f"qu'on y marque plusieurs passages sans jamais se répéter ({i})."
                      for i in range(20)) + "\n")


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1])
    count = int(argv[2]) if len(argv) > 2 else 0
    tag = argv[3] if len(argv) > 3 else "child"
    article = parse_text(TEXT, "/lib/durabilite.txt")
    store = BookmarkStore(data_dir)
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    i = 0
    n = len(article.text)
    while count == 0 or i < count:
        start = (i * 37) % (n - 40)
        bookmark = store.add(article, start, start + 30, note=f"{tag} {i}", tags=[tag])
        out.write(bookmark.id + "\n")  # only after the commit returned
        out.flush()
        i += 1
    store.close()
    return 0


def spawn(data_dir: Path, count: int = 0, tag: str = "child") -> subprocess.Popen[str]:
    """Start this script as a child process writing into ``data_dir``."""
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), str(data_dir), str(count), tag],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})


def kill_round(data_dir: Path, acks_before_kill: int) -> list[str]:
    """Run a child, SIGKILL it right after its ``acks_before_kill``-th acknowledgement
    (-1: before it even opened the store), return every id it acknowledged."""
    proc = spawn(data_dir)
    assert proc.stdout is not None
    acked: list[str] = []
    try:
        if acks_before_kill >= 0:
            first = proc.stdout.readline().strip()
            if first != "ready":
                raise RuntimeError(f"child failed: {first!r} {proc.stderr.read() if proc.stderr else ''}")
            while len(acked) < acks_before_kill:
                line = proc.stdout.readline()
                if not line:
                    break
                acked.append(line.strip())
    finally:
        proc.send_signal(signal.SIGKILL)
        # ids printed after our last read and before the kill were acknowledged too
        rest, err = proc.communicate()
    acked += [line for line in rest.split() if line != "ready"]
    if proc.returncode != -signal.SIGKILL and acks_before_kill >= 0:
        raise RuntimeError(f"child ended with {proc.returncode}: {err[-2000:]}")
    return acked


if __name__ == "__main__":
    sys.exit(main(sys.argv))
