"""When a library opens, the session checks in the background whether its first articles
will need the model (nothing was ever analysed with it: a fresh machine, a new model) and
then starts it beside the library scan; meanwhile the model's state is ``checking``, which
holds the library-wide analysis back (two spaCy loads at once delay the first highlight)."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import make_library

from reader.core.entities.cache import EntityCache
from reader.core.entities.extractor import ArticleEntities, EntityExtractor
from reader.services.jobs import JobRunner
from reader.services.library_session import LibrarySession, ModelState


def _states(qtbot, cache_dir: Path, lib: Path, until: str) -> list[str]:  # type: ignore[no-untyped-def]
    runner = JobRunner()
    session = LibrarySession(cache_dir, runner)
    states: list[str] = []
    session.sig_model_state.connect(lambda s: states.append(s.state))
    try:
        with qtbot.waitSignal(session.sig_model_state, timeout=30_000,
                              check_params_cb=lambda s: isinstance(s, ModelState)
                              and s.state == until):
            session.open(lib)
    finally:
        session.close()
        runner.shutdown()
    return states


def test_a_fresh_cache_starts_the_model_with_the_scan(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    states = _states(qtbot, tmp_path / "cache", make_library(tmp_path, broken=False), "loading")
    assert states[:3] == ["checking", "idle", "loading"]


def test_a_cache_that_serves_the_model_starts_nothing(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cache_dir = tmp_path / "cache"
    cache = EntityCache(cache_dir)
    cache.put("an-article", EntityExtractor(cache_dir=cache_dir).version,
              ArticleEntities((), ()))
    cache.close()
    states = _states(qtbot, cache_dir, make_library(tmp_path, broken=False), "idle")
    assert states == ["checking", "idle"]


def test_a_first_start_starts_the_model_before_the_window(tmp_path: Path) -> None:
    """No entity cache yet: the app starts the model's child first thing (one ``stat``),
    so that its load overlaps the window's start; with a cache, nothing is started."""
    from reader.core.entities.process import ProcessExtractor, start_on_fresh_cache

    ner = start_on_fresh_cache(tmp_path)
    try:
        assert isinstance(ner, ProcessExtractor) and ner._pool is not None  # already starting
    finally:
        if ner is not None:
            ner.close()
    EntityCache(tmp_path).close()  # a cache exists: a start after the first
    assert start_on_fresh_cache(tmp_path) is None


def test_the_session_takes_the_started_child_over(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.core.entities.process import EntityProcessError, ProcessExtractor

    runner = JobRunner()
    ner = ProcessExtractor(cache_dir=tmp_path)
    session = LibrarySession(tmp_path, runner, ner=ner)
    assert session.ner is ner
    other = ProcessExtractor(cache_dir=tmp_path / "elsewhere")
    second = LibrarySession(tmp_path, runner, ner=other)
    assert second.ner is not other  # started for another cache: closed, replaced
    try:
        other.load()
        raise AssertionError("a closed child answered")
    except EntityProcessError as exc:
        assert "closed" in str(exc)
    for s in (session, second):
        s.close()
    runner.shutdown()
