"""The entity rules as a registry of named steps, in the order they run.

:class:`~reader.core.entities.extractor.EntityExtractor` runs the model, then the steps of
:data:`PIPELINE` enabled in its ``steps``.  The names are what the extractor's ``steps``, the
cache key and the benchmark's ablation (``benchmarks/bench_entities.py --ablation``) speak
of: one registry, so that a step cannot run without a name nor be named without running.

A step has a stage, which says when and on what it runs:

- ``span``: on each model span before it becomes a candidate; returns the span's new
  ``(start, end, label)`` or None to drop it (the first one that drops it ends the chain);
- ``candidate``: on each candidate, the consecutive ``candidate`` steps of the registry in
  one loop (a step may look at the other candidates, already handled or not yet);
- ``document``: once on all the candidates of one document (caption and body);
- ``option``: runs nothing here, changes what another piece does (read where documented).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from reader.core.entities.gazetteer import Gazetteer
from reader.core.entities.lexicon import Lexicon
from reader.core.entities.passes import (
    add_rule_spans,
    apply_forenames,
    apply_gazetteer,
    apply_lower_orgs,
    apply_maiden_names,
    apply_person_cues,
    apply_ranks,
    apply_titles,
    cut_names,
    extend_to_head,
    overlapping,
    propagate,
)
from reader.core.entities.postprocess import (
    PERSON_HEADS,
    Candidate,
    capital_org_start,
    clean_bounds,
    entity_key,
    extend_house_number,
    extend_street,
    head_label,
    is_assembly,
    is_common_people_word,
    is_company,
    is_demonym,
    is_generic_noun,
    is_institution_head,
    is_press_title,
    org_head_start,
    organisation_acronyms,
    place_head_start,
    region_adjective_end,
    sentence_initial,
    surname_keys,
    trim_leading,
    vote_labels,
)
from reader.core.entities.rules import find_datelines, find_dates, find_quantities
from reader.core.lazy_re import lazy_compile

Stage = Literal["span", "candidate", "document", "option"]
Bounds = tuple[int, int, str]

_CAPS_SPLIT = lazy_compile(r"[\s'’-]+")
_CAPS_TITLES = {"M.", "MM.", "MME", "MLLE"}
_ARTICLE_BEFORE = lazy_compile(r"(?:^|\s)(?:le|la|les|du|des|au|aux|Le|La|Les|Du|Au)\s+$")


@dataclass(slots=True)
class Context:
    """What the steps of one document read and change."""

    texts: list[str]  # the document's parts (caption, body) as given to the model
    cands: list[Candidate]
    lower: set[str]  # words the document writes in lower case (lowercase_words)
    steps: frozenset[str]  # the enabled steps (options are read through it)
    lexicon: Lexicon
    gazetteer: Gazetteer | None

    def known_place(self, span: str) -> bool:
        return self.gazetteer is not None and bool(self.gazetteer.kind(span))


@dataclass(frozen=True, slots=True)
class Step:
    """One named rule; ``run``'s signature depends on ``stage`` (an option's does nothing:
    it carries the docstring)."""

    name: str
    stage: Stage
    run: Callable[..., Any]
    always: bool = False  # not a rule one may leave out (no name in ALL_STEPS)

    @property
    def doc(self) -> str:
        """What the step does: its function's docstring."""
        return (self.run.__doc__ or "").strip()


# -- span steps: (ctx, part, start, end, label) -> (start, end, label) | None -------------
def boundaries(ctx: Context, part: int, start: int, end: int, label: str) -> Bounds | None:
    """Trim quotes, punctuation and leading elisions off the model's span; drop it when
    nothing name-like is left."""
    bounds = clean_bounds(ctx.texts[part], start, end)
    return None if bounds is None else (bounds[0], bounds[1], label)


def trim(ctx: Context, part: int, start: int, end: int, label: str) -> Bounds | None:
    """Drop leading words that are not part of the name ("la France" → "France", for a
    person "le prince de X" → "X"); drop the span when it is only a common word."""
    bounds = trim_leading(ctx.texts[part], start, end, label, ctx.lower)
    return None if bounds is None else (bounds[0], bounds[1], label)


