"""French common words, from the lemmatizer tables that ship inside the spaCy model.

A capitalised word alone at the start of a sentence ("Bonjour", "Assassinat", "Demandez")
is often taken for a name by the model; when the word is an ordinary French word form (and
not a known place), it is not a name.  The model package already holds ~200,000 word forms
(``lemmatizer/lookups``), so no other data is needed; the extractor excludes the lemmatizer
pipe itself, and reads only its tables.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path


def _unaccented(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word)
                   if not unicodedata.combining(ch))


class Lexicon:
    """Membership test for lowercase French word forms."""

    def __init__(self, lemmas: set[str], forms: object | None = None) -> None:
        self._lemmas = lemmas
        self._forms = forms  # a spaCy lookups Table keyed by string hash
        self._bare: set[str] | None = None  # lemmas without accents, built on first use

    def __contains__(self, word: str) -> bool:
        w = word.lower()
        if w in self._lemmas:
            return True
        if self._forms is None:
            return False
        from spacy.strings import hash_string  # type: ignore[attr-defined]

        return hash_string(w) in self._forms  # type: ignore[operator]

    def has_unaccented(self, word: str) -> bool:
        """Whether ``word`` is a lemma once accents are ignored: old headlines in capitals
        drop them ("ELECTRICITE", "TELEVISION"), so "in" alone misses them."""
        if word.lower() in self:
            return True
        if self._bare is None:
            self._bare = {_unaccented(w) for w in self._lemmas}
        return _unaccented(word.lower()) in self._bare

    def __len__(self) -> int:
        return len(self._lemmas)


EMPTY = Lexicon(set())


def load_lexicon(model_name: str) -> Lexicon:
    """The lemmatizer tables of an installed spaCy model; empty when it has none."""
    import spacy
    from spacy.lookups import Lookups

    try:
        root = Path(spacy.util.get_package_path(model_name))
    except Exception:  # noqa: BLE001 - a model loaded from a path: no lexicon, no harm
        return EMPTY
    for lookups_dir in sorted(root.glob("*/lemmatizer/lookups")) + sorted(
        root.glob("lemmatizer/lookups")
    ):
        lookups = Lookups().from_disk(lookups_dir)
        lemmas: set[str] = set()
        if lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            for key in index.keys():
                lemmas.update(index[key])
        forms = lookups.get_table("lemma_lookup") if lookups.has_table("lemma_lookup") else None
        return Lexicon(lemmas, forms)
    return EMPTY
