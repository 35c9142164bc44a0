"""The entity model starts with the process when the first articles will need it.

On a fresh machine (nothing in the entity cache was analysed with this model) ``reader``
starts the model's child before importing Qt, so its seconds of loading overlap the
window's start; the window's session takes that child over.  When the cache already serves
the model nothing is started.  While the reading model loads, the library-wide analysis (a
second spaCy load) waits for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_entities_data import LIBRARY, VERSION, rows

from reader.core.entities.cache import EntityCache
from reader.core.entities.extractor import ArticleEntities, EntityExtractor
from reader.core.entities.process import ProcessExtractor, start_if_needed
from reader.services.jobs import JobRunner
from reader.services.library_entities import LibraryEntityService
from reader.services.library_session import LibrarySession
from reader.services.view_state import ViewState


def test_nothing_starts_when_the_cache_serves_the_model(tmp_path: Path) -> None:
    version = EntityExtractor(cache_dir=tmp_path).version
    cache = EntityCache(tmp_path)
    cache.put("some-article", version, ArticleEntities((), ()))
    cache.close()
    assert start_if_needed(tmp_path) is None


def test_a_fresh_cache_starts_the_model_at_once(tmp_path: Path) -> None:
    ner = start_if_needed(tmp_path)
    try:
        assert isinstance(ner, ProcessExtractor)
        assert ner._pool is not None  # the child is already starting, nothing was asked yet
        assert ner.cache_dir == tmp_path
    finally:
        if ner is not None:
            ner.close()


def test_an_unusable_cache_starts_nothing(tmp_path: Path) -> None:
    """A cache path that is a file: no early start; the window reports the cache itself."""
    blocked = tmp_path / "cache"
    blocked.write_text("not a folder")
    assert start_if_needed(blocked) is None


def test_the_session_takes_the_started_child_over(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = JobRunner()
    ner = ProcessExtractor(cache_dir=tmp_path)
    session = LibrarySession(tmp_path, runner, ner=ner)
    assert session.ner is ner
    other = ProcessExtractor(cache_dir=tmp_path / "elsewhere")
    second = LibrarySession(tmp_path, runner, ner=other)
    assert second.ner is not other  # started for another cache: closed, replaced
    with pytest.raises(Exception, match="closed"):
        other.load()
    for s in (session, second):
        s.close()
    runner.shutdown()


def test_the_library_analysis_waits_for_the_reading_model(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cache_dir, data, lib = tmp_path / "cache", tmp_path / "data", tmp_path / "lib"
    assert VERSION is not None
    cache = EntityCache(cache_dir)
    for aid, (_d, _p, e) in LIBRARY.items():  # from the cache: no model, a fast test
        cache.put(f"h-{aid}", VERSION, e)
    cache.close()
    svc = LibraryEntityService(cache_dir, data, ViewState())
    svc.hold_extraction(True)  # the reading model is loading
    with qtbot.waitSignal(svc.sig_extracting, timeout=10_000):
        svc.set_library(lib, rows(lib))
    assert svc.is_extracting() and not svc.batch.is_running()  # scheduled, not started
    with qtbot.waitSignal(svc.sig_batch_finished, timeout=60_000) as blocker:
        svc.hold_extraction(False)  # the model answered
    assert blocker.args[0].from_cache == 4
    svc.stop()
    assert not svc.is_extracting()


def test_a_waiting_analysis_can_be_stopped(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cache_dir, data, lib = tmp_path / "cache", tmp_path / "data", tmp_path / "lib"
    svc = LibraryEntityService(cache_dir, data, ViewState())
    svc.hold_extraction(True)
    with qtbot.waitSignal(svc.sig_extracting, timeout=10_000):
        svc.set_library(lib, rows(lib))
    with qtbot.waitSignal(svc.sig_extracting, timeout=10_000) as stopped:
        svc.stop_extraction()
    assert stopped.args == [False] and not svc.is_extracting()
    svc.hold_extraction(False)
    assert not svc.batch.is_running()  # stopped stays stopped
    svc.stop()