def is_common_word(ctx: Context, text: str, start: int, end: int) -> bool:
    """Common words the model took for a name: a lone capitalised word opening a
    sentence ("Bonjour", "Assassinat"), or a headline in capitals made only of
    dictionary words ("TOMBÉ DE SA FENÊTRE", "PASTILLES AMBROSIAQUES")."""
    span = text[start:end]
    lexicon = ctx.lexicon
    if ctx.known_place(span):
        return False
    if span.isupper() and any(ch.isalpha() for ch in span):
        words = [w for w in _CAPS_SPLIT.split(span) if w and w not in _CAPS_TITLES]
        if len(words) < 2:  # one word in capitals may be an acronym or a brand (TOTAL),
            # but a long dictionary word is a headline ("SPORT", "MILLIONS")
            return ("capswords" in ctx.steps and len(words) == 1 and len(words[0]) >= 5
                    and "-" not in span and lexicon.has_unaccented(words[0])
                    and not ctx.known_place(words[0]))
        common = [len(w) <= 2 or (lexicon.has_unaccented(w) and not ctx.known_place(w))
                  for w in words]
        if all(common):
            return True
        # A headline fragment: half its words are dictionary words ("TRAVAIL DÈS",
        # "VOUS OFFRE"), unless it opens with a title or an institution head
        return ("capswords" in ctx.steps and 2 * sum(common) >= len(words)
                and not span.startswith(("M.", "MM.")) and not is_institution_head(words[0]))
    words = span.split()
    if len(words) > 1:  # "Fonds de commerce", "Nouvelle adhésion", "Côté russe"
        first = words[0]
        return (first[:1].isupper() and not first.isupper()
                and all(w[:1].islower() for w in words[1:])
                and not is_institution_head(first)
                and not ctx.known_place(first)
                and all(w.lower().strip(".,") in lexicon or len(w) <= 3 for w in words))
    if not sentence_initial(text, start):
        return False
    # Capitals often lose their accent in print ("Elixir", "Ecole")
    return span in lexicon or (span[:1] in "AEIOU" and span.isalpha()
                               and lexicon.has_unaccented(span))


def lexicon(ctx: Context, part: int, start: int, end: int, label: str) -> Bounds | None:
    """Drop common words the model took for a name (see is_common_word); the extractor
    also loads the word list only with this step."""
    return None if is_common_word(ctx, ctx.texts[part], start, end) else (start, end, label)


def generic(ctx: Context, part: int, start: int, end: int, label: str) -> Bounds | None:
    """Drop a lone capitalised common noun used for an institution ("l'Etat", "la Société")."""
    return None if is_generic_noun(ctx.texts[part][start:end]) else (start, end, label)


def press(ctx: Context, part: int, start: int, end: int, label: str) -> Bounds | None:
    """A newspaper (a press word in the name, or a press context before it) is MISC."""
    if label in ("ORG", "LOC", "MISC") and is_press_title(ctx.texts[part], start, end):
        return start, end, "MISC"
    return start, end, label


# -- candidate steps: (ctx, candidate) -> None -----------------------------------------------
def streets(ctx: Context, c: Candidate) -> None:
    """A name after a street word ("rue de Rivoli") is that street (LOC), house number
    included."""
    if c.label in ("LOC", "PER", "ORG", "MISC"):
        text = ctx.texts[c.part]
        new_start = extend_street(text, c.start)
        if new_start != c.start:
            c.start, c.label = new_start, "LOC"
        c.start = extend_house_number(text, c.start, c.end)


def heads(ctx: Context, c: Candidate) -> None:
    """The head noun of a multi-word name decides ORG or LOC ("Chambre des communes")."""
    c.label = head_label(ctx.texts[c.part][c.start:c.end], c.label)


def orgheads(ctx: Context, c: Candidate) -> None:
    """A place governed by a lower-case institution head before it ("mairie de Lyon") is
    that institution (ORG), unless another span ends in between."""
    if c.label == "LOC":
        head = org_head_start(ctx.texts[c.part], c.start)
        if head is not None and not any(
                o is not c and o.part == c.part and head < o.end <= c.start for o in ctx.cands):
            c.start, c.label = head, "ORG"


def placeheads(ctx: Context, c: Candidate) -> None:
    """A model name governed by a facility or landform noun before it ("salle Pleyel",
    "mont Blanc") is that place (LOC)."""
    if c.label in ("LOC", "PER") and c.origin == "model":
        extend_to_head(c, place_head_start(ctx.texts[c.part], c.start), "LOC", ctx.cands)


def regions(ctx: Context, c: Candidate) -> None:
    """A place followed by a compass adjective takes it ("Afrique occidentale")."""
    if c.label == "LOC":
        c.end = region_adjective_end(ctx.texts[c.part], c.end)


def orgcaps(ctx: Context, c: Candidate) -> None:
    """A model place governed by a capitalised institution head before it is that
    institution (ORG)."""
    if c.label == "LOC" and c.origin == "model":
        extend_to_head(c, capital_org_start(ctx.texts[c.part], c.start), "ORG", ctx.cands)


def demonyms(ctx: Context, c: Candidate) -> None:
    """A single capitalised word with a demonym ending right after a determiner ("les
    Parisiens") is MISC, not a place or a person."""
    if c.label in ("LOC", "PER") and is_demonym(ctx.texts[c.part], c.start, c.end):
        c.label = "MISC"


