"""The article parser on the seed and on the variants users' files come in."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_FILE

from reader.core.library.dates import Precision
from reader.core.library.parser import ParseError, decode, parse_text, read_article


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_seed_article() -> None:
    article = read_article(SEED_FILE)
    assert article.id == SEED_FILE.stem
    assert article.title == "Jens Stoltenberg - OTAN"
    assert article.caption == "Jens Stoltenberg - OTAN"
    assert article.source == "AFP"
    assert article.date.precision is Precision.MONTH
    assert article.date.iso() == "2024-05"
    assert article.date.display() == "mai 2024"
    kinds = [b.kind for b in article.blocks]
    assert kinds == ["paragraph", "paragraph", "heading", "paragraph", "paragraph", "heading",
                     "paragraph"]
    assert article.blocks[2].text == "L’OTAN craint une escalade avec la Russie"
    assert article.word_count > 300
    assert len(article.content_hash) == 32


def test_offsets_map_back_to_file() -> None:
    article = read_article(SEED_FILE)
    raw = SEED_FILE.read_text(encoding="utf-8")
    for block in article.blocks:
        assert article.text[block.start:block.end] == block.text
        assert raw[block.file_start:block.file_start + len(block.text)] == block.text
        assert article.file_offset(block.start + 3) == block.file_start + 3
    start = article.caption_file_start
    assert raw[start:start + len(article.caption)] == article.caption


@pytest.mark.parametrize(
    ("header", "iso", "precision"),
    [
        (" date 2024-05-28 Titre (AFP)", "2024-05-28", Precision.DAY),
        (" date 2024-05 Titre (AFP)", "2024-05", Precision.MONTH),
        (" date 2024 Titre (AFP)", "2024", Precision.YEAR),
        (" date 28 mai 2024 Titre (AFP)", "2024-05-28", Precision.DAY),
        (" date mai 2024 Titre (AFP)", "2024-05", Precision.MONTH),
        (" date May 2024 Titre (AFP)", "2024-05", Precision.MONTH),
        (" date 1er janvier 1937 Titre (AFP)", "1937-01-01", Precision.DAY),
        ("date 2024-05 Titre (AFP)", "2024-05", Precision.MONTH),
        ("   date 12 décembre 2023 Titre (Reuters)", "2023-12-12", Precision.DAY),
    ],
)
def test_header_dates_keep_precision(header: str, iso: str, precision: Precision) -> None:
    article = parse_text(f"{header}\n\nUn paragraphe de texte.\n")
    assert article.date.iso() == iso
    assert article.date.precision is precision
    assert article.title == "Titre"


def test_month_is_never_filled_with_today() -> None:
    article = parse_text(" date 2024-05 Titre (AFP)\n\nTexte.")
    assert article.date.value is not None and article.date.value.day == 1
    assert article.date.precision is Precision.MONTH


@pytest.mark.parametrize("header", [" date unknown Titre (AFP)", " date n/a Titre (AFP)",
                                    " date Titre seul (AFP)"])
def test_missing_or_unreadable_date_is_undated(header: str) -> None:
    article = parse_text(f"{header}\n\nTexte du paragraphe.")
    assert not article.date.is_known
    assert article.date.display() == "sans date"
    assert article.source == "AFP"


def test_no_header_uses_first_sentence_as_title() -> None:
    article = parse_text("Premier paragraphe. Suite du texte.\n\nDeuxième paragraphe.")
    assert article.title == "Premier paragraphe."
    assert article.source == ""
    assert not article.date.is_known
    assert len(article.blocks) == 2


def test_bom_and_crlf(tmp_path: Path) -> None:
    data = "\ufeff date 2024-05-28 Titre (AFP)\r\n\r\nPremier.\r\n\r\nIntertitre\r\n\r\nSecond."
    article = read_article(write(tmp_path, "a.txt", data))
    assert article.date.iso() == "2024-05-28"
    assert [b.kind for b in article.blocks] == ["paragraph", "heading", "paragraph"]
    assert "\r" not in article.text


def test_no_final_newline_and_wrapped_paragraph() -> None:
    article = parse_text(" date 2024 T (AFP)\n\nUne ligne\ncoupée en deux.")
    assert article.blocks[0].text == "Une ligne coupée en deux."
    assert article.blocks[0].kind == "paragraph"


def test_headings_are_short_unpunctuated_lines() -> None:
    text = (" date 2024 T (AFP)\n\nPremier paragraphe.\n\nUn intertitre court\n\n"
            "Une phrase courte.\n\nQuestion ?\n\n" + "mot " * 40 + "\n\nFin.")
    kinds = [b.kind for b in parse_text(text).blocks]
    assert kinds == ["paragraph", "heading", "paragraph", "paragraph", "paragraph", "paragraph"]


def test_markup_is_kept_as_text() -> None:
    article = parse_text(" date 2024 <b>Titre</b> &amp; co (AFP)\n\n<script>alert(1)</script> &amp;")
    assert article.title == "<b>Titre</b> &amp; co"
    assert article.text == "<script>alert(1)</script> &amp;"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
        (b" date 2024 Titre (AFP)\n\nCaf\xe9 cr\xe8me", "UTF-8"),
        (b" date 2024-05 Titre (AFP)\n\n", "no article text"),
        (b" date 2024-05 Titre (AFP)", "no article text"),
    ],
)
def test_bad_files_raise_parse_error_naming_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path, "broken.txt", data)
    with pytest.raises(ParseError) as info:
        read_article(path)
    assert "broken.txt" in str(info.value)
    assert reason in str(info.value)
    assert info.value.path == str(path)


def test_unreadable_path_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="cannot read"):
        read_article(tmp_path / "missing.txt")


def test_control_characters_mean_binary_but_a_few_are_tolerated(tmp_path: Path) -> None:
    good = " date 2024-05 Titre (AFP)\n\nTexte\x0c avec un saut de page\x07 et une cloche.\n"
    assert parse_text(decode(good.encode(), "a.txt"), "a.txt").title == "Titre"
    noisy = " date 2024-05 Titre (AFP)\n\n" + "é\x01\x02\x1b" * 5 + "\n"
    with pytest.raises(ParseError, match="control characters"):
        decode(noisy.encode(), "b.txt")
    assert decode(b"ligne\r\nsuivante\rfin", "c.txt") == "ligne\nsuivante\nfin"
