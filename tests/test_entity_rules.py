"""Rules that need no model: dates, quantities, span boundaries, keys."""

from __future__ import annotations

import pytest

from reader.core.entities.postprocess import clean_bounds, entity_key, titled_names
from reader.core.entities.rules import find_dates, find_quantities, valid_date


def _spans(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Elle est née le 28 mai 2024 à Lyon.", ["28 mai 2024"]),
        ("Depuis le 1er janvier 1937, rien.", ["1er janvier 1937"]),
        ("Le texte date de mai 2024.", ["mai 2024"]),
        ("En 1937, la ville a grandi.", ["1937"]),
        ("Rendez-vous lundi 3 juin.", ["lundi 3 juin"]),
        ("Signé le 28/05/2024.", ["28/05/2024"]),
        ("Le 1er janvier, tout recommence.", ["1er janvier"]),
    ],
)
def test_dates(text: str, expected: list[str]) -> None:
    assert _spans(text, find_dates(text)) == expected


def test_invalid_dates_are_rejected() -> None:
    assert not valid_date("31 février")
    text = "Le 31 février 2023 n'existe pas."
    assert _spans(text, find_dates(text)) == ["février 2023"]


def test_year_followed_by_counted_noun_is_a_quantity() -> None:
    text = "Il y avait 2000 personnes et 150.000 personnes en 1990."
    assert _spans(text, find_quantities(text)) == ["2000 personnes", "150.000 personnes"]
    assert _spans(text, find_dates(text)) == ["1990"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150.000 personnes", ["150.000 personnes"]),
        ("une hausse de 12,5 % cette année", ["12,5 %"]),
        ("10 millions de dollars", ["10 millions de dollars"]),
        ("depuis plus de deux ans", ["deux ans"]),
        ("3 l'armée", []),
    ],
)
def test_quantities(text: str, expected: list[str]) -> None:
    assert _spans(text, find_quantities(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'OTAN", "OTAN"),
        ("l’OTAN", "OTAN"),
        ("d'Ukraine", "Ukraine"),
        ("«Paris»,", "Paris"),
        ("“Kiev”.", "Kiev"),
        ("Jens Stoltenberg - OTAN", "Jens Stoltenberg"),
        ("J. R. R. Tolkien", "J. R. R. Tolkien"),
        ("U.S.A.", "U.S.A."),
        ("Conseil des gouverneurs de l'", "Conseil des gouverneurs"),
        ("Ligue des Droits de l'Homme et du", "Ligue des Droits de l'Homme"),
        ("Epernay(Marne", "Epernay"),
    ],
)
def test_clean_bounds(text: str, expected: str) -> None:
    bounds = clean_bounds(text, 0, len(text))
    assert bounds is not None
    assert text[bounds[0]:bounds[1]] == expected


@pytest.mark.parametrize("text", ["qu'", "qu’", "l'", "ailleurs", "« »", "de"])
def test_clean_bounds_rejects_non_names(text: str) -> None:
    assert clean_bounds(text, 0, len(text)) is None


def test_keys() -> None:
    assert entity_key("l’OTAN", "ORG") == "otan"
    assert entity_key("M. Jean Dupont", "PER") == "jean dupont"
    assert entity_key("le général Éric Lefèvre", "PER") == "eric lefevre"
    assert entity_key("Mme Hélène Carrère", "PER") == entity_key("Helene Carrere", "PER")


def test_titled_names() -> None:
    text = "Selon M. Dupont et Mme Jeanne de La Tour, rien."
    assert _spans(text, titled_names(text)) == ["M. Dupont", "Mme Jeanne de La Tour"]


def test_trim_leading_words() -> None:
    from reader.core.entities.postprocess import lowercase_words, trim_leading

    text = ("Attentat de Fieschi contre le roi. Un attentat manqué. Le prince de Bismarck "
            "parle de la France. M. Dupont aussi. L'Etat paie. Un état.")
    lower = lowercase_words([text])

    def trim(span: str, label: str) -> str | None:
        s = text.index(span)
        got = trim_leading(text, s, s + len(span), label, lower)
        return None if got is None else text[got[0]:got[1]]

    assert trim("Attentat de Fieschi", "PER") == "Fieschi"
    assert trim("prince de Bismarck", "PER") == "Bismarck"
    assert trim("la France", "LOC") == "France"
    assert trim("de la France", "LOC") == "France"
    assert trim("M. Dupont", "PER") == "M. Dupont"
    assert trim("Etat", "LOC") is None  # written "état" in the same document


def test_truecase_keeps_length_and_acronyms() -> None:
    from reader.core.entities.postprocess import truecase

    text = "ALLEMAGNE\nLE VOYAGE DE M. GAMBETTA À CAHORS. L'OTAN et l'AFP, ONU."
    out = truecase(text)
    assert len(out) == len(text)
    assert out.startswith("Allemagne\nLe Voyage De M. Gambetta À Cahors.")
    assert "L'OTAN et l'AFP, ONU." in out


