"""Library-wide extraction worker: resumable, cache-first, and model-free on a second run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.entities.batch import quick_version, run_batch, write_jobs
from reader.core.entities.cache import EntityCache
from reader.core.entities.extractor import ArticleEntities, Entity, EntityExtractor
from reader.core.entities.index import EntityIndex
from reader.core.library.parser import read_article

ARTICLES = {
    "a1": " date 2024-05-02 Antony Blinken à Kiev (AFP)\n\nAntony Blinken est arrivé à Kiev "
          "jeudi. Le secrétaire d'État Blinken a rencontré Volodymyr Zelensky.\n",
    "a2": " date 2024-05-03 Réunion à Bruxelles (AFP)\n\nLes ministres de l'OTAN se sont "
          "réunis à Bruxelles. Blinken a parlé de l'Ukraine.\n",
    "a3": " date 2024-06 Paris (AFP)\n\nEmmanuel Macron a reçu Olaf Scholz à Paris pour "
          "parler de l'Union européenne.\n",
}


def write_library(folder: Path) -> list[tuple[str, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    items = []
    for name, text in ARTICLES.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        items.append((str(path), read_article(path).content_hash))
    return items


class FakeExtractor:
    """Counts calls; one PER entity per article (the model is not the point here)."""

    calls = 0

    def __init__(self, model: str) -> None:
        self.version = quick_version(model)

    def load(self) -> None:
        pass

    def extract_articles(self, articles, batch_size=32):  # type: ignore[no-untyped-def]
        for a in articles:
            FakeExtractor.calls += 1
            name = a.caption.split(" ")[0]
            yield ArticleEntities((Entity(0, len(name), "PER", name, name.casefold()),), ())


def test_quick_version_matches_the_extractor_without_spacy() -> None:
    assert quick_version() == EntityExtractor().version
    code = ("import sys; from reader.core.entities.batch import quick_version; quick_version(); "
            "assert 'spacy' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_run_batch_is_resumable_and_cache_first(tmp_path: Path) -> None:
    items = write_library(tmp_path / "lib")
    cache_dir = tmp_path / "cache"
    version = quick_version()
    assert version is not None
    cache = EntityCache(cache_dir)  # a3 was opened in the reading pane already
    cache.put(items[2][1], version, ArticleEntities(
        (Entity(0, 5, "LOC", "Paris", "paris"),), ()))
    cache.close()
    FakeExtractor.calls = 0
    progress: list[tuple[int, int]] = []
    first = run_batch(items[:2] + items[2:] + [(str(tmp_path / "missing.txt"), "zz")],
                      cache_dir, extractor_factory=FakeExtractor,
                      progress=lambda d, t: progress.append((d, t)))
    assert (first.from_cache, first.extracted, first.skipped) == (1, 2, 0)
    assert first.problems and first.problems[0][0].endswith("missing.txt")
    assert progress[0] == (0, 4) and progress[-1] == (4, 4)
    assert FakeExtractor.calls == 2
    second = run_batch(items, cache_dir, extractor_factory=FakeExtractor)
    assert (second.skipped, second.extracted, second.model_loaded) == (3, 0, False)
    assert FakeExtractor.calls == 2
    index = EntityIndex(cache_dir)
    assert index.processed(version) == {h for _, h in items}
    index.close()


def test_cancelled_run_resumes(tmp_path: Path) -> None:
    items = write_library(tmp_path / "lib")
    first = run_batch(items, tmp_path / "cache", extractor_factory=FakeExtractor,
                      cancelled=lambda: True)
    assert first.cancelled and first.extracted == 0
    second = run_batch(items, tmp_path / "cache", extractor_factory=FakeExtractor)
    assert second.extracted == 3


@pytest.mark.slow
def test_worker_process_with_the_real_model(tmp_path: Path) -> None:
    items = write_library(tmp_path / "lib")
    cache_dir = tmp_path / "cache"
    jobs = cache_dir / "jobs.json"
    write_jobs(jobs, items)

    def run() -> dict[str, object]:
        proc = subprocess.run(
            [sys.executable, "-m", "reader.core.entities.batch", "--cache-dir", str(cache_dir),
             "--jobs", str(jobs)], capture_output=True, text=True, check=True, timeout=600)
        lines = proc.stdout.splitlines()
        assert lines[0] == "progress 0 3" or lines[0] == "progress 0 0"
        assert lines[-1].startswith("summary ")
        return json.loads(lines[-1][len("summary "):])

    first = run()
    assert first["extracted"] == 3 and first["spacy_imported"] is True
    version = quick_version()
    assert version is not None
    cache = EntityCache(cache_dir)
    assert all(cache.get(h, version) is not None for _, h in items)
    cache.close()
    index = EntityIndex(cache_dir)
    index.set_scope([type("R", (), {"id": Path(p).stem, "content_hash": h})() for p, h in items],
                    version)
    assert index.articles_for("antony blinken", "PER") == {"a1", "a2"}  # "Blinken" in a2
    assert index.articles_for("kiev", "LOC") == {"a1"}
    index.close()
    second = run()
    assert second["skipped"] == 3 and second["extracted"] == 0
    assert second["spacy_imported"] is False


def test_job_file_is_json_in_chunks(tmp_path: Path) -> None:
    import json

    for n in (0, 1, 5_000, 12_345):
        items = [(f"/lib/{i}.txt", f"hash{i}") for i in range(n)]
        write_jobs(tmp_path / "jobs.json", items, model="fr_core_news_md")
        data = json.loads((tmp_path / "jobs.json").read_text(encoding="utf-8"))
        assert data == {"model": "fr_core_news_md", "items": [list(i) for i in items]}
