"""Document-level passes over the model's candidates: titles, maiden names, ranks, lower-case
organisations, person cues, the gazetteer, label propagation and rule spans (DATE, QUANTITY).

Split out of :mod:`reader.core.entities.extractor`, which runs them in order in
``EntityExtractor._resolve``; each pass edits the candidate list in place.
"""

from __future__ import annotations

import re
from typing import Any

from reader.core.entities.gazetteer import Gazetteer
from reader.core.entities.lexicon import Lexicon
from reader.core.entities.postprocess import (
    Candidate,
    bracketed_forenames,
    entity_key,
    extend_with_title,
    lower_titled_names,
    lowercase_organisations,
    maiden_name_end,
    name_bounds,
    overlaps,
    person_head_before,
    strip_accents,
    strip_titles,
    titled_names,
)
from reader.core.lazy_re import lazy_compile

# Before a place: "à Genève", "en Suisse", "vers Lyon"; "de" only where no person can follow
_LOCATIVE = r"à|a|en|vers|depuis|au|aux|via|jusqu'à|jusqu’à|près de"
_STRONG_LOCATIVE_BEFORE = lazy_compile(rf"(?:^|[\s(])(?:{_LOCATIVE})\s+$", re.IGNORECASE)
_LOCATIVE_BEFORE = lazy_compile(rf"(?:^|[\s(])(?:{_LOCATIVE}|de|d'|d’)\s*$", re.IGNORECASE)
# Countries take an article or a preposition in French: "la France", "d'Espagne", "au Pérou"
_COUNTRY_BEFORE = lazy_compile(
    rf"(?:^|[\s(])(?:{_LOCATIVE}|de|d'|d’|du|des|la|le|les|l'|l’|pour|contre|sur|avec|entre)\s*$",
    re.IGNORECASE,
)
_INDEFINITE_BEFORE = lazy_compile(r"(?:^|\s)(?:un|une|des|ces|deux|trois|Un|Une|Des|Ces)\s+$")
# A département or region in brackets after a town: "Épernay (Marne)", "Tournus(Saône-et-Loire)"
_CAPS_WORD_BEFORE = lazy_compile(r"[A-ZÀ-Ý]{2,}[^\S\n]+$")
_SEAT_BEFORE = lazy_compile(r"[A-ZÀ-Ý][\w'’-]*[a-zà-ÿ][^\S\n]?\($")
_TITLE_BEFORE = lazy_compile(r"(?:M\.|MM\.|Mme|Mlle|Me|Dr|Mgr|Sir|sir|Lord|lord)\s+$")


def apply_titles(texts: list[str], cands: list[Candidate], lower_titles: bool = False) -> None:
    """A civil title makes a person, and belongs to its span ("M. Dupont")."""
    for part, text in enumerate(texts):
        spans = titled_names(text)
        if lower_titles:
            spans += [sp for sp in lower_titled_names(text)
                      if not any(sp[0] < b and a < sp[1] for a, b in spans)]
        for s, e in spans:
            titled = Candidate(part, s, e, "PER", "title")
            hits = [c for c in cands if overlaps(c, titled)]
            if not hits:
                cands.append(titled)
                continue
            for c in hits:
                if c.start >= s:
                    c.start = s
                    c.end = max(c.end, e)
                    c.label = "PER"
    for c in cands:
        if c.label == "PER":
            c.start = extend_with_title(texts[c.part], c.start)


def cut_names(texts: list[str], cands: list[Candidate]) -> None:
    for c in cands:
        if c.label == "PER":
            c.start, c.end = name_bounds(texts[c.part], c.start, c.end)


def overlapping(cands: list[Candidate], part: int, start: int, end: int) -> list[Candidate]:
    """The candidates of text ``part`` that overlap ``start:end``."""
    return [c for c in cands if c.part == part and c.start < end and start < c.end]


def extend_to_head(c: Candidate, head: int | None, label: str,
                    cands: list[Candidate]) -> None:
    """Start ``c`` at the head noun before it ("salle", "Musée de") with ``label``, unless
    another span ends between the head and ``c``."""
    if head is not None and not any(o is not c and o.part == c.part and head < o.end <= c.start
                                    for o in cands):
        c.start, c.label = head, label


