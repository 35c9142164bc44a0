"""Clean-up of statistical entity spans and document-level consistency.

The model's raw spans carry predictable faults on French press text: a leading elided
article or conjunction (``l'OTAN``, ``d'Ukraine``, ``qu'``), quotes and punctuation at the
edges, a title left outside a person (``M. Dupont``), a rank or a sentence-initial common
noun inside one (``le prince de X``, ``Attentat de X``), a demonym taken for a place, and one
name labelled differently in two paragraphs.  Everything here is rules about the French
language and press conventions, never lists of particular names.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from reader.core.lazy_re import lazy_compile

# Elided words that can stick to the front of a name: l'OTAN, d'Ukraine, qu'Antony...
_ELISION = lazy_compile(
    r"(?:l|d|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|s|n|j|m|t|c)['’]", re.IGNORECASE
)
_EDGE_CHARS = "«»\"“”„‟'‘’`´()[]{}<>,;:!?…*•·|/\\#=+_~^$%&@-–—\u00a0 \t\n"
_SPACED_DASH = lazy_compile(r"\s[-–—]\s")
_LEAD_STRIP = _EDGE_CHARS + "."
_TRAILING_PARTICLES = lazy_compile(
    r"(?:\s+(?:de|du|des|d['’]?|et|ou|la|le|les|l['’]?|à|au|aux|en|sur|sous|pour|par))+$"
)
# Abbreviations whose final dot belongs to the name ("J.", "U.S.A.", "St.", "Cie.")
_KEEP_FINAL_DOT = lazy_compile(
    r"(?:^|[\s.-])(?:[A-ZÀ-Ý]|[A-ZÀ-Ý][a-zà-ÿ]{0,2}|(?:[A-Za-z]\.)+[A-Za-z])\.$"
)
# Civil titles belong to a person span (the conventions of French press NER: "M. Alfred
# Golay", "Mme de Staël", "sir Stafford Northcote") but not to its grouping key.
CIVIL_TITLES = (
    "M.", "MM.", "Mme", "Mmes", "Mme.", "Mlle", "Mlles", "Mlle.", "Me", "Mgr", "Dr", "Dr.",
    "Pr", "Pr.", "Monsieur", "Madame", "Mademoiselle", "Messieurs", "Mesdames", "Sir",
    "monsieur", "madame", "mademoiselle", "messieurs", "mesdames", "sir", "Lady", "lady",
)
# Lowercase words that stay at the head of a person span: particles and the forms of
# address the conventions keep ("professeur X", "l'abbé X"); any other lowercase head is a
# rank or a trade ("le prince X", "le sommelier X") that stays outside.
_KEEP_LOWER_HEADS = {
    "van", "von", "de", "del", "della", "di", "da", "du", "des", "ben", "ibn", "al", "el",
    "professeur", "abbé", "docteur", "honorable", "sieur", "sieurs", "maître",
} | {t for t in CIVIL_TITLES if t.islower()}
RANK_TITLES = (
    "général", "générale", "colonel", "lieutenant-colonel", "capitaine", "lieutenant",
    "commandant", "maréchal", "amiral", "sergent", "caporal", "docteur", "professeur",
    "abbé", "cardinal", "pape", "roi", "reine", "prince", "princesse", "duc", "duchesse",
    "comte", "comtesse", "baron", "baronne", "marquis", "marquise", "empereur", "impératrice",
    "président", "présidente", "ministre", "sénateur", "député", "maître", "chanoine",
    "pasteur", "curé", "évêque", "archevêque", "saint", "sainte", "frère", "sœur", "père",
    "lord", "tsar", "sultan", "shah", "émir", "juge", "préfet", "maire", "chancelier",
)
_TITLE_ALT = "|".join(
    sorted({re.escape(t) for t in CIVIL_TITLES}
           | {re.escape(t) for t in RANK_TITLES}
           | {re.escape(t.capitalize()) for t in RANK_TITLES}, key=len, reverse=True)
)
_TITLE_WORD = rf"(?:{_TITLE_ALT})(?![\w])"
# Leading titles, optionally with the article: "le général", "M.", "Mme"
_LEADING_TITLES = lazy_compile(
    rf"^(?:(?:le|la|les|Le|La|Les|l'|L'|l’|L’)\s*)?(?:{_TITLE_WORD}\.?\s*)+"
)
_CIVIL_ALT = "|".join(sorted((re.escape(t) for t in CIVIL_TITLES), key=len, reverse=True))
# "M. Dupont", and "M. le député Dupont": the civil title then the article and a rank
_CIVIL_BEFORE = lazy_compile(
    rf"(?:^|(?<=[\s(«\"“]))(?:{_CIVIL_ALT})[^\S\n]+(?:(?:le|la)[^\S\n]+[a-zà-ÿ-]{{3,}}[^\S\n]+)?$"
)
# "M. Dupont", "Mme Jeanne de La Tour": a civil title followed by capitalised words.  Only
# initials keep a dot ("M. J. Dupont"), so "M. Dupont. Il" stops at the sentence end.
_SP = r"[^\S\n]+"
_NAME_WORD = (
    r"(?:[A-ZÀ-Ý][a-zà-ÿ]{0,2}\.|[A-ZÀ-Ý][\w'’-]*"
    rf"|(?:de|du|des|d'|d’|van|von|le|la|di|da|del|ben)(?={_SP}[A-ZÀ-Ý]))"
)
_CIVIL_CAPITAL = "|".join(sorted((re.escape(t) for t in CIVIL_TITLES if t[0].isupper()),
                                 key=len, reverse=True))
_TITLED_NAME = lazy_compile(
    rf"(?<![\w])(?:{_CIVIL_CAPITAL}){_SP}(?:{_NAME_WORD}{_SP})*[A-ZÀ-Ý][\w'’-]*[\w]"
)
_LEADING_ARTICLE = lazy_compile(r"^(?:le|la|les|l'|l’)\s*", re.IGNORECASE)
_FUNCTION_HEADS = {"le", "la", "les", "l", "de", "du", "des", "d", "au", "aux", "en", "à",
                   "et", "un", "une", "ce", "cet", "cette", "ces", "sur", "par", "pour"}
_FIRST_WORD = lazy_compile(r"([^\s'’]+)(['’]|\s+)(?=\S)")
_LOWER_WORD = lazy_compile(r"(?<![\w'’-])[a-zà-ÿœæ][a-zà-ÿœæ-]+")
_STOP = {
    "le", "la", "les", "un", "une", "des", "de", "du", "et", "ou", "à", "au", "aux", "en",
    "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "tu", "ce", "cette", "ces",
    "qui", "que", "quoi", "dont", "où", "mais", "donc", "or", "ni", "car", "si", "ne", "pas",
    "plus", "par", "pour", "sur", "sous", "dans", "avec", "sans", "son", "sa", "ses",
}
# Head nouns that decide the type of a multi-word name.
_ORG_HEADS = {
    "chambre", "sénat", "parlement", "conseil", "assemblée", "gouvernement", "ministère",
    "société", "compagnie", "banque", "université", "académie", "comité", "commission",
    "parti", "ligue", "fédération", "association", "syndicat", "tribunal", "cour", "cabinet",
    "congrès", "institut", "office", "bureau", "club", "conférence", "union", "organisation",
    "agence", "fondation", "république", "groupe", "caisse", "direction", "école", "ecole", "collège",
    "armée", "police", "gendarmerie", "douma", "diète", "mouvement", "front", "alliance",
}
_LOC_HEADS = {
    "rue", "place", "boulevard", "avenue", "quai", "pont", "lac", "mont", "mer", "golfe",
    "île", "ile", "cap", "canal", "vallée", "col", "port", "gare", "château", "bois", "forêt",
    "plaine", "région", "province", "canton", "comté", "département", "fleuve", "rivière",
    "détroit", "baie", "péninsule", "désert", "faubourg", "quartier", "square", "cours",
    "chaussée", "impasse", "passage", "allée", "route", "plateau", "massif", "océan",
}
# Demonyms are not names of places: "les Américains", "des Européens", "un Français".
_DEMONYM = lazy_compile(
    r"(?:ais|aise|aises|ois|oise|oises|ain|ains|aine|aines|ien|iens|ienne|iennes|éen|éens|"
    r"éenne|éennes|ands|ande|ols|ole|oles|aux)$"
)
_DETERMINER_BEFORE = lazy_compile(
    r"(?:^|\s)(?:les|des|aux|ces|nos|vos|leurs|quelques|plusieurs|deux|trois|quatre|cinq|"
    r"un|une|le|la|du|Les|Des|Ces|Un|Une|Le|La)\s+$"
)
# Plural people counted or quantified: "trois Italiens", "de Roumains", "nous, Vaudois"
_PLURAL_PEOPLE_BEFORE = lazy_compile(
    r"(?:^|\s)(?:les|des|aux|ces|nos|vos|leurs|quelques|plusieurs|deux|trois|quatre|cinq|six|"
    r"dix|cent|mille|millions|milliers|de|d'|d’|Les|Des|Ces|Deux|Trois|Quelques|Plusieurs)\s*$"
)

_ELIDED_ARTICLE_BEFORE = lazy_compile(r"(?:^|[\s(])[lL]['’]$")
_NOUN_BEFORE = lazy_compile(r"(?<![\w-])([a-zà-ÿœ]{4,})[^\S\n]+$")
_COPULA_BEFORE = lazy_compile(r"(?<![\w-])(?:est|sont|était|étaient|devenu|devenue|né|née)[^\S\n]+$")
_PREPOSITIONS = {"chez", "vers", "pour", "contre", "avec", "sans", "sous", "dans", "entre",
                 "près", "selon", "depuis", "devant", "derrière", "parmi", "après", "avant",
                 "envers", "outre", "malgré", "durant", "pendant", "comme", "dont", "mais",
                 "puis", "donc", "voici", "voilà", "quand", "lorsque", "alors", "aussi"}


def is_common_people_word(span: str, text: str, start: int) -> bool:
    """A dictionary word for a people ("Italiens", "Turcs", "un Allemand") taken for a
    place: the caller checks that the word is a common French word and not a known place."""
    if " " in span or not span[:1].isupper() or span.isupper():
        return False
    before = text[max(0, start - 12):start]
    if (_DEMONYM.search(span) or span.endswith("and")) and (
            _DETERMINER_BEFORE.search(before) or _ELIDED_ARTICLE_BEFORE.search(before)):
        return True  # "un Allemand", "l'Américain"
    if _COPULA_BEFORE.search(before) and (_DEMONYM.search(span) or span.endswith("and")):
        return True  # "il est Parisien"
    noun = _NOUN_BEFORE.search(before)
    if noun and noun.group(1) not in _PREPOSITIONS and _DEMONYM.search(span):
        return True  # an adjective after its noun: "l'hôtellerie Française"
    return span.endswith(("s", "x")) and bool(_PLURAL_PEOPLE_BEFORE.search(before))


@dataclass(slots=True)
class Candidate:
    """A mutable span while rules run; ``part`` is which text of the document it is in."""

    part: int
    start: int
    end: int
    label: str
    origin: str = "model"
    key: str = ""


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean_bounds(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim quotes, punctuation and leading elisions; None when nothing name-like is left."""
    newline = text.find("\n", start, end)
    if newline >= 0:  # a span never crosses a paragraph: keep its first line
        end = newline
    paren = text.find("(", start, end)
    if paren > start and text.find(")", paren, end) < 0:  # "Epernay(Marne": OCR lost a space
        end = paren
    dash = _SPACED_DASH.search(text, start, end)
    if dash:  # "Jens Stoltenberg - OTAN": a spaced dash separates two names
        end = dash.start()
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start] in _LEAD_STRIP:
            start += 1
            changed = True
        m = _ELISION.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
            changed = True
        while start < end and text[end - 1] in _EDGE_CHARS:
            end -= 1
            changed = True
        if start < end and text[end - 1] == "." and not _KEEP_FINAL_DOT.search(text[start:end]):
            end -= 1
            changed = True
        tail = _TRAILING_PARTICLES.search(text, start, end)
        if tail and tail.start() > start:  # "Ligue des Droits de l'Homme et du"
            end = tail.start()
            changed = True
    if end - start < 2:
        return None
    span = text[start:end]
    if not any(ch.isalpha() for ch in span):
        return None
    if span.lower() in _STOP or _ELISION.fullmatch(span + "'"):
        return None
    if not any(ch.isupper() or ch.isdigit() for ch in span):
        return None  # a name has a capital somewhere ("qu'", "ailleurs" are not names)
    return start, end


