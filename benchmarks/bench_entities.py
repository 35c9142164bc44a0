"""Entity accuracy (cross-set) and speed of Reader's entities against raw spaCy.

    python benchmarks/bench_entities.py [--ablation] [--errors N] [--repeat N] [--retrain]

Sets (see entity_sets.py; the shared corpora are read by path, never copied):
``corpus`` (104 texts: ``corpus-newseye`` CC BY and ``corpus-letemps`` NC), ``corpus2`` (133
NewsEye texts, CC BY) and ``modern`` (the project's own modern French news sentences, a guard
against forgetting: benchmarks/data/modern).

Models, all ``fr_core_news_md``'s ner with its vocabulary and vectors:

- ``stock``: the ner as shipped by spaCy;
- ``A``: trained (``reader.train``, same parameters as the shipped one) on
  ``data/train/newseye_devtest`` = corpus2 only; fair on corpus/ and modern;
- ``B``: trained on ``data/train/newseye_dev2`` = the newseye files of corpus/ only; fair on
  corpus2, corpus-letemps and modern;
- ``shipped``: ``reader/models/ner`` (trained on both CC BY parts); fair on corpus-letemps and
  modern only.

A and B are trained on the first run (about a minute each) and kept in
``~/.cache/reader-bench/`` under a digest of their data and parameters.

Per set and fair model: ``raw`` (the model, no rules: what spaCy alone gives), ``rules``
(stock model + Reader's steps: the previous Reader), ``trained`` (fold model, no rules beyond
its input truecasing), ``ours`` (fold model + Reader's default steps).  ``--ablation`` adds
"trained + one rule" for every rule: a rule is kept in the default steps only if it helps on
top of the trained model on more than one set.  Throughput: the same tokens per second of
raw spaCy (tok2vec + stock ner, ``nlp.pipe`` over the file texts) and of ``reader entities``'
code path with the shipped model, best of ``--repeat`` interleaved runs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from entity_sets import (
    ROOT,
    EvalSet,
    f1_of,
    micro,
    print_errors,
    print_table,
    run_ours,
    run_raw,
    score,
    standard_sets,
)

from reader.core.entities.extractor import ALL_STEPS, STEPS, UNMEASURED_STEPS, EntityExtractor
from reader.train import DATA_DIRS, OUT_DIR, TrainParams, train

CACHE = Path.home() / ".cache" / "reader-bench"
TRUECASE_ONLY = ("truecase",)  # the trained models learnt from truecased text
# Not rules under test: the model's input, the word list other rules read, the convention
BASE_STEPS = ("truecase", "lexicon", "names")
# (model, set) pairs where the model never saw the set: the cross-set validation
FAIR = {
    "A": ("corpus", "corpus-newseye", "corpus-letemps", "modern"),
    "B": ("corpus2", "corpus-letemps", "modern"),
    "shipped": ("corpus-letemps", "modern"),
    "stock": ("corpus", "corpus-newseye", "corpus-letemps", "corpus2", "modern"),
}
# Where the rules are judged: one fair (model, set) pair per set
ABLATION = (("A", "corpus-newseye"), ("A", "corpus-letemps"), ("B", "corpus2"),
            ("shipped", "modern"))
TARGETS = (("A", "corpus", 0.72), ("B", "corpus2", 0.65))


class MemoNlp:
    """The model's docs of each text computed once per run: the ablation's many runs
    differ only in their rules."""

    def __init__(self, nlp: Any) -> None:
        self.nlp, self.pipe_names, self.memo = nlp, nlp.pipe_names, {}

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> list[Any]:
        texts = list(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self.memo]
        for text, doc in zip(missing, self.nlp.pipe(missing, batch_size=batch_size),
                             strict=True):
            self.memo[text] = doc
        return [self.memo[t] for t in texts]


def fold_model(name: str, data: Path, retrain: bool) -> Path:
    """A fold model trained on ``data`` alone with the shipped parameters (cached)."""
    digest = hashlib.sha256(json.dumps(TrainParams().__dict__, default=str).encode())
    digest.update((ROOT / "reader" / "train.py").read_bytes())
    for f in sorted(data.iterdir()):
        digest.update(f.name.encode() + f.read_bytes())
    out = CACHE / f"ner-{name}-{digest.hexdigest()[:12]}"
    if retrain or not (out / "model").exists():
        print(f"training fold model {name} on {data.name} -> {out}", flush=True)
        train([data], out)
    return out


def timed(fn: object, *args: object) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn(*args)  # type: ignore[operator]
    return time.perf_counter() - t0, result


def throughput(es: EvalSet, repeat: int) -> None:
    import spacy

    raw_nlp = spacy.load("fr_core_news_md", exclude=[
        "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"])
    t_load, ours = timed(lambda: (e := EntityExtractor(), e.load(), e)[2])
    print(f"\nthroughput on {es.name}: pipes raw {raw_nlp.pipe_names}, ours "
          f"{ours.nlp.pipe_names} ({ours.version}, loaded in {t_load:.1f}s)")
    run_raw(raw_nlp, es.paths[:4])  # warm-up
    best_raw = best_ours = float("inf")
    tokens = 0
    for _ in range(max(1, repeat)):
        t, (_, tokens) = timed(run_raw, raw_nlp, es.paths)  # type: ignore[misc]
        best_raw = min(best_raw, t)
        t, _ = timed(run_ours, ours, es.paths)
        best_ours = min(best_ours, t)
    raw_tps, ours_tps = tokens / best_raw, tokens / best_ours
    print(f"  {tokens} tokens, best of {repeat}: raw {raw_tps:,.0f} tok/s, ours "
          f"{ours_tps:,.0f} tok/s, ratio ours/raw {ours_tps / raw_tps:.2f} (target >= 0.8)")


def ablation(sets: dict[str, EvalSet], extractor: Any) -> None:
    """Per rule and fair (model, set) pair: what the rule adds alone on top of the trained
    model with the convention (add-one), and what removing it from all the rules costs
    (leave-one-out).  A rule is kept if it helps alone on more than one set."""
    pairs = [(m, s) for m, s in ABLATION if s in sets]
    base = {p: f1_of(extractor(p[0], BASE_STEPS), sets[p[1]]) for p in pairs}
    full = {p: f1_of(extractor(p[0], ALL_STEPS), sets[p[1]]) for p in pairs}
    print("\nablation, per fair model/set: trained + convention "
          + ", ".join(f"{m}/{s} {base[(m, s)]:.3f}" for m, s in pairs)
          + "; + all rules " + ", ".join(f"{full[p]:.3f}" for p in pairs))
    print("  delta of one rule added to the trained model (add-one) | removed from all (LOO)")
    print(f"  {'rule':<11} " + " ".join(f"{m + '/' + s:>17}" for m, s in pairs)
          + " | " + " ".join(f"{s[:9]:>9}" for _, s in pairs) + "  helps")
    keep = []
    for rule in ALL_STEPS:
        if rule in BASE_STEPS:
            continue
        add = [f1_of(extractor(m, set(BASE_STEPS) | {rule}), sets[s]) - base[(m, s)]
               for m, s in pairs]
        loo = [full[(m, s)] - f1_of(extractor(m, [r for r in ALL_STEPS if r != rule]), sets[s])
               for m, s in pairs]
        helps = sum(d > 0.0005 for d in add)  # the printed precision
        if helps > 1 or rule in UNMEASURED_STEPS:
            keep.append(rule)
        print(f"  {rule:<11} " + " ".join(f"{d:+17.3f}" for d in add) + " | "
              + " ".join(f"{d:+9.3f}" for d in loo)
              + f"  {helps} {'keep' if rule in keep else 'drop'}"
              + (" (unmeasured)" if rule in UNMEASURED_STEPS else "")
              + ("" if (rule in STEPS) == (rule in keep) else "  (differs from STEPS)"),
              flush=True)
    kept = [*BASE_STEPS, *keep]
    print("  kept rules: " + ", ".join(f"{m}/{s} {f1_of(extractor(m, kept), sets[s]):.3f}"
                                      for m, s in pairs))


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print N FP/FN samples of ours per set")
    ap.add_argument("--ablation", action="store_true", help="trained + each rule, per set")
    ap.add_argument("--repeat", type=int, default=2, help="timed runs of each side (best kept)")
    ap.add_argument("--retrain", action="store_true", help="retrain the fold models")
    args = ap.parse_args(list(argv) if argv is not None else None)

    sets = standard_sets()
    print("sets: " + ", ".join(f"{n} ({len(s.gold)} files)" for n, s in sets.items()))
    dirs = {"A": DATA_DIRS[0], "B": DATA_DIRS[1]}
    ner = {"stock": None, "shipped": OUT_DIR}
    ner.update({k: fold_model(k, d, args.retrain) for k, d in dirs.items()})
    base = {k: EntityExtractor(ner=v, steps=()) for k, v in ner.items()}
    for ex in base.values():
        ex.load()
        ex._nlp = MemoNlp(ex._nlp)

    def extractor(model: str, steps: Iterable[str]) -> EntityExtractor:
        return base[model].with_steps(list(steps))

    results: dict[tuple[str, str, str], float] = {}
    for set_name, es in sets.items():
        print(f"\n== {set_name} ({len(es.gold)} files)")
        rows = [("raw", "stock", ()), ("rules", "stock", STEPS)]
        for model in ("A", "B", "shipped"):
            if set_name in FAIR[model]:
                rows += [("trained", model, TRUECASE_ONLY), ("ours", model, STEPS)]
        for kind, model, steps in rows:
            ex = extractor(model, steps)
            pred = run_ours(ex, es.paths)
            counts, samples = score(es, pred)
            f1 = results[(set_name, model, kind)] = micro(counts)
            per = "  ".join(f"{lab} {2 * c[0] / max(1, 2 * c[0] + c[1] + c[2]):.3f}"
                            for lab, c in sorted(counts.items()))
            print(f"  {kind:<8} {model:<8} micro-F1 {f1:.3f}   ({per})")
            if args.errors and kind == "ours":
                print_table(f"{set_name}, {model} + rules", counts)
                print_errors(es, samples, pred, args.errors)
    print("\ntargets:")
    for model, set_name, goal in TARGETS:
        if (set_name, model, "ours") in results:
            f1 = results[(set_name, model, "ours")]
            print(f"  {set_name} with model {model} (never trained on it) + rules: {f1:.3f} "
                  f"(raw {results[(set_name, 'stock', 'raw')]:.3f}, target >= {goal}) "
                  f"{'ok' if f1 >= goal else 'MISSED'}")
    if ("modern", "shipped", "trained") in results:
        new, old = results[("modern", "shipped", "trained")], results[("modern", "stock", "raw")]
        print(f"  forgetting guard, modern: shipped {new:.3f} vs stock {old:.3f} "
              f"{'ok' if new >= old else 'WORSE'}")

    if args.ablation:
        ablation(sets, extractor)

    if "corpus" in sets:
        throughput(sets["corpus"], args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
