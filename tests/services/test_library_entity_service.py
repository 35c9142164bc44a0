"""The Library Entities service without a window: its queries, the chosen entity through
the view state, merges and splits written off the GUI thread, the extraction process's
protocol and the provisional counts while it runs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from library_entities_data import LIBRARY, VERSION, index_library, rows

from reader.core.entities.aliases import EntityAliases
from reader.core.entities.batch_protocol import (
    BatchReport,
    ErrorLine,
    LineDecoder,
    Problem,
    Progress,
    decode,
    encode,
)
from reader.core.entities.cache import EntityCache
from reader.services import messages
from reader.services.entity_results import (
    AliasChange,
    AliasKind,
    CoMentions,
    EntityQuery,
    TopEntities,
)
from reader.services.library_entities import LibraryEntityService
from reader.services.view_state import ViewState

TIMEOUT = 10_000


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    return tmp_path / "cache", tmp_path / "data", tmp_path / "lib"


@pytest.fixture
def service(qtbot, dirs: tuple[Path, Path, Path]) -> Iterator[LibraryEntityService]:  # type: ignore[no-untyped-def]
    cache, data, lib = dirs
    index_library(cache)
    svc = LibraryEntityService(cache, data, ViewState())
    with qtbot.waitSignal(svc.sig_top, timeout=TIMEOUT):
        svc.set_library(lib, rows(lib))
    yield svc
    svc.stop()
    assert not svc.is_extracting()


def keys(top: TopEntities | None) -> list[str]:
    assert top is not None
    return [e.key for e in top.entities]


def test_top_entities_by_type_and_text(qtbot, service: LibraryEntityService) -> None:  # type: ignore[no-untyped-def]
    top = service.top
    assert top is not None and not top.provisional and not service.is_extracting()
    # most articles first, ties broken by key: the order never depends on the database
    assert keys(top)[:2] == ["antony blinken", "kiev"]  # 3 articles each
    assert "blinken" not in keys(top)  # grouped under the full name
    with qtbot.waitSignal(service.sig_top, timeout=TIMEOUT) as blocker:
        service.set_query(EntityQuery(label="PER"))
    assert keys(blocker.args[0]) == ["antony blinken"]
    with qtbot.waitSignal(service.sig_top, timeout=TIMEOUT) as blocker:
        service.set_query(EntityQuery(search="MEDECINS"))  # accents and case ignored
    assert keys(blocker.args[0]) == ["medecins sans frontieres"]


def test_choosing_goes_through_the_view_state(qtbot, service: LibraryEntityService) -> None:  # type: ignore[no-untyped-def]
    state = service.view_state
    companions: list[CoMentions] = []
    service.sig_co_mentions.connect(companions.append)
    with qtbot.waitSignals([state.sig_entity_changed, service.sig_co_mentions],
                           timeout=TIMEOUT):
        service.choose("antony blinken", "PER")
    chosen = state.entity
    assert chosen is not None
    assert (chosen.key, chosen.label, chosen.display) == ("antony blinken", "PER",
                                                          "Antony Blinken")
    assert chosen.article_ids == {"a1", "a2", "a3"}
    assert set(chosen.members) == {"antony blinken", "blinken"}
    assert chosen.rowid_table is not None
    assert {rid for rid, on in enumerate(chosen.rowid_table) if on} == {
        r.rowid for r in service.rows if r.id in chosen.article_ids}
    co = companions[0]
    assert co.chosen.key == "antony blinken" and co.entities[0].key == "kiev"
    assert service.chosen is not None and service.chosen.others() == ("blinken",)
    # "show all" elsewhere clears the choice the service holds
    state.clear()
    assert service.chosen is None


def test_timeline_buckets_follow_the_listed_rows(qtbot, service: LibraryEntityService,  # type: ignore[no-untyped-def]
                                                 dirs: tuple[Path, Path, Path]) -> None:
    listed = rows(dirs[2])
    with qtbot.waitSignal(service.sig_buckets, timeout=TIMEOUT) as blocker:
        service.set_visible_rows(listed[:2])
    assert blocker.args[0].keys == ("2024-05",) and blocker.args[0].counts == (2,)
    service.view_state.set_period("2024-05")
    with qtbot.assertNotEmitted(service.sig_buckets, wait=200):
        service.set_visible_rows(listed)  # a chosen period keeps the bars it was chosen on


def _record_threads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each alias write ran on the main thread."""
    seen: list[bool] = []
    for name in ("merge", "split"):
        original = getattr(EntityAliases, name)

        def spy(self, *args, _original=original, **kwargs):  # type: ignore[no-untyped-def]
            seen.append(threading.current_thread() is threading.main_thread())
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(EntityAliases, name, spy)
    return seen


