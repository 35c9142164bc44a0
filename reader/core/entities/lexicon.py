"""French common words, from the lemmatizer tables that ship inside the spaCy model.

A capitalised word alone at the start of a sentence ("Bonjour", "Assassinat", "Demandez")
is often taken for a name by the model; when the word is an ordinary French word form (and
not a known place), it is not a name.  The model package already holds ~200,000 word forms
(``lemmatizer/lookups``), so no other data is needed; the extractor excludes the lemmatizer
pipe itself, and reads only its tables.
"""

from __future__ import annotations

import json
import logging
import os
import unicodedata
from array import array
from importlib import metadata
from pathlib import Path

log = logging.getLogger("reader.entities")


def _unaccented(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word)
                   if not unicodedata.combining(ch))


class Lexicon:
    """Membership test for lowercase French word forms."""

    def __init__(self, lemmas: set[str], forms: object | None = None) -> None:
        self._lemmas = lemmas
        self._forms = forms  # string hashes: a spaCy lookups Table, or a set from the cache
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


def load_lexicon(model_name: str, table_dir: Path | None = None) -> Lexicon:
    """The lemmatizer tables of an installed spaCy model; empty when it has none.

    With ``table_dir`` (Reader's cache directory) the two sets are kept there, named by the
    model's version, and read back at the next start: ~0.1 s instead of 1-3 s for spaCy's
    9 MB lookups tables."""
    import spacy

    try:
        root = Path(spacy.util.get_package_path(model_name))
    except Exception:  # noqa: BLE001 - a model loaded from a path: no lexicon, no harm
        return EMPTY
    stem = table_stem(table_dir, model_name) if table_dir is not None else None
    if stem is not None:
        cached = _read_table(stem)
        if cached is not None:
            return cached
    lexicon = _from_lookups(root)
    if stem is not None and lexicon is not EMPTY:
        _write_table(stem, lexicon)
    return lexicon


def _from_lookups(root: Path) -> Lexicon:
    from spacy.lookups import Lookups

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


TABLE_VERSION = "1"


def table_stem(table_dir: Path, model_name: str) -> Path:
    """Where the lexicon of this model version is kept (``.json`` and ``.u64`` beside)."""
    return table_dir / f"lexicon-{TABLE_VERSION}+{model_name}-{_version(model_name)}"


def has_table(table_dir: Path, model_name: str) -> bool:
    """Whether an earlier start left this model's lexicon (the JSON file is written last)."""
    stem = table_stem(table_dir, model_name)
    return stem.with_name(stem.name + ".json").is_file()


def _version(model_name: str) -> str:
    try:
        return metadata.version(model_name)
    except metadata.PackageNotFoundError:
        return "unknown"


def _read_table(stem: Path) -> Lexicon | None:
    """Lemmas (JSON) and the hashes of the word forms (uint64, native order) of an earlier
    start; None when absent or unreadable (then rebuilt)."""
    words, hashes = stem.with_name(stem.name + ".json"), stem.with_name(stem.name + ".u64")
    try:
        lemmas = set(json.loads(words.read_text(encoding="utf-8")))
        forms = array("Q")
        forms.frombytes(hashes.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as exc:
        log.warning("lexicon table %s unreadable, rebuilt: %s", stem, exc)
        return None
    return Lexicon(lemmas, set(forms))


def _write_table(stem: Path, lexicon: Lexicon) -> None:
    """Both files atomically, the hashes first: the JSON file's presence means both are
    complete.  A failure only costs the next start its second."""
    words, hashes = stem.with_name(stem.name + ".json"), stem.with_name(stem.name + ".u64")
    forms = lexicon._forms
    keys = array("Q", forms.keys() if forms is not None else ())  # type: ignore[attr-defined]
    try:
        stem.parent.mkdir(parents=True, exist_ok=True)
        for path, data in ((hashes, keys.tobytes()),
                           (words, json.dumps(sorted(lexicon._lemmas),
                                              ensure_ascii=False).encode("utf-8"))):
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot write the lexicon table %s: %s", stem, exc)