def strip_titles(text: str) -> str:
    """``M. Jean Dupont`` → ``Jean Dupont``; ``le général de Gaulle`` → ``de Gaulle``."""
    stripped = _LEADING_TITLES.sub("", text).strip()
    return stripped or text


def entity_key(text: str, label: str) -> str:
    """Grouping key: no elision, title or leading article, no accents, casefolded."""
    t = text.strip()
    m = _ELISION.match(t)
    if m and m.end() < len(t):
        t = t[m.end():]
    if label == "PER":
        t = strip_titles(t)
    else:
        t = _LEADING_ARTICLE.sub("", t) or t
    t = strip_accents(t).casefold()
    t = re.sub(r"[\s\u00a0]+", " ", t.replace("’", "'")).strip(" .")
    return t


def extend_with_title(text: str, start: int) -> int:
    """New start of a person span that includes a civil title just before it."""
    window = text[max(0, start - 40):start]
    m = _CIVIL_BEFORE.search(window)
    if m:
        return start - (len(window) - m.start())
    return start


_COUPLE = lazy_compile(rf"(?<![\w])M\.{_SP}et{_SP}(?=Mme{_SP})")
_NAME_TAIL = lazy_compile(rf"(?:{_NAME_WORD}{_SP})*[A-ZÀ-Ý][\w'’-]*[\w]")
_PLURAL_TITLE = lazy_compile(r"^(?:MM\.|Mmes|Messieurs|Mesdames)")
_COORDINATED = lazy_compile(rf"{_SP}et{_SP}(?=(?:de{_SP}|d['’]|du{_SP})?[A-ZÀ-Ý])")