def test_titles_and_streets() -> None:
    from reader.core.entities.postprocess import extend_street, extend_with_title

    text = "Selon M. le député Rouvier, au 16, rue du Croissant, mais à la place de Nock."
    assert text[extend_with_title(text, text.index("Rouvier")):].startswith("M. le député")
    assert text[extend_street(text, text.index("Croissant")):].startswith("16, rue du")
    assert extend_street(text, text.index("Nock")) == text.index("Nock")


def test_demonyms_and_heads() -> None:
    from reader.core.entities.postprocess import head_label, is_demonym

    text = "Les Américains et des Européens visitent Calais."
    assert is_demonym(text, text.index("Américains"), text.index("Américains") + 10)
    assert is_demonym(text, text.index("Européens"), text.index("Européens") + 9)
    assert not is_demonym(text, text.index("Calais"), text.index("Calais") + 6)
    assert head_label("Chambre des communes", "LOC") == "ORG"
    assert head_label("rue de Rivoli", "PER") == "LOC"
    assert head_label("Paris", "LOC") == "LOC"


def test_sentence_initial() -> None:
    from reader.core.entities.postprocess import sentence_initial

    text = "Bonjour, dit-il. Assassinat du roi. — Attentat ; Paris et Lyon."
    assert sentence_initial(text, 0)
    assert sentence_initial(text, text.index("Assassinat"))
    assert sentence_initial(text, text.index("Attentat"))
    assert not sentence_initial(text, text.index("Lyon"))


def test_gazetteer() -> None:
    from reader.core.entities.gazetteer import gazetteer, place_key

    gaz = gazetteer()
    assert gaz.kind("Suisse") == "country"
    assert gaz.kind("ALLEMAGNE") == "country"
    assert gaz.kind("Etats-Unis") == "country"
    assert gaz.kind("Varsovie") == "place"
    assert gaz.kind("Dupont") is None
    assert place_key("St-Pétersbourg") == place_key("Saint-Pétersbourg")
    text = "On mande de Varsovie que la Nouvelle-Zélande et le XIVe arrondissement"
    found = [text[s:e] for s, e, _ in gaz.candidates(text)]
    assert "Varsovie" in found and "Nouvelle-Zélande" in found
    assert "XIVe" not in found


def test_generic_nouns_and_press_titles() -> None:
    from reader.core.entities.postprocess import is_generic_noun, is_press_title

    assert is_generic_noun("Etat") and is_generic_noun("Société")
    assert not is_generic_noun("Chambre") and not is_generic_noun("Etats-Unis")
    assert not is_generic_noun("Lyon")
    text = "Selon le correspondant du Courant, la Gazette du Nord annonce la paix à Lyon."
    assert is_press_title(text, text.index("Courant"), text.index("Courant") + 7)
    gazette = text.index("Gazette du Nord")
    assert is_press_title(text, gazette, gazette + len("Gazette du Nord"))
    assert not is_press_title(text, text.index("Lyon"), text.index("Lyon") + 4)


def test_person_heads_house_numbers_and_org_heads() -> None:
    from reader.core.entities.postprocess import (
        extend_house_number,
        org_head_start,
        person_head_before,
    )

    text = "Le sommelier Dufour habite 12, rue des Lilas ; la cour de Valbonne a jugé."
    assert person_head_before(text, text.index("Dufour"))
    assert not person_head_before(text, text.index("Valbonne"))
    street = text.index("rue des Lilas")
    assert text[extend_house_number(text, street, street + 13):street + 13] == "12, rue des Lilas"
    head = org_head_start(text, text.index("Valbonne"))
    assert head is not None and text[head:text.index("Valbonne") + 8] == "cour de Valbonne"


def test_peoples_and_coordinated_titles() -> None:
    from reader.core.entities.postprocess import is_common_people_word

    text = "Trois Italiens et un Anglais sont arrivés à Paris."
    assert is_common_people_word("Italiens", text, text.index("Italiens"))
    assert is_common_people_word("Anglais", text, text.index("Anglais"))
    assert not is_common_people_word("Paris", text, text.index("Paris"))
    text = "Étaient présents M. et Mme Jean Dubois, puis MM. Martin et de Vallière."
    assert _spans(text, titled_names(text)) == [
        "M. et Mme Jean Dubois", "MM. Martin", "de Vallière"]


def test_datelines_and_lowercase_organisations() -> None:
    from reader.core.entities.postprocess import lowercase_organisations
    from reader.core.entities.rules import find_datelines

    text = "Valbonne, 5 novembre. — On mande de Port-Alban, le 3 juin, que tout va bien."
    assert _spans(text, find_datelines(text)) == ["Valbonne", "Port-Alban"]
    assert find_datelines("Il est venu, 3 fois, en mars.") == []
    text = "Le parti social-démocrate et le ministère de la marine ; la police suisse."
    assert _spans(text, lowercase_organisations(text)) == [
        "parti social-démocrate", "ministère de la marine", "police suisse"]


def test_lexicon_ignores_accents_dropped_by_capitals() -> None:
    from reader.core.entities.lexicon import Lexicon

    lexicon = Lexicon({"électricité", "café"})
    assert lexicon.has_unaccented("ELECTRICITE")
    assert lexicon.has_unaccented("CAFE")
    assert not lexicon.has_unaccented("ZURICH")


