"""Copy with citation (plain text and Markdown), ``reader://`` links, and what the terminal
and Markdown exports do with hostile text."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.bookmarks_cli import main, safe
from reader.core.bookmarks.citation import cite, escape_markdown
from reader.core.bookmarks.export import to_markdown
from reader.core.bookmarks.links import LinkError, PassageLink, build_link, parse_link
from reader.core.bookmarks.store import Bookmark, BookmarkStore
from reader.core.library.dates import PartialDate, Precision, parse_date


# -- citation ---------------------------------------------------------------------------------
def test_citation_plain_and_markdown() -> None:
    c = cite("Nous devons tenir bon", title="Sommet de l'OTAN - Vilnius", source="AFP",
             date=parse_date("28 mai 2024"), file_name="otan-vilnius.txt")
    assert c.plain == ("« Nous devons tenir bon »\n"
                       "— Sommet de l'OTAN - Vilnius, AFP, 28 mai 2024, otan-vilnius.txt")
    assert c.markdown == ("> « Nous devons tenir bon »\n>\n"
                          "> — *Sommet de l'OTAN - Vilnius*, AFP, 28 mai 2024, `otan-vilnius.txt`")
    plain, markdown = c  # a plain pair too


@pytest.mark.parametrize("date, shown", [
    ("2024", "2024"), ("2024-05", "mai 2024"), ("2024-05-01", "1er mai 2024"), ("", "sans date"),
    (PartialDate(None, Precision.NONE), "sans date"),
])
def test_the_date_keeps_its_precision(date: PartialDate | str, shown: str) -> None:
    assert cite("x", title="T", date=date).plain.endswith(f"— T, {shown}")


def test_citation_of_hostile_text_is_inert() -> None:
    c = cite("a <img src=/etc/x.png> *b*\n\n# titre\n1. liste\n- puce", title="<b>T</b> [x](y)",
             source="A_B", date="2024", file_name="f`i<le>.txt")
    md = c.markdown
    assert "<img" not in md and "<b>" not in md and "&lt;img src=/etc/x.png&gt;" in md
    assert "\\*b\\*" in md and "\\[x\\](y)" in md and "A\\_B" in md
    assert "> \\# titre" in md and "> 1\\. liste" in md and "> \\- puce" in md
    assert "`` f`i<le>.txt ``" in md  # a code span shows it as is
    lines = md.split("\n")
    assert all(line.startswith(">") for line in lines)  # one block quote, nothing escapes it
    assert "<img src=/etc/x.png>" in c.plain  # plain text stays as written


def test_markdown_export_escapes_titles_quotes_notes_and_tags() -> None:
    b = Bookmark(id="1", article_id="a", content_hash="", start=0, end=5,
                 quote="<script>x</script> **gras**", note="<a href='file:///etc/passwd'>l</a>\n"
                 "# pas un titre", tags=("t`ag", "<i>"), article_title="Titre <img src=x> _i_\n"
                 "## faux", article_source="AFP", article_date="2024-05")
    md = to_markdown([b])
    for raw in ("<script>", "<a href", "<img", "<i>"):
        assert raw not in md.replace("`#<i>`", "")  # only inside a code span
    assert "## Titre &lt;img src=x&gt; \\_i\\_ \\#\\# faux" in md
    assert "\\*\\*gras\\*\\*" in md and "\\# pas un titre" in md
    assert "`` #t`ag ``" in md and "`#<i>`" in md


# -- links ------------------------------------------------------------------------------------
def test_link_round_trip_and_form() -> None:
    link = PassageLink("/home/moi/Presse 2024", "otan #1 été?", "tenir bon, « vraiment »",
                       "Nous devons ", " a déclaré")
    url = build_link(link)
    assert url.startswith("reader://open?library=/home/moi/Presse%202024&article=otan%20%231")
    assert " " not in url and "«" not in url
    assert parse_link(url) == link
    assert parse_link("reader://open?library=/lib") == PassageLink("/lib")
    assert parse_link("READER://OPEN?library=/lib&article=a&x=1&article=b") == \
        PassageLink("/lib", "a")


def test_link_with_a_name_that_is_not_utf8() -> None:
    folder = os.fsdecode(b"/tmp/lib-\xff")
    link = PassageLink(folder, os.fsdecode(b"bad\xfe"), "x")
    assert parse_link(build_link(link)) == link


@pytest.mark.parametrize("url, reason", [
    ("https://example.org/?library=/x", "not_reader_link"),
    ("reader://delete?library=/x", "unknown_action"),
    ("reader://open?article=a", "no_library"),
    ("reader://open?library=/x&exact=y", "selector_without_article"),
    ("reader://open?library=/x&article=a&exact=%FF", "bad_encoding"),
    ("reader://open?library=" + "a" * 70_000, "too_long"),
])
def test_bad_links(url: str, reason: str) -> None:
    with pytest.raises(LinkError) as info:
        parse_link(url)
    assert info.value.reason == reason


@given(st.text(min_size=1), st.text(), st.text(), st.text(), st.text())
def test_links_round_trip(library: str, article: str, exact: str, prefix: str,
                          suffix: str) -> None:
    library = library.replace("\x00", "")
    if not library:
        return
    link = PassageLink(library, article or "a", exact, prefix if exact else "",
                       suffix if exact else "")
    assert parse_link(build_link(link)) == link


# -- terminal ---------------------------------------------------------------------------------
def test_safe_replaces_control_characters() -> None:
    hostile = "a\x1b]0;titre\x07b\x9b31mc\u202edcba\x00\x7f\ud800"
    out = safe(hostile)
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e\x00\x7f\ud800")
    assert out.startswith("a\ufffd]0;titre\ufffdb") and safe("é\tà\n") == "é\tà\n"


def test_list_prints_no_escape_sequence(tmp_path: os.PathLike[str],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from reader.core.library.parser import parse_text

    folder = os.path.join(tmp_path, "data")
    store = BookmarkStore(folder)
    a = parse_text(" date 2024 Titre \x1b[31mrouge (AFP)\n\nUn texte assez long pour marquer.\n",
                   "/lib/x.txt")
    store.add(a, 0, 8, note="\x1b]0;pwned\x07 note", tags=["\x1bt"])
    store.close()
    assert main(["list", "--data-dir", folder]) == 0
    out = capsys.readouterr()
    assert "\x1b" not in out.out + out.err and "\x07" not in out.out
    assert "\ufffd]0;pwned\ufffd note" in out.out


def test_escape_markdown_keeps_plain_words() -> None:
    assert escape_markdown("L'OTAN - Vilnius, 2024 (AFP)") == "L'OTAN - Vilnius, 2024 (AFP)"


def test_markdown_export_has_no_control_characters() -> None:
    b = Bookmark(id="1", article_id="a", content_hash="", start=0, end=5, quote="q\x1b[2J",
                 note="\x1b]0;pwned\x07 note\r\nsuite\tfin", article_title="T\x9b")
    md = to_markdown([b])
    assert not any(ch in md for ch in "\x1b\x07\x9b\r")
    assert "\ufffd\\]0;pwned\ufffd note\nsuite\tfin" in md