def peoples(ctx: Context, c: Candidate) -> None:
    """A dictionary word for a people ("Italiens", "un Allemand"), not a known place, is
    MISC."""
    if c.label in ("LOC", "PER", "ORG"):
        text = ctx.texts[c.part]
        span = text[c.start:c.end]
        if (span.lower() in ctx.lexicon and not ctx.known_place(span)
                and is_common_people_word(span, text, c.start)):
            c.label = "MISC"


def companies(ctx: Context, c: Candidate) -> None:
    """A name that carries a company's legal form or partnership mark is ORG."""
    if c.label in ("MISC", "PER", "LOC") and is_company(ctx.texts[c.part][c.start:c.end]):
        c.label = "ORG"


def assemblies(ctx: Context, c: Candidate) -> None:
    """One capitalised word naming a legislative assembly ("Sénat") is ORG."""
    if c.label in ("MISC", "PER", "LOC") and is_assembly(ctx.texts[c.part][c.start:c.end]):
        c.label = "ORG"


# -- document steps: (ctx) -> None -----------------------------------------------------------
def titles(ctx: Context) -> None:
    """A civil title makes a person and belongs to its span ("M. Dupont"); lower-case
    titles too with the ``monsieur`` option."""
    apply_titles(ctx.texts, ctx.cands, "monsieur" in ctx.steps)


def maiden(ctx: Context) -> None:
    """A maiden name after a person belongs to the person ("Mme Durand, née Lefèvre")."""
    apply_maiden_names(ctx.texts, ctx.cands)


def lowerorgs(ctx: Context) -> None:
    """Organisations in lower case replace the places or nothing the model saw in them."""
    apply_lower_orgs(ctx.texts, ctx.cands)


def articles(ctx: Context) -> None:
    """A one-word person after an article ("le Voltaire") is a thing (MISC); an ORG opening
    with a person's function ("ministre du Travail") is no organisation (dropped)."""
    texts, cands = ctx.texts, ctx.cands
    for c in cands:
        if c.label == "PER" and _ARTICLE_BEFORE.search(
                texts[c.part], max(0, c.start - 8), c.start) and " " not in texts[
                    c.part][c.start:c.end]:
            c.label = "MISC"
    cands[:] = [c for c in cands if not (
        c.label == "ORG" and texts[c.part][c.start:c.end].split()[0] in PERSON_HEADS)]


def ranks(ctx: Context) -> None:
    """A rank or trade in lower case before a name makes a person ("le sommelier Oxford")."""
    apply_ranks(ctx.texts, ctx.cands, ctx.lower)


def personcues(ctx: Context) -> None:
    """A name taken for a place, never after a locative preposition and once followed by a
    person cue, is a person (all its mentions)."""
    apply_person_cues(ctx.texts, ctx.cands, ctx.gazetteer)


def datelines(ctx: Context) -> None:
    """The place of a dispatch's dateline ("Berne, 5 novembre.") is a place."""
    for part, text in enumerate(ctx.texts):
        for s, e in find_datelines(text):
            span = text[s:e]
            if span.lower() in ctx.lexicon or is_generic_noun(span):
                continue
            hits = overlapping(ctx.cands, part, s, e)
            if any(c.label == "PER" and c.origin == "title" for c in hits):
                continue
            for c in hits:
                ctx.cands.remove(c)
            ctx.cands.append(Candidate(part, s, e, "LOC", "dateline"))


def forenames(ctx: Context) -> None:
    """"Durand (Louise)" in a list of people is one person."""
    apply_forenames(ctx.texts, ctx.cands, ctx.gazetteer)


def gazetteer(ctx: Context) -> None:
    """Known places fix the model's label and add the mentions it missed in context; the
    extractor loads the gazetteer only with this step."""
    if ctx.gazetteer is not None:
        apply_gazetteer(ctx.texts, ctx.cands, ctx.lower, ctx.gazetteer)


def acronyms(ctx: Context) -> None:
    """An acronym after an article in prose ("la CEE") names an organisation, unless it
    is a word ("LA", "OR") or a known place ("USA")."""
    for part, text in enumerate(ctx.texts):
        for s, e in organisation_acronyms(text):
            span = text[s:e]
            if ctx.lexicon.has_unaccented(span) or ctx.known_place(span):
                continue
            hits = overlapping(ctx.cands, part, s, e)
            if not hits:
                ctx.cands.append(Candidate(part, s, e, "ORG", "acronym"))
            elif len(hits) == 1 and (hits[0].start, hits[0].end) == (s, e) and hits[
                    0].label in ("MISC", "LOC", "PER"):
                hits[0].label = "ORG"


def names(ctx: Context) -> None:
    """The convention: a person span is the name, without its title (run before the
    keys, and again at the end for the propagated mentions)."""
    cut_names(ctx.texts, ctx.cands)