def apply_forenames(texts: list[str], cands: list[Candidate], gaz: Gazetteer | None) -> None:
    """"Durand (Louise)" in a list of people is one person; neither word may be a place."""
    for part, text in enumerate(texts):
        for s, e, surname, forename in bracketed_forenames(text):
            if gaz is not None and (gaz.kind(surname) or gaz.kind(forename)):
                continue
            hits = overlapping(cands, part, s, e)
            if any(c.start < s or c.end > e for c in hits):
                continue
            for c in hits:
                cands.remove(c)
            cands.append(Candidate(part, s, e, "PER", "forename"))


def apply_maiden_names(texts: list[str], cands: list[Candidate]) -> None:
    """A maiden name after a person belongs to the person ("Mme Durand, née Lefèvre"); the
    model's spans inside it are dropped."""
    for c in [c for c in cands if c.label == "PER"]:
        end = maiden_name_end(texts[c.part], c.end)
        if end == c.end:
            continue
        inside = [o for o in cands if o is not c and o.part == c.part
                  and c.end <= o.start and o.end <= end]
        if any(o.start < end and o.end > end for o in cands if o.part == c.part):
            continue  # a span crosses the new end: leave both alone
        for o in inside:
            cands.remove(o)
        c.end = end


_NAME_AFTER = lazy_compile(r"[A-ZÀ-Ý][\w'’-]*[\w](?:[^\S\n]+(?:de[^\S\n]+)?[A-ZÀ-Ý][\w'’-]*[\w])*")


def apply_ranks(texts: list[str], cands: list[Candidate], lower: set[str]) -> None:
    """A rank or trade in lower case before a name makes a person ("le sommelier Oxford"):
    relabel the model's span, or add the name it missed."""
    for c in cands:
        if c.label != "PER" and c.origin == "model" and person_head_before(texts[c.part], c.start):
            c.label = "PER"
    for part, text in enumerate(texts):
        taken = [(c.start, c.end) for c in cands if c.part == part]
        for m in _NAME_AFTER.finditer(text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken) or m.group().isupper():
                continue
            if not person_head_before(text, s):
                continue
            if strip_accents(m.group().split()[0].casefold()) in lower:
                continue
            cands.append(Candidate(part, s, e, "PER", "rank"))
            taken.append((s, e))


# After a person, not a place: a verb or object pronoun ("Marcienne le croyait", "X n'a pas"),
# a relative "qui", or a country in parentheses ("Frazier (Etats-Unis)").
_PERSON_AFTER = lazy_compile(
    r"[^\S\n]*(?:(?:a|avait|eut|aura|est|était|fut|sera|n['’]|ne|se|s['’]|le|la|lui|leur|"
    r"qui|dit|déclare|répond|répondit)[^\S\n]|\([A-ZÀ-Ý][\w -]+\)|,[^\S\n]+(?:âgé|âgée|né|née)"
    r"[^\S\n])"
)


def apply_lower_orgs(texts: list[str], cands: list[Candidate]) -> None:
    """Organisations in lower case replace the places or nothing the model saw in them."""
    for part, text in enumerate(texts):
        for s, e in lowercase_organisations(text):
            hits = overlapping(cands, part, s, e)
            if any(c.label in ("PER", "ORG") or c.start < s or c.end > e for c in hits):
                continue
            for c in hits:
                cands.remove(c)
            cands.append(Candidate(part, s, e, "ORG", "lowerorg"))


def apply_person_cues(
    texts: list[str], cands: list[Candidate], gaz: Gazetteer | None
) -> None:
    """A name the model took for a place although no mention follows a locative preposition
    and one is followed by a person cue is a person; decided per name, for all mentions."""
    by_name: dict[str, list[Candidate]] = {}
    for c in cands:
        if c.label in ("LOC", "PER", "ORG", "MISC"):
            by_name.setdefault(texts[c.part][c.start:c.end], []).append(c)
    for name, group in by_name.items():
        locs = [c for c in group if c.label == "LOC" and c.origin == "model"]
        if (not locs or (gaz is not None and gaz.kind(name)) or name.isupper()
                or any(w[:1].islower() for w in name.split())):  # "seuil de Gabès"
            continue
        if any(c.label not in ("LOC", "PER") for c in group):
            continue
        if any(_COUNTRY_BEFORE.search(texts[c.part][max(0, c.start - 12):c.start])
               for c in group):
            continue
        if any(_PERSON_AFTER.match(texts[c.part], c.end) for c in group):
            for c in group:
                c.label = "PER"