def _is_function_address(mention: str) -> bool:
    """"M. le Président", "M. LE MINISTRE": a function addressed, not a name."""
    words = mention.split()[1:]
    if len(words) < 2 or words[0].lower() not in ("le", "la"):
        return False
    return all(w.lower() in PERSON_HEADS or w.lower() in ("le", "la") for w in words)


def titled_names(text: str) -> list[tuple[int, int]]:
    """Spans of ``M. Dupont``-style mentions: a civil title makes a person.

    "M. et Mme Dupont" is one span; after a plural title the names coordinated by "et"
    are persons too ("MM. Dupont et de Meuron" → "MM. Dupont", "de Meuron").
    """
    spans: list[tuple[int, int]] = []
    for m in _TITLED_NAME.finditer(text):
        s, e = m.span()
        if _is_function_address(m.group()):
            continue
        for couple in _COUPLE.finditer(text, max(0, s - 8), s + 4):
            if couple.end() == s:
                s = couple.start()
        spans.append((s, e))
        if _PLURAL_TITLE.match(m.group()):
            co = _COORDINATED.match(text, e)
            if co:
                tail = _NAME_TAIL.match(text, co.end())
                if tail:
                    spans.append(tail.span())
    return spans


def overlaps(a: Candidate, b: Candidate) -> bool:
    return a.part == b.part and a.start < b.end and b.start < a.end


