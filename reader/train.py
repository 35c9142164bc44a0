"""Train Reader's French-press ``ner`` component (``make model``).

    python -m reader.train [--data DIR ...] [--out DIR] [--epochs N] [--seed N] [--limit N]

Why: the stock ``fr_core_news_md`` learnt its names from Wikipedia (WikiNER) and tags old
press text poorly (``La guerre en`` MISC, titles inside person spans, OCR'd headlines); rules
on top of it gained little on held-out text.  Resuming the training of its ``ner`` on
annotated French press pages under CC BY 4.0 (``data/train/``, see its README) is the lever.

How (spaCy's own training API, everything fixed here and in :class:`TrainParams`):

- Examples are paragraphs of the training files (header line left out), shown to the model
  exactly as Reader shows them (:func:`reader.core.entities.extractor.model_text`: same
  apostrophes and truecasing, same length so offsets hold).
- Gold spans: PER/LOC/ORG as annotated in the names-only convention (``gold_core.jsonl``:
  a person span is the name), PROD (titles of papers and works) as MISC.
- Where the gold is silent, the stock model's own MISC predictions are kept as *silver*
  labels: the gold does not annotate MISC, so without them the model would unlearn MISC
  (events, works, demonyms) instead of just learning the press conventions.
- Only ``ner`` is trained; it has its own embedded tok2vec in ``fr_core_news_md`` (it does
  not listen to the shared ``tok2vec`` component), so the result is one self-contained
  component of ~6 MB that loads over md's vocabulary and vectors.
- ``spacy.util.fix_random_seed(seed)`` and a seeded shuffle: the same data, parameters and
  library versions give the same weights on the same machine.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from reader.core.entities.extractor import component_hash, model_text

log = logging.getLogger("reader.train")

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRS = (ROOT / "data" / "train" / "newseye_devtest", ROOT / "data" / "train" / "newseye_dev2")
BASE_MODEL = "fr_core_news_md"
# Where Reader loads the component from (package data; see extractor.NER_DIR)
OUT_DIR = Path(__file__).resolve().parent / "models" / "ner"

Span = tuple[int, int, str]


@dataclass(frozen=True)
class TrainParams:
    """Every knob of a training run; written into the component's ``training.json``."""

    epochs: int = 6
    batch_size: int = 16  # paragraphs per update
    dropout: float = 0.2
    seed: int = 0
    silver_labels: tuple[str, ...] = ("MISC",)  # stock predictions kept where gold is silent
    prod_as: str = "MISC"  # gold PROD (titles of papers and works) trained as this label


@dataclass(frozen=True)
class Paragraph:
    text: str
    spans: tuple[Span, ...]  # offsets into text


def read_gold_dir(directory: Path) -> list[tuple[str, str, list[Span]]]:
    """(file name, file text, gold spans) of one data directory's ``gold_core.jsonl``."""
    out: list[tuple[str, str, list[Span]]] = []
    with (directory / "gold_core.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            text = (directory / row["file"]).read_text(encoding="utf-8")
            out.append((row["file"], text, [(int(s), int(e), str(lab))
                                            for s, e, lab in row["entities"]]))
    return out


def paragraphs(text: str, spans: Iterable[Span], prod_as: str = "MISC") -> list[Paragraph]:
    """The file's paragraphs after its header line, with the gold spans inside each one."""
    spans = sorted(spans)
    out: list[Paragraph] = []
    pos = text.find("\n") + 1 if "\n" in text else len(text)
    while pos < len(text):
        end = text.find("\n\n", pos)
        end = len(text) if end < 0 else end
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            start = pos + lead
            inside = tuple((s - start, e - start, prod_as if lab == "PROD" else lab)
                           for s, e, lab in spans if start <= s and e <= start + len(body))
            out.append(Paragraph(body, inside))
        pos = end + 2
    return out


def load_paragraphs(dirs: Sequence[Path], prod_as: str = "MISC",
                    limit: int | None = None) -> list[Paragraph]:
    """All paragraphs of the data directories (the first ``limit`` files of each)."""
    out: list[Paragraph] = []
    for directory in dirs:
        files = read_gold_dir(directory)
        for _, text, spans in files[:limit] if limit else files:
            out.extend(paragraphs(text, spans, prod_as))
    return out


def _model_text(text: str) -> str:
    return model_text(text)


def add_silver(nlp: Any, paras: list[Paragraph], labels: Sequence[str]) -> list[Paragraph]:
    """Keep the stock model's predictions of ``labels`` that overlap no gold span."""
    if not labels:
        return paras
    out: list[Paragraph] = []
    texts = [_model_text(p.text) for p in paras]
    for para, doc in zip(paras, nlp.pipe(texts, batch_size=64), strict=True):
        extra = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in labels
                 and not any(e.start_char < ge and gs < e.end_char for gs, ge, _ in para.spans)]
        out.append(Paragraph(para.text, tuple(sorted(para.spans + tuple(extra)))))
    return out


