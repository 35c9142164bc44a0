"""User search syntax → FTS5, terms to highlight, and accent-insensitive match offsets."""

from __future__ import annotations

import sqlite3

import pytest

from reader.core.library.search_query import (
    find_matches,
    match_snippet,
    match_terms,
    parse_query,
    plain_words_fts,
    to_fts,
)
from reader.core.text import fold_keeping_offsets


def test_words_are_anded_and_quoted() -> None:
    assert to_fts("otan ukraine") == '"otan" AND "ukraine"'


def test_phrase_prefix_or_not() -> None:
    assert to_fts('"guerre froide"') == '"guerre froide"'
    assert to_fts("ukrain*") == '"ukrain"*'
    assert to_fts('"guerre fr"*') == '"guerre fr"*'
    assert to_fts("otan OR nato russie") == '("otan" OR "nato") AND "russie"'
    assert to_fts("guerre -kiev") == '("guerre") NOT ("kiev")'
    assert to_fts("guerre NOT kiev -paris") == '("guerre") NOT ("kiev" OR "paris")'
    assert to_fts('-"guerre froide" paix') == '("paix") NOT ("guerre froide")'


def test_only_exclusions_has_no_positive_expression() -> None:
    parsed = parse_query("-russie NOT otan")
    assert parsed.fts() is None
    assert parsed.excluded_fts() == '"russie" OR "otan"'


def test_operators_only_in_capitals_and_dangling_ones_ignored() -> None:
    assert to_fts("guerre or paix") == '"guerre" AND "or" AND "paix"'
    assert to_fts("OR guerre OR") == '"guerre"'
    assert to_fts("guerre AND paix") == '"guerre" AND "paix"'
    assert to_fts("NOT") is None
    assert parse_query("AND OR NOT").is_empty


def test_quotes_inside_words_cannot_escape() -> None:
    assert to_fts('ab"cd') == '"ab""cd"'  # doubled: a literal quote inside the string
    assert to_fts('x""y') == '"x""""y"'


def test_unbalanced_quote_makes_a_phrase_of_the_rest() -> None:
    assert to_fts('otan "guerre froide') == '"otan" AND "guerre froide"'


def test_punctuation_only_terms_are_dropped() -> None:
    assert to_fts("- * ( ) : !!") is None
    assert to_fts("(guerre)") == '"(guerre)"'


def test_match_terms_for_highlighting() -> None:
    assert match_terms('otan "guerre  froide" ukrain* -russie NOT kiev otan') == [
        "otan", "guerre froide", "ukrain*"]
    assert match_terms("") == []


@pytest.mark.parametrize("query", [
    '"', '""', "AND", "OR OR", "NOT", "(", ")", "title:", "*", "-", "--", "NEAR(",
    "guerre AND", "NOT NOT guerre", "^guerre", "l'otan", "a:b:c", "{guerre}", "guerre*)",
    "'", "\\", "%", "col:guerre", "guerre + paix", "\"a\" \"b", "é*", "NEAR(a b, 2)",
    'ab"cd', 'x""y', '"guerre"*', '-"', 'OR "',
])
def test_every_generated_expression_is_valid_fts5(query: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, "
                 "tokenize='unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO t VALUES ('guerre', 'l''otan et la paix')")
    parsed = parse_query(query)
    for expression in (parsed.fts(), parsed.excluded_fts(), plain_words_fts(query)):
        if expression is not None:
            conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()


def test_fold_keeps_offsets() -> None:
    text = "Élève à l'ÉCOLE, œuvre"
    folded = fold_keeping_offsets(text)
    assert len(folded) == len(text)
    assert folded == "eleve a l'ecole, œuvre"


def test_find_matches_accent_insensitive_with_offsets() -> None:
    text = "Un élève, puis un Eleve ; élèves et élevage."
    spans = find_matches(text, ["eleve"])
    assert [text[a:b] for a, b in spans] == ["élève", "Eleve"]
    spans = find_matches(text, ["élev*"])
    assert [text[a:b] for a, b in spans] == ["élève", "Eleve", "élèves", "élevage"]


def test_find_matches_phrases_across_punctuation() -> None:
    text = "La guerre  froide, puis la guerre-froide et guerre chaude."
    spans = find_matches(text, ["guerre froide", "chaude"])
    assert [text[a:b] for a, b in spans] == ["guerre  froide", "guerre-froide", "chaude"]
    assert find_matches(text, []) == []
    assert find_matches(text, ["***"]) == []


def test_stop_words_dropped_when_other_words_remain() -> None:
    assert to_fts("président de la république") == '"président" AND "république"'
    assert match_terms("président de La république") == ["président", "république"]
    assert to_fts('"chemin de fer"') == '"chemin de fer"'  # phrases keep them
    assert to_fts("de la") == '"de" AND "la"'  # nothing else: keep them
    assert to_fts("la OR le guerre") == '("la" OR "le") AND "guerre"'
    assert to_fts("l* guerre") == '"l"* AND "guerre"'


def test_match_snippet_shows_the_first_match_in_context() -> None:
    text = ("Le conseil s'est réuni hier.\n\nAprès un long débat sur les finances de la ville, "
            "les élèves du lycée ont présenté leur projet au maire, qui l'a salué. Les travaux "
            "commenceront au printemps prochain si le budget le permet.")
    snippet = match_snippet(text, ["eleve*"])
    assert snippet is not None and "élèves" in snippet
    assert snippet.startswith("…") and snippet.endswith("le permet.")
    assert match_snippet(text, ["eleve*"], width=60) == "…ville, les élèves du lycée ont présenté leur projet au…"
    assert "\n" not in snippet and "  " not in snippet
    # the cut falls between words, a few words before the match
    assert snippet.index("élèves") <= 16
    words = set(text.split())
    assert all(w in words for w in snippet.strip("…").split())
    # a phrase across a paragraph break is one match; the start of the text has no '…'
    phrase = match_snippet(text, ["hier apres"])
    assert phrase is not None and phrase.startswith("…s'est réuni hier. Après un long débat")
    assert match_snippet(text, ["conseil"], width=40) == "Le conseil s'est réuni hier. Après un…"
    short = "La guerre continue."
    assert match_snippet(short, ["guerre"]) == short
    assert match_snippet(text, ["bismarck"]) is None
    assert match_snippet(text, []) is None