def vote_labels(cands: list[Candidate]) -> None:
    """One label per key in a document: the majority of its model mentions wins."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for c in cands:
        if c.label in ("PER", "LOC", "ORG", "MISC"):
            votes[c.key][c.label] += 1
    for c in cands:
        counter = votes.get(c.key)
        if counter and len(counter) > 1:
            (best, n), *rest = counter.most_common()
            if rest and rest[0][1] == n:
                continue  # a tie: keep each mention's own label
            c.label = best


def surname_keys(cands: list[Candidate]) -> dict[str, str]:
    """Last word of multi-word person keys → the full key, when unambiguous."""
    full: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        if c.label == "PER":
            words = c.key.split()
            if len(words) >= 2:
                full[words[-1]].add(c.key)
    return {last: next(iter(keys)) for last, keys in full.items() if len(keys) == 1}


def lowercase_words(texts: list[str]) -> set[str]:
    """Accent-free forms of the words a document writes in lowercase: a capitalised word
    whose lowercase form the same document uses is a common noun at a sentence start."""
    words: set[str] = set()
    for text in texts:
        words.update(_LOWER_WORD.findall(text))
    return {strip_accents(w) for w in words}


def _is_common(word: str, lower: set[str]) -> bool:
    return (word[:1].isupper() and not word.isupper()
            and strip_accents(word.casefold()) in lower)


def trim_leading(
    text: str, start: int, end: int, label: str, lower: set[str]
) -> tuple[int, int] | None:
    """Drop leading words that are not part of the name.

    Function words ("la France" → "France"), for persons a rank or trade ("le prince de X" →
    "X") and a capitalised common noun at a sentence start ("Attentat de X" → "X").  None
    when the span is itself only a common word.
    """
    stripped_head = False
    while True:
        m = _FIRST_WORD.match(text, start, end)
        if not m:
            break
        word = m.group(1)
        low = word.lower()
        if word in CIVIL_TITLES:
            break
        if label == "PER" and low in _KEEP_LOWER_HEADS and not stripped_head:
            break
        if word.islower() and (low in _FUNCTION_HEADS or label == "PER"):
            start = m.end()
            stripped_head = True
            continue
        if _is_common(word, lower) and any(ch.isupper() for ch in text[m.end():end]):
            start = m.end()
            stripped_head = True
            continue
        break
    if start >= end:
        return None
    span = text[start:end]
    if " " not in span and _is_common(span, lower) and label in ("PER", "LOC", "ORG", "MISC"):
        return None
    if span.lower() in _STOP or span in CIVIL_TITLES:
        return None
    return start, end


def is_institution_head(word: str) -> bool:
    """A head noun that makes a name of common words ("Conseil fédéral", "rue Neuve")."""
    return word.lower() in _ORG_HEADS or word.lower() in _LOC_HEADS


def head_label(span: str, label: str) -> str:
    """The head noun of a multi-word name decides ORG or LOC ("Chambre des communes")."""
    if label not in ("PER", "LOC", "ORG", "MISC"):
        return label
    words = span.split()
    if len(words) < 2:
        return label
    head = words[0].lower()
    if head in _ORG_HEADS:
        return "ORG"
    if head in _LOC_HEADS:
        return "LOC"
    return label


def is_demonym(text: str, start: int, end: int) -> bool:
    """A single capitalised word with a demonym ending right after a determiner."""
    span = text[start:end]
    if " " in span or "-" in span or not span[:1].isupper() or span.isupper():
        return False  # "Pré-Saint-Gervais", "Comédie-Française" are names
    return bool(_DEMONYM.search(span)) and bool(
        _DETERMINER_BEFORE.search(text[max(0, start - 12):start])
    )


_CAPS_WORD = lazy_compile(r"(?<![\w])[A-ZÀ-ÝŒÆ][A-ZÀ-ÝŒÆ-]*[A-ZÀ-ÝŒÆ](?![\w])")


def truecase(text: str) -> str:
    """Headlines in capitals ("ALLEMAGNE", "LE VOYAGE DE M. GAMBETTA") as title case.

    The model learnt names from mixed-case text and tags capitals almost at random.  A word
    in capitals is rewritten when it is long (acronyms are short: OTAN, AFP) or stands in a
    run of capitalised words; the length never changes, so offsets are kept.
    """
    matches = list(_CAPS_WORD.finditer(text))
    if not matches:
        return text
    chars = list(text)
    for i, m in enumerate(matches):
        word = m.group()
        in_run = any(
            0 <= j < len(matches) and j != i
            and text[min(m.end(), matches[j].end()):max(m.start(), matches[j].start())].strip() == ""
            for j in (i - 1, i + 1)
        )
        if len(word) < 6 and not in_run:
            continue
        titled = re.sub(r"[^\W\d_]+", lambda w: w.group()[0] + w.group()[1:].lower(), word)
        if len(titled) == len(word):
            chars[m.start():m.end()] = titled
    return "".join(chars)



_SENTENCE_START = lazy_compile(r"(?:^|[.!?:;»—–\n]\s*|[«\"“]\s*|\.\s*[-—–]\s*)$")


def sentence_initial(text: str, start: int) -> bool:
    """True when ``start`` opens a sentence, a line, a quotation or a dashed item."""
    return bool(_SENTENCE_START.search(text[max(0, start - 4):start]))


# Street names include their kind and house number ("16, rue du Croissant", "r. d'Amsterdam")
_STREET_BEFORE = lazy_compile(
    r"(?:(?<![\w])\d{1,4}(?:\s?(?:bis|ter))?,?\s+)?"
    r"(?<![\w])(?:rue|r\.|boulevard|boul\.|bd|avenue|av\.|place|quai|impasse|chemin|route|"
    r"allée|square|passage|faubourg|faub\.|ruelle|rond-point|esplanade)"
    r"(?:\s+(?:de\s+la|de\s+l['’]|des|du|de|d['’]))?\s*$",
    re.IGNORECASE,
)


def extend_street(text: str, start: int) -> int:
    """New start of a place span that is the name part of a street."""
    window = text[max(0, start - 30):start]
    m = _STREET_BEFORE.search(window)
    if m and "\n" not in m.group() and not (
        m.group().lower().startswith("place") and _INSTEAD_OF.search(window[:m.start()])
    ):
        return start - (len(window) - m.start())
    return start


_INSTEAD_OF = lazy_compile(r"(?:à\s+la|en)\s+$", re.IGNORECASE)  # "à la place de X"


# Capitalised common nouns of French press style: "l'Etat", "l'Eglise", "la Bourse", "la
# Société" stand for an institution of the context, not for a name.  Bodies that one word
# names unambiguously ("la Chambre", "le Sénat") stay.
_GENERIC_NOUNS = ({"état", "états", "etat", "etats", "église", "eglise", "trésor", "bourse",
                   "bibliothèque", "porte", "confédération", "quartier-général", "etat-major",
                   "état-major", "réunion", "terme", "centre", "nord", "sud", "est", "ouest",
                   "directeur", "institutions", "hôtels", "pensions"}
                  | (_ORG_HEADS - {"chambre", "sénat", "parlement", "douma", "diète", "congrès",
                                   "gouvernement", "cabinet"}))


def is_generic_noun(span: str) -> bool:
    """A lone capitalised common noun used for an institution ("l'Etat", "la Société")."""
    return " " not in span and not span.isupper() and span.lower() in _GENERIC_NOUNS


# Ranks, functions and trades written before a name in lower case make a person: "le
# sommelier Oxford", "lord Granville", "le dictateur Pierola", "l'explorateur X".
PERSON_HEADS = set(RANK_TITLES) | {
    "lord", "sir", "lady", "soldat", "sommelier", "bourgmestre", "conducteur", "dictateur",
    "pâtissier", "ouvrier", "garde", "forestier", "docteur", "explorateur", "expert",
    "écrivain", "poète", "peintre", "sculpteur", "compositeur", "pianiste", "violoniste",
    "chanteur", "chanteuse", "acteur", "actrice", "artiste", "avocat", "notaire", "banquier",
    "négociant", "commerçant", "industriel", "ingénieur", "architecte", "journaliste",
    "rédacteur", "directeur", "secrétaire", "trésorier", "député", "conseiller", "camarade",
    "camarades", "citoyen", "citoyenne", "sieur", "dame", "veuve", "nommé", "nommée",
    "commissaire", "inspecteur", "agent", "brigadier", "gendarme", "policier", "assassin",
    "meurtrier", "accusé", "prévenu", "abbé", "chanoine", "vicaire", "rabbin", "imam",
    "khédive", "négus", "mikado", "vice-roi", "archiduc", "grand-duc", "infant", "infante",
    "metteur", "fabuliste", "romancier", "philosophe", "historien", "savant", "chimiste",
    "physicien", "aviateur", "boxeur", "coureur", "champion", "joueur", "entraîneur",
}
_PERSON_HEAD_BEFORE = lazy_compile(r"(?<![\w'’-])([a-zà-ÿœ-]+)[^\S\n]+$")


def person_head_before(text: str, start: int) -> bool:
    """True when a lowercase rank, function or trade stands right before ``start``."""
    m = _PERSON_HEAD_BEFORE.search(text, max(0, start - 25), start)
    return m is not None and m.group(1) in PERSON_HEADS


# A street keeps its house number: "89, avenue de Wagram", "16, rue du Croissant"
_HOUSE_NUMBER = lazy_compile(r"(?<![\w,.])\d{1,4}(?:[^\S\n]?(?:bis|ter))?,?[^\S\n]+$")
_STREET_KINDS = lazy_compile(
    r"(?:rue|r\.|boulevard|boul\.|bd|avenue|av\.|place|quai|impasse|chemin|route|allée|"
    r"square|passage|faubourg|faub\.|ruelle|rond-point|esplanade)\s", re.IGNORECASE)


def extend_house_number(text: str, start: int, end: int) -> int:
    """New start of a street span that includes the house number written before it."""
    if not _STREET_KINDS.match(text, start, end):
        return start
    m = _HOUSE_NUMBER.search(text, max(0, start - 10), start)
    return m.start() if m else start


# Newspapers are titles of works (HIPE "HumanProd"), not organisations.
_PRESS_WORDS = {"gazette", "zeitung", "journal", "times", "tribune", "courrier", "figaro",
                "moniteur", "messager", "mercure", "nouvelliste", "correspondance", "post",
                "telegraph", "télégraphe", "standard", "daily", "tageblatt", "presse",
                "temps", "matin", "siècle", "écho", "echo", "petit", "intransigeant"}
_PRESS_BEFORE = lazy_compile(
    r"(?:journal|journaux|feuille|organe|correspondant|correspondants|rédacteur|rédaction|"
    r"lit[^\S\n]+dans|lisons[^\S\n]+dans|publié[^\S\n]+par|publiée[^\S\n]+par)"
    r"(?:[^\S\n]+(?:du|de[^\S\n]+la|de[^\S\n]+l'|des|le|la|l'|au))?[^\S\n]*$",
    re.IGNORECASE,
)
_PRESS_NAMES = {"gazette", "zeitung", "times", "tageblatt", "telegraph"}


def is_press_title(text: str, start: int, end: int) -> bool:
    """A newspaper: a press word in the name, or a press context just before it."""
    words = [w.lower().strip(".,") for w in text[start:end].split()]
    if not words:
        return False
    if len(words) > 1 and words[0] in _PRESS_WORDS - {"petit", "temps", "matin", "siècle",
                                                       "post", "standard", "presse", "écho",
                                                       "echo"}:
        return True
    if any(w in _PRESS_NAMES for w in words):
        return True
    return bool(_PRESS_BEFORE.search(text, max(0, start - 30), start))


# An institution named by a lower-case head and its seat: "la cour de Riom", "la police de
# Berlin", "le parti communiste d'Allemagne".  The whole is the organisation (press NER has
# no nested entities); only a place is taken in ("le gouvernement de M. X" is no ORG).
_ORG_LOWER_HEADS = (_ORG_HEADS | {"police", "mairie", "municipalité", "préfecture", "cour",
                                  "tribunal", "fondation", "maison", "café", "firme",
                                  "entreprise", "consulat", "ambassade", "légation"}) - {
    "république", "armée", "front", "union", "direction", "bureau", "office", "groupe",
    "cabinet", "caisse", "école", "ecole", "collège", "mouvement", "alliance"}
_OF = r"(?:[^\S\n]+(?:de|du|des)[^\S\n]+|[^\S\n]+d['’])$"
_LOWER = r"[a-zàâçéèêëîïôûùüÿœ]+"
# "la cour de X", then "le parti communiste d'X" (one adjective after the head)
_ORG_OF_BEFORE = (lazy_compile(rf"(?<![\w'’])({_LOWER}){_OF}"),
                  lazy_compile(rf"(?<![\w'’])({_LOWER})[^\S\n]+[a-zàâçéèêëîïôûùüÿœ-]+{_OF}"))


def org_head_start(text: str, start: int) -> int | None:
    """Start of the lower-case institution head that governs a name at ``start``."""
    for pattern in _ORG_OF_BEFORE:
        m = pattern.search(text, max(0, start - 40), start)
        if m and m.group(1) in _ORG_LOWER_HEADS:
            return m.start()
    return None


# Organisations written in lower case: "le parti social-démocrate", "le parti communiste
# d'Allemagne", "le ministère de la guerre", "la police russe".  "Le gouvernement anglais" is
# left out: press annotation rarely counts a government named by its nationality (measured:
# dropping it gains on the development corpus).
_ADJ = r"[a-zàâçéèêëîïôûùüÿœ-]+(?:iste|istes|ique|iques|ain|aine|al|ale|ien|ienne|ois|oise|ais|aise|and|ande|ate|crate|ral|rale)"
_NATIONAL = (r"(?:[a-zàâçéèêëîïôûùüÿœ-]+(?:ais|ois|ien|ain|and|ol|ique)|russe|turc|turque|grec|"
             r"grecque|suisse|belge|serbe|bulgare|fédéral|cantonal|municipal|impérial|royal)")
_LOWER_ORG = lazy_compile(
    rf"(?<![\w'’-])(?:parti(?:[^\S\n]+{_ADJ}){{1,3}}(?:[^\S\n]+(?:d['’]|de[^\S\n]+)[A-ZÀ-Ý][\w-]+)?"
    rf"|ministère[^\S\n]+(?:de[^\S\n]+la|de[^\S\n]+l['’]|des|du)[^\S\n]*[\w-]+"
    rf"|police[^\S\n]+{_NATIONAL})(?![\w-])"
)


def lowercase_organisations(text: str) -> list[tuple[int, int]]:
    """Spans of organisations named with a lower-case head and adjectives."""
    return [m.span() for m in _LOWER_ORG.finditer(text)]


# A place named by a lower-case facility or landform and its name: "la salle Wagram", "le
# port de Séville", "le bois de Saint-Cloud", "la péninsule des Balkans".  The whole is the
# place (press NER keeps the outer span).  Administrative words ("ville", "région",
# "province") stay outside: press annotation keeps only the name after them.
_PLACE_HEADS = ("salle", "château", "villa", "amphithéâtre", "terrain", "stade", "bois",
                "port", "péninsule", "presqu'île", "isthme", "golfe", "gorges", "canal",
                "temple", "cimetière", "esplanade")
# "de", "de la", "de l'", "du", "des" or "d'" between a head noun and the name it governs
_OF = r"(?:[^\S\n]+(?:de[^\S\n]+la|de[^\S\n]+l['’]|de|du|des)[^\S\n]+|[^\S\n]+d['’])"
_PLACE_HEAD_BEFORE = lazy_compile(
    rf"(?<![\w'’-])({'|'.join(_PLACE_HEADS)})(?:{_OF}|[^\S\n]+)$",
    re.IGNORECASE,
)


def place_head_start(text: str, start: int) -> int | None:
    """Start of the facility or landform noun that governs a place name at ``start``."""
    m = _PLACE_HEAD_BEFORE.search(text, max(0, start - 25), start)
    return m.start() if m else None


# A compass adjective after a region belongs to its name: "l'Europe centrale", "la Roumélie
# orientale", "l'Afrique occidentale".
_REGION_ADJECTIVE = lazy_compile(
    r"[^\S\n]+(?:orientale?s?|occidentale?s?|centrale?s?|septentrionale?s?|méridionale?s?)"
    r"(?![\w-])"
)


def region_adjective_end(text: str, end: int) -> int:
    """New end of a place span followed by a compass adjective."""
    m = _REGION_ADJECTIVE.match(text, end)
    return m.end() if m else end


# A married woman's maiden name belongs to the person: "Mme Durand, née Lefèvre".
_MAIDEN_NAME = lazy_compile(
    rf",?{_SP}née{_SP}(?:{_NAME_WORD}{_SP})*[A-ZÀ-Ý][\w'’-]*[\w]"
)


def maiden_name_end(text: str, end: int) -> int:
    """New end of a person span followed by ", née X"."""
    m = _MAIDEN_NAME.match(text, end)
    return m.end() if m else end


# An institution with a capitalised head, its kind of body and its seat: "le Musée de
# Genève", "le Casino de Montbenon", "l'Université de Lyon".  The model often sees only the
# seat; the whole is the organisation.
_CAPITAL_ORG_HEADS = {"Musée", "Casino", "Théâtre", "Université", "Académie", "Banque",
                      "Compagnie", "Société", "Association", "Fédération", "Institut",
                      "Conservatoire", "Faculté", "Lycée", "Collège", "Ecole", "École",
                      "Syndicat", "Ligue", "Union", "Club"}
_CAPITAL_ORG_BEFORE = lazy_compile(
    r"(?<![\w'’-])([A-ZÀ-Ý][\w]+)((?:[^\S\n]+[a-zàâçéèêëîïôûùüÿœ-]+){0,3}?)" + _OF + "$"
)


def capital_org_start(text: str, start: int) -> int | None:
    """Start of a capitalised institution head that governs a place at ``start``."""
    m = _CAPITAL_ORG_BEFORE.search(text, max(0, start - 60), start)
    if m and m.group(1) in _CAPITAL_ORG_HEADS:
        return m.start()
    return None


# "monsieur Dupont", "madame de Staël" in lower case (dialogue, old novels), and "M." followed
# by a stray OCR mark before the name ("M. < Dupont", "M. _ Dupont").
_LOWER_TITLED_NAME = lazy_compile(
    rf"(?<![\w])(?:monsieur|madame|mademoiselle|M\.{_SP}[<_\-–]){_SP}?(?:{_NAME_WORD}{_SP})*"
    r"[A-ZÀ-Ý][\w'’-]*[\w]"
)


def lower_titled_names(text: str) -> list[tuple[int, int]]:
    """Spans of persons named after a lower-case civil title or an OCR-damaged "M."."""
    return [m.span() for m in _LOWER_TITLED_NAME.finditer(text)
            if not _is_function_address(m.group())]


# Lists of people in administrative style give the forename in brackets after the surname:
# "Mlle Durand (Louise)", "Martin (Pierre)".  The caller drops places ("Épernay (Marne)").
_BRACKETED_FORENAME = lazy_compile(
    rf"(?<![\w'’-])(?:(?:{_CIVIL_CAPITAL}){_SP})?([A-ZÀ-Ý][\w'’-]*[a-zà-ÿ][\w'’-]*)"
    r"[^\S\n]\(([A-ZÀ-Ý][a-zà-ÿ-]+)\)"
)
_ARTICLE_JUST_BEFORE = lazy_compile(r"(?:^|[^\w'’])(?:[Ll]a|[Ll]e|[Ll]es|[Ll]['’])[^\S\n]*$")


def bracketed_forenames(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, surname, forename)`` of "Surname (Forename)" mentions."""
    out = []
    for m in _BRACKETED_FORENAME.finditer(text):
        if _ARTICLE_JUST_BEFORE.search(text, max(0, m.start() - 4), m.start()):
            continue  # "La Varenne (Seine)"
        out.append((m.start(), m.end(), m.group(1), m.group(2)))
    return out