@pytest.mark.parametrize("text, word, expected", [
    ("Si l'Allemand hésite encore.", "Allemand", True),
    ("Il est Parisien depuis peu.", "Parisien", True),
    ("Un hommage à l'hôtellerie Française et à ses chefs.", "Française", True),
    ("Il part vers Italien demain.", "Italien", False),
])
def test_people_words_in_context(text: str, word: str, expected: bool) -> None:
    from reader.core.entities.postprocess import is_common_people_word

    assert is_common_people_word(word, text, text.index(word)) is expected


def test_a_function_addressed_is_no_name() -> None:
    assert titled_names("M. LE MINISTRE : Je demande la parole.") == []
    assert titled_names("M. le Président a répondu.") == []
    assert titled_names("M. Dupont a répondu.") == [(0, 9)]


def test_place_heads_and_region_adjectives() -> None:
    from reader.core.entities.postprocess import place_head_start, region_adjective_end

    text = "Le concert aura lieu salle Morvan, puis au port de Valdrac et dans le bois de Lénon."
    for name, whole in (("Morvan", "salle Morvan"), ("Valdrac", "port de Valdrac"),
                        ("Lénon", "bois de Lénon")):
        start = text.index(name)
        head = place_head_start(text, start)
        assert head is not None and text[head:start + len(name)] == whole
    assert place_head_start("Il vit dans la ville de Valdrac.", 24) is None
    text = "Les échanges avec l'Europe centrale et la Syldavie orientale, puis l'Asie."
    for name, whole in (("Europe", "Europe centrale"), ("Syldavie", "Syldavie orientale")):
        start = text.index(name)
        assert text[start:region_adjective_end(text, start + len(name))] == whole
    asia = text.index("Asie")
    assert region_adjective_end(text, asia + 4) == asia + 4


def test_maiden_names_and_capitalised_institutions() -> None:
    from reader.core.entities.postprocess import capital_org_start, maiden_name_end

    text = "Sont décorées Mme Armande Verlac, née Dutertre, et Mme Pujol."
    end = text.index("Verlac") + len("Verlac")
    assert text[text.index("Mme"):maiden_name_end(text, end)] == (
        "Mme Armande Verlac, née Dutertre")
    pujol = text.index("Pujol") + 5
    assert maiden_name_end(text, pujol) == pujol
    text = "Le tableau est entré au Musée de Valbonne ; il neige à Valbonne."
    head = capital_org_start(text, text.index("Valbonne"))
    assert head is not None and text[head:text.index("Valbonne") + 8] == "Musée de Valbonne"
    assert capital_org_start(text, text.rindex("Valbonne")) is None


def test_lower_case_and_damaged_titles() -> None:
    from reader.core.entities.postprocess import lower_titled_names

    text = "— Bonjour, monsieur Lagarde ! dit-elle. Puis M. < Fontenay entra."
    assert _spans(text, lower_titled_names(text)) == ["monsieur Lagarde", "M. < Fontenay"]
    assert lower_titled_names("Oui, monsieur le président.") == []


def test_bracketed_forenames_and_national_governments() -> None:
    from reader.core.entities.postprocess import bracketed_forenames, lowercase_organisations

    text = "Sont nommées : Mlle Ravel (Odile), à Brest ; Fumeron (Adèle) ; La Roche (Vendée)."
    assert [text[s:e] for s, e, _, _ in bracketed_forenames(text)] == [
        "Mlle Ravel (Odile)", "Fumeron (Adèle)"]
    assert bracketed_forenames(text)[1][2:] == ("Fumeron", "Adèle")
    assert lowercase_organisations("Le gouvernement anglais a répondu.") == []


def test_organisation_acronyms_after_an_article() -> None:
    from reader.core.entities.postprocess import organisation_acronyms

    text = ("Le rapport de la FNTP a été transmis à l'UCPA, puis au CNRS. "
            "Louis XIV et les initiales J.B.R. ne sont pas des sigles ; IRMA non plus.")
    assert _spans(text, organisation_acronyms(text)) == ["FNTP", "UCPA", "CNRS"]
    headline = "LA GRÈVE DE LA FNTP CONTINUE\nLes ouvriers de la FNTP ont voté."
    assert _spans(headline, organisation_acronyms(headline)) == ["FNTP"]
    assert organisation_acronyms("Sous le règne de Charles XII, la guerre.") == []


def test_companies_and_assemblies() -> None:
    from reader.core.entities.postprocess import is_assembly, is_company

    assert is_company("Lebrun & Cie")
    assert is_company("Vernier & Co")
    assert is_company("Northwind Trading Company Ltd")
    assert is_company("Ateliers Morel S. A.")
    assert not is_company("Cieszyn")
    assert not is_company("Jean Colin")
    assert is_assembly("Sénat") and is_assembly("Reichstag") and is_assembly("Diète")
    assert not is_assembly("Congrès")  # also a meeting ("le Congrès de la paix")
    assert not is_assembly("SÉNAT") and not is_assembly("Sénat romain")
