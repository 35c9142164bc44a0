"""Evaluation sets and scoring shared by the entity benchmarks.

A set is a directory of ``NNN.txt`` files (line 1 a header, not annotated) with
``gold_core.jsonl`` (``{"file": ..., "entities": [[start, end, label], ...]}``, offsets into
the whole file text, person spans cut to the name), optionally restricted to some files.

Scoring: strict span-and-label match after the header line.  Scored labels: PER, LOC, ORG
(and DATE where a set's gold has DATE).  Gold PROD (titles of papers and works) is ignored: it
is dropped from the gold, and a predicted span exactly on a PROD span counts neither way.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.entities.extractor import EntityExtractor, file_entities  # noqa: E402
from reader.core.library.parser import decode  # noqa: E402
from reader.entities_cli import iter_file_entities  # noqa: E402


def _shared() -> Path:
    """``$READER_SHARED``, else the first ``shared/`` beside an ancestor of the checkout
    (``../shared`` of a clone, ``../../shared`` of a worktree under ``wt/``)."""
    env = os.environ.get("READER_SHARED")
    if env:
        return Path(env)
    for parent in ROOT.parents:
        if (parent / "shared" / "corpus").is_dir():
            return parent / "shared"
    return ROOT.parent / "shared"


SHARED = _shared()
SCORED = ("PER", "LOC", "ORG", "DATE")
Span = tuple[int, int, str]
Counts = dict[str, tuple[int, int, int]]


@dataclass
class EvalSet:
    name: str
    directory: Path
    gold: dict[str, list[Span]]
    texts: dict[str, str]

    @property
    def paths(self) -> list[Path]:
        return [self.directory / name for name in sorted(self.gold)]


def load_set(name: str, directory: Path, only: set[str] | None = None) -> EvalSet | None:
    """The set, or None when its directory is absent (the shared corpora are not shipped)."""
    gold_file = directory / "gold_core.jsonl"
    if not gold_file.exists():
        return None
    gold: dict[str, list[Span]] = {}
    with gold_file.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                if only is None or row["file"] in only:
                    gold[row["file"]] = [(int(s), int(e), str(lab))
                                         for s, e, lab in row["entities"]]
    texts = {n: decode((directory / n).read_bytes(), directory / n) for n in gold}
    return EvalSet(name, directory, gold, texts)


def corpus_files(dataset: str, corpus: Path | None = None) -> set[str]:
    """Files of ``corpus/`` from one source dataset ("newseye", "letemps"), per SOURCES.md."""
    corpus = corpus or SHARED / "corpus"
    rows = (corpus / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    return {m.group(1) for r in rows
            if (m := re.match(r"\| (\d{3}\.txt) \| (\w+) ", r)) and m.group(2) == dataset}


def standard_sets() -> dict[str, EvalSet]:
    """corpus (all 104), its newseye (CC BY) and letemps (NC, never trained on) halves,
    corpus2 (NewsEye, CC BY) and the project's modern sentences."""
    out: dict[str, EvalSet | None] = {}
    corpus = SHARED / "corpus"
    out["corpus"] = load_set("corpus", corpus)
    if out["corpus"] is not None:
        out["corpus-newseye"] = load_set("corpus-newseye", corpus, corpus_files("newseye"))
        out["corpus-letemps"] = load_set("corpus-letemps", corpus, corpus_files("letemps"))
    out["corpus2"] = load_set("corpus2", SHARED / "corpus2")
    out["modern"] = load_set("modern", ROOT / "benchmarks" / "data" / "modern")
    return {k: v for k, v in out.items() if v is not None}


def header_end(text: str) -> int:
    nl = text.find("\n")
    return len(text) if nl < 0 else nl


def run_ours(extractor: EntityExtractor, paths: list[Path]) -> dict[str, list[Span]]:
    """``reader entities``' own code path (no cache)."""
    out: dict[str, list[Span]] = {}
    errors: list[str] = []
    for path, article, ents in iter_file_entities(paths, extractor, None, errors):
        out[path.name] = [(s, e, lab) for s, e, lab, _ in file_entities(article, ents)]
    for message in errors:
        print(f"  error: {message}", file=sys.stderr)
    return out


def run_raw(nlp: object, paths: list[Path]) -> tuple[dict[str, list[Span]], int]:
    """A bare pipeline over the whole file texts; (predictions, token count)."""
    texts = [decode(p.read_bytes(), p) for p in paths]
    out: dict[str, list[Span]] = {}
    tokens = 0
    for path, doc in zip(paths, nlp.pipe(texts, batch_size=32), strict=True):  # type: ignore[attr-defined]
        tokens += len(doc)
        out[path.name] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    return out, tokens


def score(
    es: EvalSet, pred: dict[str, list[Span]]
) -> tuple[Counts, dict[str, list[tuple[str, str, Span]]]]:
    """Per-label (tp, fp, fn) and error samples ("FP"/"FN", file, span)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    samples: dict[str, list[tuple[str, str, Span]]] = defaultdict(list)
    gold_labels = {lab for spans in es.gold.values() for _, _, lab in spans}
    for name, gold_spans in es.gold.items():
        cut = header_end(es.texts[name])
        prod = {(s, e) for s, e, lab in gold_spans if lab == "PROD"}
        g = {(s, e, lab) for s, e, lab in gold_spans if s > cut and lab in SCORED}
        p = {(s, e, lab) for s, e, lab in pred.get(name, [])
             if s > cut and lab in SCORED and lab in gold_labels and (s, e) not in prod}
        for span in g & p:
            counts[span[2]][0] += 1
        for span in p - g:
            counts[span[2]][1] += 1
            samples["FP"].append(("FP", name, span))
        for span in g - p:
            counts[span[2]][2] += 1
            samples["FN"].append(("FN", name, span))
    return {lab: (c[0], c[1], c[2]) for lab, c in counts.items()}, samples


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def micro(counts: Counts) -> float:
    return prf(sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values()),
               sum(c[2] for c in counts.values()))[2]


def f1_of(extractor: EntityExtractor, es: EvalSet) -> float:
    return micro(score(es, run_ours(extractor, es.paths))[0])


def print_table(title: str, counts: Counts) -> None:
    print(f"\n{title}")
    print(f"  {'label':<6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for lab in SCORED:
        if lab not in counts:
            continue
        tp, fp, fn = counts[lab]
        p, r, f = prf(tp, fp, fn)
        print(f"  {lab:<6} {p:6.3f} {r:6.3f} {f:6.3f} {tp:5d} {fp:5d} {fn:5d}")
    print(f"  micro-F1 {micro(counts):.3f}")


def print_errors(es: EvalSet, samples: dict[str, list[tuple[str, str, Span]]],
                 pred: dict[str, list[Span]], n: int) -> None:
    """Error samples with the overlapping span of the other side, to see boundary faults."""
    for kind in ("FP", "FN"):
        items = samples.get(kind, [])
        print(f"\n{es.name} {kind} ({len(items)}), first {n}:")
        other_side = es.gold if kind == "FP" else pred
        for _, name, (s, e, lab) in items[:n]:
            text = es.texts[name]
            other = [f"{text[a:b]!r}/{ol}" for a, b, ol in other_side.get(name, [])
                     if a < e and s < b]
            ctx = text[max(0, s - 25):e + 25].replace("\n", " ")
            print(f"  {name} {lab:<4} {text[s:e]!r:<32} other={other} | …{ctx}…")