# Acronyms of organisations in running text take an article: "la CEE", "de l'AELE", "la
# JOC".  Roman numerals ("Louis XIV"), initials ("J.L.R."), headlines in capitals and
# dictionary words are left alone (the caller checks the lexicon and the gazetteer).
_ACRONYM = lazy_compile(r"(?<![\w.-])[A-Z]{2,6}(?![\w-]|\.\w)")
_ACRONYM_BEFORE = lazy_compile(
    r"(?:^|[\s(«\"“])(?:la|le|les|du|des|au|aux|La|Le|Les|Du|Des|Au|Aux)[^\S\n]+$"
    r"|(?:^|[\s(«\"“])(?:l|d|L|D)['’]$"
)
_ROMAN = lazy_compile(r"^[IVXLCDM]+$")


def _mostly_lowercase(text: str, start: int, end: int) -> bool:
    """The line around ``start:end`` is prose, not a headline in capitals."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    letters = [ch for ch in text[line_start:len(text) if line_end < 0 else line_end]
               if ch.isalpha()]
    return sum(ch.islower() for ch in letters) >= 0.6 * len(letters)


def organisation_acronyms(text: str) -> list[tuple[int, int]]:
    """Spans of capitalised acronyms after an article in prose ("la CEE")."""
    out = []
    for m in _ACRONYM.finditer(text):
        s, e = m.span()
        if _ROMAN.match(m.group()) or not _ACRONYM_BEFORE.search(text, max(0, s - 8), s):
            continue
        if _mostly_lowercase(text, s, e):
            out.append((s, e))
    return out


# A firm's legal form makes an organisation: "Durand & Cie", "Dupont & Co", "Acme Company
# Ltd", "Martin S. A.".
_COMPANY_MARK = lazy_compile(
    r"&[^\S\n]*(?:Co|Cie|Compagnie|fils|Fils)(?![\w])"
    r"|(?<![\w])(?:Cie|Company|Ltd|Limited|Inc|GmbH|Corporation|S\.[^\S\n]?A\.)(?![\w])"
)


def is_company(span: str) -> bool:
    """A name that carries a company's legal form or partnership mark."""
    return bool(_COMPANY_MARK.search(span))


