"""Entity extraction for a whole library, meant to run in its own process.

Why a process: spaCy holds the GIL for most of its work, so even a worker thread makes the
GUI stutter over a 100,000-article library; a child process (``python -m
reader.core.entities.batch``) keeps the GUI responsive and can be stopped at any moment.

Resumable: every article whose ``(content_hash, version)`` is already in the mention index
is skipped, results already in the :class:`~reader.core.entities.cache.EntityCache` (e.g.
from articles opened in the reading pane) are indexed without the model, and the rest is
committed batch by batch, so a killed run loses at most one batch.  When nothing needs the
model, spaCy is never imported.

Protocol: the job file is JSON ``{"model": ..., "items": [[path, content_hash], ...]}``;
the process prints one line per event on stdout (progress, unreadable files, and finally
its report), as defined once in :mod:`reader.core.entities.batch_protocol`.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.entities.batch_protocol import (
    BatchReport,
    ErrorLine,
    Problem,
    Progress,
    encode,
)
from reader.core.entities.cache import EntityCache
from reader.core.entities.extractor import DEFAULT_MODEL, ArticleEntities
from reader.core.entities.index import EntityIndex
from reader.core.library.parser import Article, ParseError, read_article
from reader.core.lifetime import die_with_parent, yield_cpu_to_window

MODEL_BATCH = 32  # articles per nlp.pipe call and per index commit
CACHED_BATCH = 500  # cached articles per index commit

Item = tuple[str, str]  # (path, content hash as indexed)


@dataclass
class BatchSummary:
    total: int = 0  # distinct articles asked for
    skipped: int = 0  # already in the mention index
    from_cache: int = 0  # indexed from the entity cache, no model
    extracted: int = 0  # run through the model
    problems: list[tuple[str, str]] = field(default_factory=list)
    model_loaded: bool = False
    cancelled: bool = False

    def report(self) -> BatchReport:
        """The frozen form sent to the parent process."""
        return BatchReport(self.total, self.skipped, self.from_cache, self.extracted,
                           tuple(Problem(p, r) for p, r in self.problems),
                           self.model_loaded, self.cancelled, "spacy" in sys.modules)


def quick_version(model: str = DEFAULT_MODEL) -> str | None:
    """The extractor version string (``EntityExtractor.version`` reads the model package's
    metadata: no spaCy import); None when the model is not an installed package, and the
    caller then loads the extractor."""
    from reader.core.entities.extractor import EntityExtractor

    try:
        importlib.metadata.version(model)
    except importlib.metadata.PackageNotFoundError:
        return None
    return EntityExtractor(model).version


def pending(items: Iterable[Item], index: EntityIndex, version: str) -> list[Item]:
    """Items whose content is not yet in the index (one per content hash)."""
    done = index.processed(version)
    out: list[Item] = []
    for path, h in items:
        if h not in done:
            done.add(h)
            out.append((path, h))
    return out


def run_batch(
    items: Sequence[Item],
    cache_dir: Path,
    model: str = DEFAULT_MODEL,
    *,
    progress: Callable[[int, int], None] | None = None,
    problem: Callable[[str, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    extractor_factory: Callable[[str], Any] | None = None,
) -> BatchSummary:
    """Bring the mention index up to date for ``items``; see the module docstring."""
    summary = BatchSummary(total=len({h for _, h in items}))
    version = quick_version(model)
    extractor: Any = None

    def get_extractor() -> Any:
        nonlocal extractor
        if extractor is None:
            if extractor_factory is not None:
                extractor = extractor_factory(model)
            else:
                from reader.core.entities.extractor import EntityExtractor

                extractor = EntityExtractor(model, cache_dir=cache_dir)
            extractor.load()
            summary.model_loaded = True
        return extractor

    if version is None:
        version = get_extractor().version
    assert version is not None
    index = EntityIndex(cache_dir)
    cache = EntityCache(cache_dir)
    try:
        index.purge_other_versions(version)
        todo = pending(items, index, version)
        summary.skipped = summary.total - len(todo)
        total, done = len(todo), 0
        if progress is not None:
            progress(0, total)
        need_model: list[Item] = []
        buffer: list[tuple[str, str, ArticleEntities]] = []
        for path, h in todo:
            ents = cache.get(h, version)
            if ents is None:
                need_model.append((path, h))
                continue
            buffer.append((h, version, ents))
            if len(buffer) >= CACHED_BATCH:
                index.add_many(buffer)
                done += len(buffer)
                summary.from_cache += len(buffer)
                buffer = []
                if progress is not None:
                    progress(done, total)
        if buffer:
            index.add_many(buffer)
            done += len(buffer)
            summary.from_cache += len(buffer)
            if progress is not None:
                progress(done, total)
        for start in range(0, len(need_model), MODEL_BATCH):
            if cancelled is not None and cancelled():
                summary.cancelled = True
                break
            articles: list[Article] = []
            for path, _h in need_model[start:start + MODEL_BATCH]:
                try:
                    articles.append(read_article(path))
                except ParseError as exc:
                    summary.problems.append((path, exc.reason))
                    if problem is not None:
                        problem(path, exc.reason)
            results = list(get_extractor().extract_articles(articles, batch_size=MODEL_BATCH))
            for article, ents in zip(articles, results, strict=True):
                cache.put(article.content_hash, version, ents)
            # indexed under the file's current hash (the library index catches up on rescan)
            index.add_many([(a.content_hash, version, e)
                            for a, e in zip(articles, results, strict=True)])
            summary.extracted += len(articles)
            done += len(need_model[start:start + MODEL_BATCH])
            if progress is not None:
                progress(done, total)
    finally:
        cache.close()
        index.close()
    return summary


def write_jobs(path: Path, items: Iterable[Item], model: str = DEFAULT_MODEL) -> None:
    """The job file the GUI hands to the process."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    listed = [list(i) for i in items]
    with open(tmp, "w", encoding="utf-8") as fh:
        # 5,000 items per json.dumps: one call over 100,000 holds the GIL for ~0.3 s,
        # and this runs in a GUI worker thread
        fh.write('{"model": ' + json.dumps(model) + ', "items": [')
        for start in range(0, len(listed), 5_000):
            if start:
                fh.write(", ")
            fh.write(json.dumps(listed[start:start + 5_000], ensure_ascii=False)[1:-1])
        fh.write("]}")
    tmp.replace(path)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reader.core.entities.batch",
                                 description="Extract entities for a list of articles.")
    ap.add_argument("--cache-dir", required=True, type=Path)
    ap.add_argument("--jobs", required=True, type=Path, help="JSON job file")
    args = ap.parse_args(argv)
    die_with_parent()  # the window may be SIGKILLed: do not outlive it
    try:
        job = json.loads(args.jobs.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(encode(ErrorLine(f"cannot read the job file {args.jobs}: {exc}")), flush=True)
        return 2
    items = [(str(p), str(h)) for p, h in job["items"]]
    yield_cpu_to_window()  # the reader's own work (the open article) comes first

    def progress(done: int, total: int) -> None:
        print(encode(Progress(done, total)), flush=True)

    def problem(path: str, reason: str) -> None:
        print(encode(Problem(path, reason)), flush=True)

    summary = run_batch(items, args.cache_dir, job.get("model", DEFAULT_MODEL),
                        progress=progress, problem=problem)
    print(encode(summary.report()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
