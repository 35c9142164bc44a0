"""Article switch on a long article: render + apply cached entity highlights.

Builds a ~50,000-word article from real paragraphs (seeds/, plus ../shared/corpus/ when
present), extracts its entities once with the real model (as the cache would hold them),
then times switching to it in the reading pane (``build_document``: text and entity
character formats in one edit block, then ``show_article``) against setting the same text
on a bare QTextDocument: document only, built and painted, the GUI thread's part when the
document is built in a worker, and a full layout.  Runs alternate between the two so that
machine noise hits both alike.  Prints p50 / p95 and the ratio.

    python benchmarks/bench_article_switch.py [--words 50000] [--runs 21] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent


def paragraphs(corpus: Path | None) -> list[str]:
    from reader.core.library.parser import read_article

    files = sorted((ROOT / "seeds").glob("*.txt"))
    if corpus is not None and corpus.is_dir():
        files += sorted(corpus.glob("*.txt"))
    out: list[str] = []
    for f in files:
        out += [b.text for b in read_article(f).blocks if b.kind == "paragraph"]
    return out


def build_article(words: int, corpus: Path | None) -> str:
    paras = paragraphs(corpus)
    body: list[str] = []
    count, i = 0, 0
    while count < words:
        if i % 12 == 11:
            body.append(f"Intertitre numéro {i // 12}")
        p = paras[i % len(paras)]
        body.append(p)
        count += len(p.split())
        i += 1
    return " date 2024-05-28 Article très long (AFP)\n\n" + "\n\n".join(body) + "\n"


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()

    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication, QTextEdit

    from reader.core.entities.extractor import EntityExtractor
    from reader.core.library.parser import parse_text
    from reader.ui.reading.pane import ReadingPane, build_document, by_position

    app = QApplication.instance() or QApplication([])
    text = build_article(args.words, args.corpus)
    article = parse_text(text, "long.txt")
    t = time.perf_counter()
    ents = EntityExtractor().extract_article(article)
    extract_s = time.perf_counter() - t
    print(f"article: {article.word_count} words, {len(article.text)} chars, "
          f"{len(article.blocks)} blocks, {len(ents.body)} entities "
          f"(extracted once in {extract_s:.1f} s; the app reads them from the cache)")

    pane = ReadingPane()
    pane.resize(900, 800)
    pane.show()
    app.processEvents()

    bare_view = QTextEdit()
    bare_view.resize(pane.view.size())
    bare_view.show()
    keep: list[QTextDocument] = []  # documents shown by the bare view stay alive

    body = by_position(ents.body)

    def ours(mode: str) -> float:
        # the app builds the document in a worker thread (build_document) and the GUI
        # thread attaches it; "gui" times only the GUI thread's part
        if mode == "gui":
            built = build_document(article, body, pane.enabled_labels(), pane.default_font())
            t0 = time.perf_counter()
            pane.show_article(article, body, built)
            pane.view.viewport().repaint()
            return time.perf_counter() - t0
        t0 = time.perf_counter()
        pane.show_article(article, ents.body)
        if mode == "layout":
            pane.view.document().documentLayout().documentSize()
        elif mode == "paint":
            pane.view.viewport().repaint()
        return time.perf_counter() - t0

    font = pane.view.document().defaultFont()  # same reading font and size for both
    width = pane.view.viewport().width() - 2 * pane.view.document().rootFrame().frameFormat(
    ).leftMargin()

    def bare(mode: str) -> float:
        t0 = time.perf_counter()
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setPlainText(article.text)
        if mode == "layout":
            doc.setTextWidth(width)
            doc.documentLayout().documentSize()
        elif mode in ("paint", "gui", "sized"):
            if mode == "sized":  # what the pane does: no unwrapped layout on attaching
                doc.setTextWidth(bare_view.viewport().width())
            bare_view.setDocument(doc)  # the view sets its own text width
            bare_view.viewport().repaint()
        elapsed = time.perf_counter() - t0
        if mode in ("paint", "gui", "sized"):
            keep[:] = [doc]  # the view's previous document is freed here, outside the timing
        return elapsed

    def settle() -> None:
        """Let the event loop run between switches, as the app does.  The pane's previous
        document is deleteLater()'d, which processEvents() alone never does outside exec():
        without this every run's document would stay in memory and slow the next ones."""
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    for layout in ("document", "paint", "gui", "layout", "sized"):
        ours("paint" if layout == "sized" else layout), bare(layout)  # warm-up
        o: list[float] = []
        b: list[float] = []
        for _ in range(args.runs):  # interleaved, so that machine noise hits both alike
            o.append(ours("paint" if layout == "sized" else layout))
            settle()
            b.append(bare(layout))
            settle()
        tag = {"document": "document built, no layout",
               "paint": "built and painted on one thread (what the user waits for)",
               "gui": "GUI-thread part: attach a document built in a worker, first paint",
               "layout": "full layout of the whole article",
               "sized": "as 'built and painted', bare text also sized before attaching "
                        "(a tuned baseline, for reference)"}[layout]
        print(f"[{tag}] switch with highlights: p50 {pct(o, .5) * 1000:.1f} ms, "
              f"p95 {pct(o, .95) * 1000:.1f} ms")
        print(f"[{tag}] bare QTextDocument.setPlainText: p50 {pct(b, .5) * 1000:.1f} ms, "
              f"p95 {pct(b, .95) * 1000:.1f} ms")
        print(f"[{tag}] ratio p50 {statistics.median(o) / statistics.median(b):.2f}x "
              f"(target <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
