"""The training command on a tiny sample, the trained component's place in the cache key,
and the cold (model) and warm (cache only, no spaCy) start paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_FILE

from reader.core.entities.extractor import NER_DIR, EntityExtractor, component_hash
from reader.train import DATA_DIRS, load_paragraphs, paragraphs

pytestmark = pytest.mark.slow


def test_paragraphs_keep_gold_offsets() -> None:
    text = " date 2024-05 Titre (AFP)\n\nM. Dupont à Paris.\n\n  Le Figaro dit.\n"
    gold = [(30, 36, "PER"), (39, 44, "LOC"), (49, 58, "PROD")]
    paras = paragraphs(text, gold)
    assert [(p.text, [p.text[s:e] + "/" + lab for s, e, lab in p.spans]) for p in paras] == [
        ("M. Dupont à Paris.", ["Dupont/PER", "Paris/LOC"]),
        ("Le Figaro dit.", ["Le Figaro/MISC"]),
    ]


def test_training_data_is_cc_by_newseye_only() -> None:
    for directory in DATA_DIRS:
        assert directory.parent.name == "train" and directory.name.startswith("newseye")
    assert (DATA_DIRS[0].parent / "NOTICE").exists()
    assert len(load_paragraphs(DATA_DIRS, limit=1)) > 2


def _train_tiny(out: Path) -> dict[str, object]:
    subprocess.run(
        [sys.executable, "-m", "reader.train", "--data", str(DATA_DIRS[1]), "--limit", "2",
         "--epochs", "1", "--out", str(out)],
        cwd=ROOT, check=True, capture_output=True, timeout=600)
    return dict(json.loads((out / "training.json").read_text(encoding="utf-8")))


def test_training_command_on_a_tiny_sample(tmp_path: Path) -> None:
    out = tmp_path / "ner"
    record = _train_tiny(out)
    assert _train_tiny(tmp_path / "again")["hash"] == record["hash"]  # fixed seed
    assert record["params"] == {**record["params"], "epochs": 1, "seed": 0}
    assert record["limit"] == 2
    assert record["hash"] == component_hash(out)
    assert not (out / "vocab").exists()  # md's vocabulary is used, not a copy
    ex = EntityExtractor(ner=out)
    assert f"+ner-{record['hash']}" in ex.version
    assert ex.version != EntityExtractor(ner=None).version
    ents = ex.extract("Le président Emmanuel Macron est arrivé à Berlin.")
    assert all(e.label in ("PER", "LOC", "ORG", "MISC", "DATE", "QUANTITY") for e in ents)


def test_shipped_component_is_the_default_and_in_the_cache_key() -> None:
    assert (NER_DIR / "model").is_file() and (NER_DIR / "MODEL_CARD.md").is_file()
    ex = EntityExtractor()
    assert ex.ner_dir == NER_DIR
    assert f"+ner-{component_hash(NER_DIR)}" in ex.version


def test_missing_component_falls_back_to_the_stock_ner(tmp_path: Path) -> None:
    ex = EntityExtractor(ner=tmp_path / "nowhere")
    assert ex.ner_dir is None and "+ner-" not in ex.version


def test_cold_then_warm_start(tmp_path: Path) -> None:
    """Cold: empty cache, the model runs; warm: the same command answers from the cache
    without importing spaCy."""
    cache = tmp_path / "cache"
    code = (
        "import sys, io, contextlib\n"
        "from reader.entities_cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    rc = main([{str(SEED_FILE)!r}, '--cache-dir', {str(cache)!r}])\n"
        "print(rc, 'spacy' in sys.modules, out.getvalue().count('\\n'))\n"
    )

    def run() -> list[str]:
        proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                              capture_output=True, text=True, timeout=600)
        return proc.stdout.split()

    assert run() == ["0", "True", "1"]
    assert run() == ["0", "False", "1"]


def test_started_child_writes_and_reuses_the_tables(tmp_path: Path) -> None:
    """The model child loads with the cache directory: the first start writes the
    gazetteer and lexicon tables (its builder or the child, whichever is first), the next
    reads them."""
    from reader.core.entities.process import ProcessExtractor
    from reader.core.library.parser import read_article

    article = read_article(SEED_FILE)
    results = []
    for _ in range(2):
        ner = ProcessExtractor(cache_dir=tmp_path)
        try:
            assert ner.load() == EntityExtractor(cache_dir=tmp_path).version
            results.append(ner.extract_article(article))
        finally:
            ner.close()
        names = sorted(p.name.split("-")[0] for p in tmp_path.iterdir())
        assert names == ["gazetteer", "lexicon", "lexicon"]
    assert results[0] == results[1]