def apply_gazetteer(
    texts: list[str], cands: list[Candidate], lower: set[str], gaz: Gazetteer
) -> None:
    """Known places: fix the model's label, and add the mentions it missed in context."""
    for c in cands:
        text = texts[c.part]
        if c.label == "LOC":
            continue
        kind = gaz.kind(text[c.start:c.end])
        if kind is None:
            continue
        before = text[max(0, c.start - 12):c.start]
        if c.label == "PER":
            if _STRONG_LOCATIVE_BEFORE.search(before):  # "à Lincoln", not "Lincoln a dit"
                c.label = "LOC"
        elif kind == "country" or _LOCATIVE_BEFORE.search(before):
            c.label = "LOC"
    for part, text in enumerate(texts):
        taken = [(c.start, c.end) for c in cands if c.part == part]
        for s, e, kind in gaz.candidates(text):
            if any(s < b and a < e for a, b in taken):
                continue
            span = text[s:e]
            before = text[max(0, s - 12):s]
            if (" " not in span and strip_accents(span.casefold()) in lower
                    and not _STRONG_LOCATIVE_BEFORE.search(before)):
                continue  # also a common word in this document ("Nice", "Tours", "Nord")
            if _TITLE_BEFORE.search(before):
                continue
            line_start = text.rfind("\n", 0, s) + 1
            line_end = text.find("\n", e)
            alone = not text[line_start:s].strip() and not text[e:len(text) if line_end < 0
                                                               else line_end].strip(" .:")
            pattern = _COUNTRY_BEFORE if kind == "country" else _LOCATIVE_BEFORE
            headline = (kind == "country" and span.isupper() and len(span) >= 4  # "PÉROU",
                        and not _CAPS_WORD_BEFORE.search(before))  # not "PORTE SAINT-MARTIN"
            seat = _SEAT_BEFORE.search(before) and text.startswith(")", e)  # "Épernay (Marne)"
            if not (alone and kind == "country") and not headline and not seat and (
                    not pattern.search(before)):
                continue
            cands.append(Candidate(part, s, e, "LOC", "gazetteer"))
            taken.append((s, e))


def propagate(
    texts: list[str], cands: list[Candidate], with_surnames: bool, lexicon: Lexicon
) -> None:
    """Label every other mention of a name the model recognised once in the document."""
    forms: dict[str, tuple[str, str]] = {}
    for c in cands:
        surface = texts[c.part][c.start:c.end]
        if c.label == "PER":
            surface = strip_titles(surface)
        if len(surface) >= 2 and surface[0].isupper():
            forms.setdefault(surface, (c.label, c.key))
    if with_surnames:
        for c in cands:
            if c.label != "PER":
                continue
            words = strip_titles(texts[c.part][c.start:c.end]).split()
            last = words[-1] if len(words) >= 2 else ""
            if (len(last) >= 3 and last[0].isupper() and not last.isupper()
                    and last.lower() not in lexicon):  # "Jean XXIII", "Ecrire"
                forms.setdefault(words[-1], ("PER", c.key))
    if not forms:
        return
    pattern = lazy_compile(
        r"(?<![\w'’-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?![\w-])"
    )
    for part, text in enumerate(texts):
        taken = sorted((c.start, c.end) for c in cands if c.part == part)
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            if _INDEFINITE_BEFORE.search(text, max(0, s - 8), s):
                continue  # "un Suisse" is not Switzerland
            label, key = forms[m.group()]
            if label == "PER":
                s = extend_with_title(text, s)
            new = Candidate(part, s, e, label, "propagated", key)
            cands.append(new)
            taken.append((s, e))


def add_rule_spans(texts: list[str], cands: list[Candidate], finder: Any, label: str) -> None:
    """Rule spans win over overlapping MISC spans and lose to names."""
    for part, text in enumerate(texts):
        for s, e in finder(text):
            probe = Candidate(part, s, e, label, "rule")
            hits = [c for c in cands if overlaps(c, probe)]
            if any(c.label not in ("MISC",) for c in hits):
                continue
            for c in hits:
                cands.remove(c)
            probe.key = entity_key(text[s:e], label)
            cands.append(probe)