def load_base(model: str = BASE_MODEL) -> Any:
    """The base pipeline with only ``ner`` (its tok2vec is embedded)."""
    import spacy

    meta = spacy.util.get_model_meta(spacy.util.get_package_path(model))
    exclude = [p for p in meta.get("components", meta["pipeline"]) if p != "ner"]
    return spacy.load(model, exclude=exclude)


def make_examples(nlp: Any, paras: list[Paragraph]) -> list[Any]:
    """spaCy Examples: tokens outside every span are O (the gold is exhaustive for its labels);
    a span that does not fall on token boundaries is left unknown ("-")."""
    from spacy.training import Example, offsets_to_biluo_tags

    examples = []
    misaligned = 0
    with warnings.catch_warnings():  # W030 once per paragraph: counted and logged instead
        warnings.simplefilter("ignore", UserWarning)
        for para in paras:
            doc = nlp.make_doc(_model_text(para.text))
            tags = offsets_to_biluo_tags(doc, list(para.spans), missing="O")
            misaligned += sum(t == "-" for t in tags)
            examples.append(Example.from_dict(doc, {"entities": tags}))
    log.info("%d tokens of spans off token boundaries left unknown", misaligned)
    return examples


def train(
    dirs: Sequence[Path], out: Path | None, params: TrainParams = TrainParams(),
    limit: int | None = None, base_model: str = BASE_MODEL,
) -> Any:
    """Resume training of the base model's ``ner``; save it to ``out`` (if given) and return
    the trained pipeline (``ner`` only)."""
    import spacy
    from spacy.util import minibatch

    spacy.util.fix_random_seed(params.seed)
    t0 = time.perf_counter()
    nlp = load_base(base_model)
    paras = load_paragraphs(dirs, params.prod_as, limit)
    paras = add_silver(nlp, paras, params.silver_labels)
    examples = make_examples(nlp, paras)
    log.info("%d paragraphs, %d spans from %s", len(paras),
             sum(len(p.spans) for p in paras), ", ".join(str(d) for d in dirs))
    rng = random.Random(params.seed)
    optimizer = nlp.resume_training()
    for epoch in range(params.epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=params.batch_size):
            nlp.update(batch, drop=params.dropout, sgd=optimizer, losses=losses)
        log.info("epoch %d: loss %.1f (%.0fs)", epoch + 1, losses.get("ner", 0.0),
                 time.perf_counter() - t0)
    if out is not None:
        save(nlp, out, params, dirs, limit, base_model, time.perf_counter() - t0)
    return nlp


def save(nlp: Any, out: Path, params: TrainParams, dirs: Sequence[Path], limit: int | None,
         base_model: str, seconds: float) -> None:
    """The ``ner`` component alone, plus ``training.json`` (what made it)."""
    import spacy

    out.mkdir(parents=True, exist_ok=True)
    nlp.get_pipe("ner").to_disk(out, exclude=["vocab"])  # md's vocabulary is used
    record = {
        "base_model": f"{base_model}-{nlp.meta.get('version', '?')}",
        "spacy": spacy.__version__,
        "params": asdict(params),
        "data": [_relative(d) for d in dirs],
        "limit": limit,
        "train_seconds": round(seconds, 1),
        "hash": component_hash(out),
    }
    (out / "training.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv: Sequence[str] | None = None) -> int:
    defaults = TrainParams()
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", action="append", type=Path, metavar="DIR",
                    help="directory with NNN.txt + gold_core.jsonl (repeatable; default: "
                         "data/train/*)")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--epochs", type=int, default=defaults.epochs)
    ap.add_argument("--batch-size", type=int, default=defaults.batch_size)
    ap.add_argument("--dropout", type=float, default=defaults.dropout)
    ap.add_argument("--seed", type=int, default=defaults.seed)
    ap.add_argument("--limit", type=int, default=None, metavar="N",
                    help="only the first N files of each directory (a quick check)")
    args = ap.parse_args(list(argv) if argv is not None else None)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    params = TrainParams(epochs=args.epochs, batch_size=args.batch_size,
                         dropout=args.dropout, seed=args.seed)
    dirs = args.data or list(DATA_DIRS)
    missing = [d for d in dirs if not (d / "gold_core.jsonl").exists()]
    if missing:
        log.error("no gold_core.jsonl in %s", ", ".join(map(str, missing)))
        return 2
    train(dirs, args.out, params, args.limit)
    log.info("saved to %s", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
