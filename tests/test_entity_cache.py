"""Entity cache: round trip, keyed by content hash and extractor version, thread use."""

from __future__ import annotations

import threading
from pathlib import Path

from reader.core.entities.cache import CACHE_FILE, EntityCache
from reader.core.entities.extractor import ArticleEntities, Entity

ENTS = ArticleEntities(
    body=(Entity(0, 6, "PER", "Dupont", "jean dupont"), Entity(10, 21, "DATE", "28 mai 2024", "28 mai 2024")),
    caption=(Entity(0, 4, "ORG", "OTAN", "otan"),),
    source=(Entity(0, 3, "ORG", "AFP", "afp"),),
)


def test_round_trip(tmp_path: Path) -> None:
    cache = EntityCache(tmp_path)
    assert (tmp_path / CACHE_FILE).exists()
    assert cache.get("h1", "v1") is None
    cache.put("h1", "v1", ENTS)
    assert cache.get("h1", "v1") == ENTS
    cache.close()
    reopened = EntityCache(tmp_path)
    assert reopened.get("h1", "v1") == ENTS
    reopened.close()


def test_keyed_by_version_and_hash(tmp_path: Path) -> None:
    cache = EntityCache(tmp_path)
    cache.put("h1", "v1", ENTS)
    assert cache.get("h1", "v2") is None  # new model or rules: a miss, never stale entities
    assert cache.get("h2", "v1") is None
    other = ArticleEntities((), ())
    cache.put("h1", "v2", other)
    assert cache.get("h1", "v2") == other
    assert cache.get("h1", "v1") == ENTS
    cache.put("h1", "v1", other)  # replacing is allowed
    assert cache.get("h1", "v1") == other
    cache.close()


def test_accepts_a_file_path(tmp_path: Path) -> None:
    cache = EntityCache(tmp_path / "sub" / "ents.sqlite3")
    cache.put("h", "v", ENTS)
    assert (tmp_path / "sub" / "ents.sqlite3").exists()
    cache.close()


def test_worker_threads(tmp_path: Path) -> None:
    cache = EntityCache(tmp_path)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(20):
                cache.put(f"h{n}-{i}", "v", ENTS)
                assert cache.get(f"h{n}-{i}", "v") == ENTS
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert cache.get("h3-19", "v") == ENTS
    cache.close()
