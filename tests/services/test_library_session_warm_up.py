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
