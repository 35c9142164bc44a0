"""Articles longer than spaCy's max_length get entities: the model sees paragraph-aligned
chunks and the offsets into the whole text are kept (issue 10)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reader.core.entities import extractor as extractor_module
from reader.core.entities.extractor import (
    CHUNK_CHARS,
    EntityExtractor,
    chunk_starts,
    file_entities,
)
from reader.core.library.parser import read_article
from reader.entities_cli import iter_file_entities

_NAME = re.compile(r"\b(?:Genève|Lausanne|Berne)\b")


class _Span:
    def __init__(self, start: int, end: int, label: str) -> None:
        self.start_char, self.end_char, self.label_ = start, end, label


class _Doc:
    def __init__(self, text: str) -> None:
        self.ents = [_Span(m.start(), m.end(), "LOC") for m in _NAME.finditer(text)]


class FakeNlp:
    """Finds three town names; refuses texts over spaCy's default max_length, as spaCy does."""

    max_length = 1_000_000

    def __init__(self) -> None:
        self.longest = 0

    def pipe(self, texts: Any, batch_size: int = 32) -> Any:
        for text in texts:
            if len(text) > self.max_length:
                raise ValueError("[E088] Text of length ... exceeds maximum")
            self.longest = max(self.longest, len(text))
            yield _Doc(text)


def _fake_extractor() -> tuple[EntityExtractor, FakeNlp]:
    ex = EntityExtractor(steps=(), ner=None)
    nlp = FakeNlp()
    ex._nlp, ex._model_version = nlp, "test"
    return ex, nlp


def test_chunk_starts_cut_after_blank_lines_then_lines_then_spaces() -> None:
    text = ("a" * 30 + "\n\n") * 10  # 320 characters, a blank line every 32
    starts = chunk_starts(text, 100)
    assert starts[0] == 0 and all(text[s - 2:s] == "\n\n" for s in starts[1:])
    assert all(b - a <= 100 for a, b in zip(starts, starts[1:] + [len(text)], strict=True))
    lines = ("b" * 30 + "\n") * 10
    assert all(lines[s - 1] == "\n" for s in chunk_starts(lines, 100)[1:])
    words = "mot " * 100
    assert all(words[s - 1] == " " for s in chunk_starts(words, 100)[1:])
    assert chunk_starts("x" * 250, 100) == [0, 100, 200]  # one word longer than the limit
    assert chunk_starts("court", 100) == [0]


def test_two_megabyte_article_gets_entities_with_file_offsets(tmp_path: Path) -> None:
    paragraph = ("Le train de Genève arrive à Lausanne avant de repartir pour Berne, "
                 "où les voyageurs descendent. " * 6).strip()
    body = "\n\n".join([paragraph] * (2_000_000 // len(paragraph) + 1))
    path = tmp_path / "long.txt"
    path.write_text(" date 2024-05 Un très long article (AFP)\n\n" + body + "\n",
                    encoding="utf-8")
    assert path.stat().st_size > 2_000_000
    ex, nlp = _fake_extractor()
    errors: list[str] = []
    ((_, article, ents),) = list(iter_file_entities([path], ex, None, errors))
    assert not errors
    assert 0 < nlp.longest <= CHUNK_CHARS
    expected = 3 * 6 * (2_000_000 // len(paragraph) + 1)
    assert len(ents.body) == expected
    text = path.read_text(encoding="utf-8")
    for start, end, label, span in file_entities(article, ents):
        assert text[start:end] == span and label in ("LOC", "ORG")  # ORG: the source, AFP
    assert [e.start for e in ents.body] == sorted(e.start for e in ents.body)
    assert ents.body[-1].text == "Berne"


def test_chunked_and_whole_results_agree(monkeypatch: Any, tmp_path: Path) -> None:
    text = " date 2024-05 Voyage (AFP)\n\n" + "\n\n".join(
        f"Paragraphe {i} : de Genève à Berne par Lausanne." for i in range(50)) + "\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    ex, _ = _fake_extractor()
    whole = ex.extract_article(article)
    monkeypatch.setattr(extractor_module, "CHUNK_CHARS", 200)
    chunked = ex.extract_article(article)
    assert chunked == whole
    assert [(e.start, e.end) for e in ex.extract(article.text)] == [
        (e.start, e.end) for e in whole.body]


def test_library_batch_indexes_a_two_megabyte_article(tmp_path: Path) -> None:
    from reader.core.entities.batch import quick_version, run_batch
    from reader.core.entities.cache import EntityCache

    body = "\n\n".join(["Le congrès de Genève s'est ouvert hier. " * 20] * 2600)
    path = tmp_path / "lib" / "long.txt"
    path.parent.mkdir()
    path.write_text(" date 2024-05 Congrès (AFP)\n\n" + body + "\n", encoding="utf-8")
    assert path.stat().st_size > 2_000_000
    article = read_article(path)
    ex, nlp = _fake_extractor()
    summary = run_batch([(str(path), article.content_hash)], tmp_path / "cache",
                        extractor_factory=lambda _model: ex)
    assert summary.extracted == 1 and not summary.problems
    assert 0 < nlp.longest <= CHUNK_CHARS
    cache = EntityCache(tmp_path / "cache")
    ents = cache.get(article.content_hash, quick_version() or "")
    cache.close()
    assert ents is not None and len(ents.body) == 20 * 2600
    assert all(article.text[e.start:e.end] == "Genève" for e in ents.body)