def keys(ctx: Context) -> None:
    """Each candidate's grouping key (always run)."""
    for c in ctx.cands:
        c.key = entity_key(ctx.texts[c.part][c.start:c.end], c.label)


def vote(ctx: Context) -> None:
    """One label per key in a document: the majority of its model mentions wins."""
    vote_labels(ctx.cands)


def propagate_names(ctx: Context) -> None:
    """Every mention of a name found once is marked, caption included (its surname alone
    too with the ``surnames`` step)."""
    propagate(ctx.texts, ctx.cands, "surnames" in ctx.steps, ctx.lexicon)


def surnames(ctx: Context) -> None:
    """A surname alone takes the full name's key ("Dupont" groups with "Jean Dupont")."""
    full = surname_keys(ctx.cands)
    for c in ctx.cands:
        if c.label == "PER" and " " not in c.key and c.key in full:
            c.key = full[c.key]


def dates(ctx: Context) -> None:
    """DATE spans found by rules (the model does not know them)."""
    add_rule_spans(ctx.texts, ctx.cands, find_dates, "DATE")


def quantities(ctx: Context) -> None:
    """QUANTITY spans found by rules (the model does not know them)."""
    add_rule_spans(ctx.texts, ctx.cands, find_quantities, "QUANTITY")


def _truecase() -> None:
    """The model reads headlines in capitals as title case; read by model_text."""


def _capswords() -> None:
    """The lexicon step also drops words in capitals that are dictionary words (headlines);
    read by is_common_word."""


def _monsieur() -> None:
    """The titles step also takes lower-case titles ("monsieur"); read by titles."""


# The order they run in.  ``names`` runs twice; ``keys`` always.
PIPELINE: tuple[Step, ...] = (
    Step("truecase", "option", _truecase),
    Step("boundaries", "span", boundaries),
    Step("trim", "span", trim),
    Step("lexicon", "span", lexicon),
    Step("capswords", "option", _capswords),
    Step("generic", "span", generic),
    Step("press", "span", press),
    Step("titles", "document", titles),
    Step("monsieur", "option", _monsieur),
    Step("maiden", "document", maiden),
    Step("streets", "candidate", streets),
    Step("heads", "candidate", heads),
    Step("orgheads", "candidate", orgheads),
    Step("placeheads", "candidate", placeheads),
    Step("regions", "candidate", regions),
    Step("orgcaps", "candidate", orgcaps),
    Step("demonyms", "candidate", demonyms),
    Step("peoples", "candidate", peoples),
    Step("lowerorgs", "document", lowerorgs),
    Step("articles", "document", articles),
    Step("ranks", "document", ranks),
    Step("personcues", "document", personcues),
    Step("datelines", "document", datelines),
    Step("forenames", "document", forenames),
    Step("gazetteer", "document", gazetteer),
    Step("companies", "candidate", companies),
    Step("assemblies", "candidate", assemblies),
    Step("acronyms", "document", acronyms),
    Step("names", "document", names),
    Step("keys", "document", keys, always=True),
    Step("vote", "document", vote),
    Step("propagate", "document", propagate_names),
    Step("surnames", "document", surnames),
    Step("dates", "document", dates),
    Step("quantities", "document", quantities),
    Step("names", "document", names),
)
# Every step one may leave out, in the order they first run (the benchmark's ablation)
ALL_STEPS: tuple[str, ...] = tuple(dict.fromkeys(s.name for s in PIPELINE if not s.always))


def span_steps(enabled: frozenset[str]) -> list[Callable[..., Bounds | None]]:
    """The enabled span steps, in order."""
    return [s.run for s in PIPELINE if s.stage == "span" and s.name in enabled]


def run_span_steps(ctx: Context, rules: list[Callable[..., Bounds | None]], part: int,
                   bounds: Bounds) -> Bounds | None:
    """One model span through the span steps: its final bounds and label, or None once a
    step drops it."""
    for rule in rules:
        new = rule(ctx, part, *bounds)
        if new is None:
            return None
        bounds = new
    return bounds


def later_steps(enabled: frozenset[str]) -> Iterator[tuple[Stage, list[Callable[..., None]]]]:
    """The steps after the span steps, in order: one group per document step, one per run
    of consecutive candidate steps of the registry (those run in one loop); groups with no
    enabled step are left out."""
    group: list[Callable[..., None]] = []
    for i, step in enumerate(PIPELINE):
        if step.stage in ("span", "option"):
            continue
        if step.always or step.name in enabled:
            group.append(step.run)
        if i + 1 == len(PIPELINE) or step.stage == "document" or (
                PIPELINE[i + 1].stage != "candidate"):
            if group:
                yield step.stage, group
            group = []