# Assemblies named by one capitalised word are organisations: "le Sénat", "la Douma", "le
# Reichstag".  (Institutions that need a complement, "la Chambre", are left to the model.)
_ASSEMBLIES = {"sénat", "parlement", "douma", "reichstag", "landtag", "bundestag", "bundesrat",
               "diète", "storting", "sobranié", "sobranje", "cortès", "cortes", "knesset",
               "skoupchtina", "sejm"}


def is_assembly(span: str) -> bool:
    """One capitalised word naming a legislative assembly."""
    return (" " not in span and span[:1].isupper() and not span.isupper()
            and span.lower() in _ASSEMBLIES)


# Person spans are the name (the convention of the gold sets and of spaCy's own data): the
# titles, ranks and functions before it are cut, with their articles and the adjectives that
# follow a function ("M. le prince de Bismarck" → "de Bismarck", "le conseiller fédéral
# Bavier" → "Bavier").
_HEAD_WORDS = ({t.rstrip(".") for t in CIVIL_TITLES} | PERSON_HEADS
               | {t.capitalize() for t in PERSON_HEADS})
_HEAD = lazy_compile(
    r"(?:(?:le|la|les|Le|La|Les|l['’]|L['’])[^\S\n]*)?(?:"
    + "|".join(sorted((re.escape(t) for t in _HEAD_WORDS), key=len, reverse=True))
    + r")(?![\w'’-])\.?[^\S\n]*(?:et[^\S\n]+)?"
)
_PARTICLE_THEN_NAME = lazy_compile(
    r"(?:(?:de|du|des|d['’]|van|von|di|da|del|della|le|la|ben|ibn|al|el)[^\S\n]*)*[A-ZÀ-Ý]")