def test_merge_and_split_are_written_off_the_gui_thread(  # type: ignore[no-untyped-def]
        qtbot, service: LibraryEntityService, dirs: tuple[Path, Path, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    on_main = _record_threads(monkeypatch)
    top = {e.key: e for e in service.top.entities}  # type: ignore[union-attr]
    changes: list[AliasChange] = []
    service.sig_aliases_changed.connect(changes.append)
    with qtbot.waitSignals([service.sig_aliases_changed, service.sig_top],
                           timeout=TIMEOUT, order="strict"):
        service.merge([top["kiev"], top["moscou"]])
    change = changes[0]
    assert isinstance(change, AliasChange) and change.kind is AliasKind.MERGE
    assert change.target.key == "kiev" and change.members == (("moscou", "LOC"),)
    assert "moscou" not in keys(service.top)
    with qtbot.waitSignals([service.sig_aliases_changed, service.sig_top],
                           timeout=TIMEOUT, order="strict"):
        service.split(top["antony blinken"])
    assert changes[1].members == (("blinken", "PER"),)
    assert "blinken" in keys(service.top)
    assert on_main == [False, False]
    service.stop()

    cache, data, lib = dirs  # remembered: a new service sees both decisions
    again = LibraryEntityService(cache, data, ViewState())
    with qtbot.waitSignal(again.sig_top, timeout=TIMEOUT):
        again.set_library(lib, rows(lib))
    assert "moscou" not in keys(again.top) and "blinken" in keys(again.top)
    with qtbot.waitSignal(again.view_state.sig_entity_changed, timeout=TIMEOUT) as blocker:
        again.choose("moscou", "LOC")
    assert blocker.args[0].key == "kiev"
    assert blocker.args[0].article_ids == {"a1", "a2", "a3", "a4"}
    again.stop()


def test_split_of_a_lone_entity_changes_nothing(qtbot, service: LibraryEntityService) -> None:  # type: ignore[no-untyped-def]
    otan = next(e for e in service.top.entities if e.key == "otan")  # type: ignore[union-attr]
    with qtbot.waitSignal(service.sig_status, timeout=TIMEOUT) as blocker:
        service.split(otan)
    assert "ne regroupe aucune autre forme" in blocker.args[0]


def test_unreadable_alias_store_is_reported(qtbot, dirs: tuple[Path, Path, Path]) -> None:  # type: ignore[no-untyped-def]
    cache, data, lib = dirs
    index_library(cache)
    data.mkdir(parents=True)
    (data / "entity_aliases.sqlite3").mkdir()  # a directory where the database should be
    svc = LibraryEntityService(cache, data, ViewState())
    reported: list[messages.Message] = []
    messages.bus.sig_message.connect(reported.append)
    try:
        with qtbot.waitSignal(svc.sig_status, timeout=TIMEOUT) as blocker:
            svc.set_library(lib, rows(lib))
        assert "indisponibles" in blocker.args[0]
        assert reported and reported[-1].level is messages.Level.WARNING
        assert not svc.available
    finally:
        messages.bus.sig_message.disconnect(reported.append)
        svc.stop()


def test_counts_are_provisional_while_the_analysis_runs(qtbot, dirs: tuple[Path, Path, Path]) -> None:  # type: ignore[no-untyped-def]
    """Articles not yet indexed go to the child process; their entities come from the cache,
    so it needs no model and the test stays fast."""
    cache_dir, data, lib = dirs
    assert VERSION is not None
    cache = EntityCache(cache_dir)
    for aid, (_d, _p, e) in LIBRARY.items():
        cache.put(f"h-{aid}", VERSION, e)
    cache.close()
    svc = LibraryEntityService(cache_dir, data, ViewState())
    tops: list[TopEntities] = []
    svc.sig_top.connect(tops.append)
    progress: list[tuple[int, int]] = []
    svc.sig_progress.connect(lambda d, t: progress.append((d, t)))
    with qtbot.waitSignal(svc.sig_batch_finished, timeout=60_000) as blocker:
        svc.set_library(lib, rows(lib))
    report = blocker.args[0]
    assert isinstance(report, BatchReport)
    assert report.from_cache == 4 and report.extracted == 0 and not report.spacy_imported
    assert tops[0].provisional and tops[0].entities == ()  # nothing indexed yet
    qtbot.waitUntil(lambda: "kiev" in keys(svc.top), timeout=TIMEOUT)
    assert svc.top is not None and not svc.top.provisional
    assert progress[-1] == (4, 4)
    svc.stop()
    assert not svc.is_extracting()


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


# -- the process's stdout protocol ---------------------------------------------------------
def test_protocol_round_trip() -> None:
    events = [Progress(3, 10), Problem("/a b/c\td\n.txt", "illisible\nvraiment"),
              BatchReport(4, 1, 2, 1, (Problem("x", "y"),), True, False, True),
              ErrorLine("cannot read the job file")]
    for event in events:
        line = encode(event)
        assert "\n" not in line
        assert decode(line) == event
    assert decode("progress 1") is None and decode("hello world") is None
    assert decode("summary {not json") is None and decode("problem 3") is None


@given(st.lists(st.tuples(st.text(), st.text())), st.integers(1, 50))
def test_line_decoder_reassembles_split_output(problems: list[tuple[str, str]],
                                               cut: int) -> None:
    events = [Problem(p, r) for p, r in problems] + [BatchReport(total=len(problems))]
    data = "".join(encode(e) + "\n" for e in events).encode("utf-8")
    decoder = LineDecoder()
    out = []
    for start in range(0, len(data), cut):  # chunks split anywhere, even inside a character
        out += decoder.feed(data[start:start + cut])
    out += decoder.flush()
    assert out == events
