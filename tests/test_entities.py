"""Entity extraction with the real model (slow: one extractor shared by the module)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SEED_FILE, SEEDS, running

from reader.core.entities.extractor import (
    LABELS,
    ArticleEntities,
    Entity,
    EntityExtractor,
    file_entities,
)
from reader.core.library.parser import decode, parse_text, read_article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor() -> Iterator[EntityExtractor]:
    ex = EntityExtractor()
    ex.load()
    yield ex


@pytest.fixture(scope="module")
def seed_entities(extractor: EntityExtractor) -> tuple[object, ArticleEntities]:
    article = read_article(SEED_FILE)
    return article, extractor.extract_article(article)


def _find(ents: tuple[Entity, ...] | list[Entity], text: str) -> list[Entity]:
    return [e for e in ents if e.text == text]


def test_construction_is_cheap_and_version_names_model() -> None:
    ex = EntityExtractor()
    assert ex.model_name == "fr_core_news_md"
    assert ex._nlp is None  # not loaded by the constructor
    assert ex.version.startswith("fr_core_news_md-")
    assert "+rules" in ex.version


def test_load_is_idempotent(extractor: EntityExtractor) -> None:
    nlp = extractor.nlp
    extractor.load()
    assert extractor.nlp is nlp
    assert nlp.pipe_names == ["ner"]  # md's ner embeds its own tok2vec


def test_seed_entities(seed_entities: tuple[object, ArticleEntities]) -> None:
    article, ents = seed_entities
    body = ents.body
    assert all(e.label in LABELS for e in body)
    assert _find(body, "Antony Blinken")[0].label == "PER"
    assert _find(body, "Kiev") and all(e.label == "LOC" for e in _find(body, "Kiev"))
    otan = _find(body, "OTAN")
    assert otan and all(e.label == "ORG" for e in otan)
    assert not [e for e in body if "OTAN" in e.text and e.text != "OTAN"]
    assert not [e for e in body if "qu’" in e.text or "qu'" in e.text]
    for e in body:  # offsets point at the text
        assert article.text[e.start:e.end] == e.text  # type: ignore[attr-defined]
        assert e.text == e.text.strip(" «»\"“”'’.,;:")


def test_seed_caption_and_source(seed_entities: tuple[object, ArticleEntities]) -> None:
    article, ents = seed_entities
    assert [(e.text, e.label) for e in ents.caption] == [
        ("Jens Stoltenberg", "PER"), ("OTAN", "ORG")]
    assert [(e.text, e.label) for e in ents.source] == [("AFP", "ORG")]
    # same key for the caption's OTAN and the body's l'OTAN
    assert {e.key for e in ents.body if e.text in ("OTAN", "L’OTAN")} == {"otan"}
    rows = file_entities(article, ents)  # type: ignore[arg-type]
    full = decode(SEED_FILE.read_bytes(), SEED_FILE)
    for start, end, _label, text in rows:
        assert full[start:end] == text
    header = [r for r in rows if r[0] < full.index("\n")]
    assert [(r[3], r[2]) for r in header] == [
        ("Jens Stoltenberg", "PER"), ("OTAN", "ORG"), ("AFP", "ORG")]


def test_seed_dates_and_quantities(seed_entities: tuple[object, ArticleEntities]) -> None:
    _, ents = seed_entities
    assert ("150.000 personnes", "QUANTITY") in {(e.text, e.label) for e in ents.body}


def test_document_consistency(extractor: EntityExtractor) -> None:
    text = ("Le ministre Jean Dupont a parlé longuement devant les députés. "
            "Il a été applaudi. Plus tard, M. Dupont a ajouté que rien ne changerait. "
            "Selon Dupont, la réforme sera votée.")
    ents = extractor.extract(text)
    persons = [e for e in ents if e.label == "PER"]
    texts = [e.text for e in persons]
    assert "Jean Dupont" in texts
    assert "M. Dupont" not in texts  # a person span is the name
    assert texts.count("Dupont") >= 2
    assert len({e.key for e in persons}) == 1
    assert persons[0].key == "jean dupont"


def test_caption_and_body_share_labels(extractor: EntityExtractor) -> None:
    text = (" date 2024-05 Marc Lenoir à Bruxelles (Reuters)\n\n"
            "Marc Lenoir, président de la Commission, est arrivé à Bruxelles mardi. "
            "M. Lenoir a rencontré les ministres.\n")
    article = parse_text(text, "x.txt")
    ents = extractor.extract_article(article)
    caption = {(e.text, e.label) for e in ents.caption}
    assert ("Marc Lenoir", "PER") in caption
    assert ("Bruxelles", "LOC") in caption
    keys = {e.key for e in ents.body + ents.caption if "Lenoir" in e.text}
    assert keys == {"marc lenoir"}
    assert [e.text for e in ents.source] == ["Reuters"]


def test_dates_in_text(extractor: EntityExtractor) -> None:
    text = ("Le traité fut signé le 1er janvier 1937 à Genève. La loi du 28 mai 2024 "
            "entre en vigueur en mai 2024. En 1937, 150.000 personnes ont manifesté.")
    got = {(e.text, e.label) for e in extractor.extract(text)}
    assert ("1er janvier 1937", "DATE") in got
    assert ("28 mai 2024", "DATE") in got
    assert ("mai 2024", "DATE") in got
    assert ("1937", "DATE") in got
    assert ("150.000 personnes", "QUANTITY") in got
    assert ("Genève", "LOC") in got


def test_boundaries_in_text(extractor: EntityExtractor) -> None:
    text = "« Nous soutenons l’Ukraine », a déclaré le porte-parole de l’OTAN à Paris."
    got = extractor.extract(text)
    assert all(not e.text.startswith(("l’", "l'", "«", " ")) for e in got)
    assert ("Ukraine", "LOC") in {(e.text, e.label) for e in got}
    assert ("OTAN", "ORG") in {(e.text, e.label) for e in got}


def test_extract_articles_batches_in_order(extractor: EntityExtractor) -> None:
    cities = ["Lyon", "Marseille", "Lille", "Nantes", "Toulouse"]
    articles = [parse_text(f" date 2024 Titre {i} (AFP)\n\nLe président Emmanuel Macron "
                           f"était à {city} mardi.\n", f"{i}.txt")
                for i, city in enumerate(cities)]
    results = list(extractor.extract_articles(articles, batch_size=2))
    assert len(results) == 5
    for article, ents, city in zip(articles, results, cities, strict=True):
        assert all(article.text[e.start:e.end] == e.text for e in ents.body)
        assert (city, "LOC") in {(e.text, e.label) for e in ents.body}


def test_cli_output_on_seed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from reader.entities_cli import main

    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01binary")
    code = main([str(SEED_FILE), str(broken), "--cache-dir", str(tmp_path / "cache")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "broken.txt" in err
    lines = out.splitlines()
    assert len(lines) == 1
    row = json.loads(lines[0])
    assert row["file"] == SEED_FILE.name
    full = decode(SEED_FILE.read_bytes(), SEED_FILE)
    for start, end, label, text in row["entities"]:
        assert full[start:end] == text
        assert label in LABELS
    assert [e[3] for e in row["entities"]][:3] == ["Jens Stoltenberg", "OTAN", "AFP"]
    # second run is served by the cache and prints the same
    assert main([str(SEED_FILE), "--cache-dir", str(tmp_path / "cache")]) == 0
    out2, _ = capsys.readouterr()
    assert out2 == out


def test_cli_as_subprocess(tmp_path: Path) -> None:
    env = dict(os.environ, READER_CACHE_DIR=str(tmp_path / "cache"))
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    proc = subprocess.run([sys.executable, "-m", "reader", "entities", *seeds],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["file"] for r in rows] == [Path(s).name for s in seeds]
    assert ["Antony Blinken", "PER"] in [[e[3], e[2]] for e in rows[0]["entities"]]


def test_common_words_are_not_names(extractor: EntityExtractor) -> None:
    text = ("Bonjour, monsieur le maire. Assassinat du président à Lyon.\n"
            "TOMBÉ DE SA FENÊTRE\nUn ouvrier est tombé hier soir en Suisse.")
    got = {e.text for e in extractor.extract(text)}
    assert not {"Bonjour", "Assassinat", "TOMBÉ DE SA FENÊTRE", "TOMBÉ DE"} & got
    assert {(e.text, e.label) for e in extractor.extract(text)} >= {("Suisse", "LOC")}


def test_titled_person_and_rank(extractor: EntityExtractor) -> None:
    text = ("Le prince de Bismarck a reçu M. le député Rouvier. Plus tard, M. Rouvier "
            "est reparti pour Berlin.")
    got = {(e.text, e.label) for e in extractor.extract(text)}
    assert ("de Bismarck", "PER") in got or ("Bismarck", "PER") in got
    assert ("Rouvier", "PER") in got  # "M. le député Rouvier": the name only
    assert not {t for t, _ in got if t.startswith("M.")}


def test_known_places_in_headlines_and_brackets(extractor: EntityExtractor) -> None:
    text = ("Le conseil se réunira lundi.  PÉROU Des nouvelles arrivent de la capitale.\n"
            "Une conférence aura lieu à Épernay (Marne) la semaine prochaine.")
    found = {(e.text, e.label) for e in extractor.extract(text)}
    assert ("PÉROU", "LOC") in found
    assert ("Marne", "LOC") in found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states in /proc")
def test_process_extractor_matches_in_process_and_reports_a_dead_child(
        seed_entities: tuple[object, ArticleEntities], qtbot: object) -> None:
    import multiprocessing

    from reader.core.entities.process import EntityProcessError, ProcessExtractor

    article, expected = seed_entities
    before = {p.pid for p in multiprocessing.active_children()}
    ner = ProcessExtractor()
    try:
        assert ner.extract_article(article) == expected  # type: ignore[arg-type]
        children = [p for p in multiprocessing.active_children() if p.pid not in before]
        assert len(children) == 1
        children[0].kill()  # out of memory, killed by the user…
        children[0].join(10)
        with pytest.raises(EntityProcessError, match="stopped"):
            ner.extract_article(article)  # type: ignore[arg-type]
        assert ner.extract_article(article) == expected  # type: ignore[arg-type]  # restarted
        ours = [p.pid for p in multiprocessing.active_children()
                if p.pid not in before and p.pid != children[0].pid]
        assert ours and all(running(pid) for pid in ours)
    finally:
        ner.close()
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: not any(running(pid) for pid in ours + [children[0].pid]), timeout=10_000)
    with pytest.raises(EntityProcessError, match="closed"):
        ner.load()


def test_acronyms_firms_and_assemblies_are_organisations(extractor: EntityExtractor) -> None:
    text = ("Au Sénat, le débat a repris hier soir. La maison Lebrun & Cie a déposé son bilan. "
            "Les délégués de la FNTP se réuniront jeudi.")
    labels = {e.text: e.label for e in extractor.extract(text)}
    assert labels.get("Sénat") == "ORG"
    assert labels.get("FNTP") == "ORG"
    assert any(label == "ORG" and "Lebrun & Cie" in name for name, label in labels.items())