_LOWER_THEN = lazy_compile(r"[a-zà-ÿ][\w-]*[^\S\n]+")
# The complement of a function ("ministre de la Guerre", "secrétaire d'État") before a name
_FUNCTION_COMPLEMENT = lazy_compile(
    r"(?:État|Etat|Intérieur|Interieur|Défense|Justice|Guerre|Marine|Finances|Économie|"
    r"Agriculture|Culture|Santé|Travail|Instruction publique|Affaires étrangères|"
    r"Affaires)[^\S\n]+(?=[A-ZÀ-Ý])")
_FUNCTION_OF_BEFORE = lazy_compile(
    r"(?:" + "|".join(sorted((re.escape(t) for t in PERSON_HEADS), key=len, reverse=True))
    + r")[^\S\n]+(?:d['’]|de[^\S\n]+(?:la[^\S\n]+|l['’])?|du[^\S\n]+|des[^\S\n]+)$",
    re.IGNORECASE)


def name_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The name inside a person span: leading titles, ranks and functions cut; the span is
    kept whole when no name would remain."""
    pos = start
    cut = False
    m = _FUNCTION_COMPLEMENT.match(text, pos, end)
    if m and _FUNCTION_OF_BEFORE.search(text, max(0, start - 40), start):
        pos = m.end()  # "secrétaire d'État Blinken": the model's span started at "État"
    while True:
        m = _HEAD.match(text, pos, end)
        if not m or m.end() == pos or m.end() >= end:
            break
        pos, cut = m.end(), True
    if not cut and pos == start:
        return start, end
    while not _PARTICLE_THEN_NAME.match(text, pos, end):
        m = _LOWER_THEN.match(text, pos, end)  # "fédéral" in "conseiller fédéral Bavier"
        if not m or m.end() >= end:
            return start, end
        pos = m.end()
    return pos, end
