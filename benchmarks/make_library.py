"""Generate a synthetic library of N articles in the seed format, deterministically.

Real French paragraphs (the project's ``seeds/`` and, when present, the shared corpus read
*by path* at run time, never copied into the repository) are cut into sentences and
recombined into new articles with varied dates (day/month/year precision, ISO or French
month names, some undated), sources, captions and section headings.  The output goes
outside the repository (e.g. ``/tmp``).

    python benchmarks/make_library.py 10000 /tmp/lib10k [--seed 1] [--broken 5]

``--broken K`` adds K unreadable files (empty, binary, undecodable, no text after the
header, and one 100 MB file — sparse, so it costs no disk) for the bad-input test.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

from reader.core.library.dates import MONTH_NAMES_FR  # noqa: E402
from reader.core.library.parser import ParseError, parse_text  # noqa: E402

SOURCES = ["AFP", "Reuters", "AP", "Le Monde", "Libération", "Le Figaro", "Ouest-France",
           "La Croix", "Les Échos", "France Info", "Belga", "ATS", "Le Temps", "L'Humanité"]
HEADINGS = ["Une situation tendue", "Réactions internationales", "Ce que l'on sait",
            "Les enjeux économiques", "Un précédent historique", "La réponse du gouvernement",
            "Vers une sortie de crise ?", "Témoignages", "Le contexte", "Et maintenant",
            "Une décision contestée", "Les chiffres clés"]
FILES_PER_DIR = 1000
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ«“])")
BIG_FILE_BYTES = 100 * 1024 * 1024


def load_pool(sources: list[Path]) -> tuple[list[str], list[str], list[str]]:
    """Sentences, whole paragraphs and headings from every readable ``*.txt`` in sources."""
    sentences: list[str] = []
    paragraphs: list[str] = []
    headings: list[str] = list(HEADINGS)
    for folder in sources:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.txt")):
            try:
                article = parse_text(path.read_text(encoding="utf-8"), path)
            except (OSError, UnicodeDecodeError, ParseError):
                continue
            for block in article.blocks:
                if block.kind == "heading":
                    headings.append(block.text)
                    continue
                paragraphs.append(block.text)
                sentences.extend(s for s in _SENTENCE.split(block.text) if len(s) > 20)
    if not paragraphs:
        raise SystemExit("no source paragraphs found (seeds/ missing?)")
    return sentences, paragraphs, headings


def random_date(rng: random.Random) -> str:
    year = rng.randint(1990, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    kind = rng.random()
    if kind < 0.05:
        return "unknown"
    if kind < 0.40:
        return f"{year}-{month:02d}-{day:02d}"
    if kind < 0.65:
        return f"{year}-{month:02d}"
    if kind < 0.75:
        return str(year)
    if kind < 0.92:
        return f"{'1er' if day == 1 else day} {MONTH_NAMES_FR[month - 1]} {year}"
    return f"{MONTH_NAMES_FR[month - 1]} {year}"


def make_article(rng: random.Random, sentences: list[str], paragraphs: list[str],
                 headings: list[str]) -> str:
    n_paragraphs = rng.choice([2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 10, 14])
    if rng.random() < 0.005:
        n_paragraphs = rng.randint(40, 120)  # the occasional very long article
    body: list[str] = []
    for i in range(n_paragraphs):
        if i and rng.random() < 0.15:
            body.append(rng.choice(headings))
        if rng.random() < 0.3:
            body.append(rng.choice(paragraphs))
        else:
            body.append(" ".join(rng.choice(sentences) for _ in range(rng.randint(1, 5))))
    first_words = " ".join(body[0].split()[: rng.randint(3, 9)]).rstrip(",;:.")
    caption = rng.choice(headings) if rng.random() < 0.4 else first_words
    caption = caption.replace("(", "").replace(")", "")
    source = rng.choice(SOURCES)
    header = f" date {random_date(rng)} {caption} ({source})"
    return header + "\n\n" + "\n\n".join(body) + "\n"


def write_broken(out: Path, count: int) -> list[Path]:
    """``count`` unreadable files of every kind; the 100 MB one is written once."""
    folder = out / "broken"
    folder.mkdir(parents=True, exist_ok=True)
    kinds = ["empty", "binary", "latin1", "header_only", "big"]
    written: list[Path] = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        path = folder / f"broken_{i:03d}_{kind}.txt"
        if kind == "empty":
            path.write_bytes(b"")
        elif kind == "binary":
            path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
        elif kind == "latin1":
            path.write_bytes(" date 2024-05 Élève (AFP)\n\nÉté très chaud à Paris.\n"
                             .encode("latin-1"))
        elif kind == "header_only":
            path.write_text(" date 2024-05 Rien ensuite (AFP)\n\n", encoding="utf-8")
        elif not any(p.name.endswith("_big.txt") for p in written):
            with path.open("wb") as fh:  # sparse: 100 MB on paper, nothing on disk
                fh.truncate(BIG_FILE_BYTES)
        else:
            path.write_bytes(b"\x00" * 64)
        written.append(path)
    return written


def generate(count: int, out: Path, *, seed: int = 1, broken: int = 0,
             corpus: Path = DEFAULT_CORPUS) -> None:
    rng = random.Random(seed)
    sentences, paragraphs, headings = load_pool([ROOT / "seeds", corpus])
    out.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text = make_article(rng, sentences, paragraphs, headings)
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()
        folder = out / f"{n // FILES_PER_DIR:03d}"
        if n % FILES_PER_DIR == 0:
            folder.mkdir(exist_ok=True)
        (folder / f"{n:06d}_{digest}.txt").write_text(text, encoding="utf-8")
    if broken:
        write_broken(out, broken)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("count", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--broken", type=int, default=0, metavar="K")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)
    generate(args.count, args.out, seed=args.seed, broken=args.broken, corpus=args.corpus)
    print(f"wrote {args.count} articles{f' + {args.broken} broken files' if args.broken else ''}"
          f" to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
