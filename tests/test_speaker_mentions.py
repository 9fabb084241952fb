"""Mentions of the speaker resolver read from the parse (issues 14 and 16): one name the parser split, a name
in a complement or naming a place, the gender of an apposed noun of either gender, plural pronouns. Each
sentence is parsed with the bundled model; each test fails without the rule it names."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

from corpusling.markers.quotes import quotes
from corpusling.markers.speakers import named_mentions

TEXTS = {
    # "Le" of "Le Pen" is tagged a determiner: without joining the parts, "Pen" is a determined word, no person
    "particle": "Le Pen parle\n\nDans l'interview, Jean-Marie Le Pen revient sur le parti. « Le maître sera "
                "l'islam », prévient-il.",
    # "la place Tahrir": a place, never the antecedent of "elle"
    "place": "Agression\n\nLa journaliste Sonia Dridi se trouvait vendredi au Caire.\n\nLa place Tahrir était noire "
             "de monde. « J'ai eu très peur », raconte-t-elle.",
    # a name in the complement of a noun in a prepositional phrase is no subject
    "complement": "Exclusion\n\nLe député Antoni Pastor a voté contre le projet. Surpris par la politique du "
                  "président José Ramón Bauzà, il déclara : « Je ne pensais pas cela possible. »",
    # "journaliste" ends in -e: either gender, so it makes Sonia Dridi no man
    "epicene": "Agression\n\nSonia Dridi, journaliste de France 24, a été agressée.\n\nElle raconte : « J'ai été "
               "agrippée de partout. »",
    # the person the headline names (and the body names again) is the article's topic: before a farther subject
    "topic": "France : disparition de Thierry Roland\n\nLe journaliste Thierry Roland est mort samedi. Son "
             "complice Jean-Michel Larqué a exprimé sa tristesse.\n\nEn 1998, il commenta la finale. « Quel "
             "pied ! » avait-il lancé après le match.",
    # ... not a place the headline names ("le maire de New York"), which the body never names as a subject
    "headline_place": "Le maire de New York en visite à Boston\n\nLe maire Michael Bloomberg a parlé hier à "
                      "New York.\n\n« Notre climat change », a-t-il dit.",
    # the headline's topic comes before a name its paragraph gives only as an object ("France Inter")
    "topic_object": "France : décès de l'animateur Pierre Bouteiller\n\nL'animateur Pierre Bouteiller est mort "
                    "jeudi à Paris.\n\nIl intègre ensuite France Inter en 1969. « Le parisianisme se "
                    "décentralise », annonçait-il.",
    # a paragraph opening on a subject of its own (a description) no longer continues the speaker of the
    # paragraph before: the pronoun takes the headline's topic
    "shifted": "France : François Fillon maintient sa référence\n\nFrançois Fillon a évoqué hier le suicide de "
               "Pierre Bérégovoy.\n\n« François Fillon confond ses intérêts avec ceux de la France », a déclaré "
               "Jean-Michel Bérégovoy.\n\nLe candidat de droite a cependant renouvelé sa référence à Nantes. "
               "« Ne me jugez pas », a-t-il déclaré.",
    # a name hung on a noun in a complement ("de la radio") does not take that noun's gender
    "complement_gender": "Décès\n\nL'animateur de la radio Jean Dupont est mort hier.",
    # a flat word hung on a flat word ("Rights", "Watch" on "Human"): one name
    "flat": "Syrie : la torture\n\n3 juillet 2012. - L'ONG Human Rights Watch vient de publier un rapport sur "
            "la torture en Syrie.",
    # ... but the speaker of the paragraph before comes first (the backward-looking centre)
    "previous_speaker": "Jean Dupont inaugure l'école\n\nLe maire Jean Dupont a inauguré l'école hier.\n\n« C'est "
                        "une belle école », a déclaré Paul Martin, le directeur.\n\n« Les enfants y seront bien », "
                        "a-t-il ajouté.",
    # "selon eux": a plural pronoun, a coordination of names
    "plural": "Débat\n\nBarack Obama et Mitt Romney ont débattu mardi soir à Denver. Selon eux, « le pays doit "
              "changer de cap ».",
}


@pytest.fixture(scope="module")
def parsed():
    result = parse_texts(TEXTS)
    return result, quotes(result.tokens, result.documents)


def _quote(parsed, doc: str) -> dict:
    table = parsed[1].filter((pl.col("doc_id").cast(pl.String) == doc) & (pl.col("kind") != "scare"))
    return table.sort("start_char").row(0, named=True)


@pytest.mark.parametrize("doc, speaker", [
    ("particle", "Jean-Marie Le Pen"),
    ("place", "Sonia Dridi"),
    ("complement", "Antoni Pastor"),
    ("epicene", "Sonia Dridi"),
    ("topic", "Thierry Roland"),
    ("headline_place", "Michael Bloomberg"),
    ("topic_object", "Pierre Bouteiller"),
])
def test_pronoun_resolved_over_mentions_from_the_parse(parsed, doc: str, speaker: str) -> None:
    row = _quote(parsed, doc)
    assert (row["speaker"], row["rule"].split("+")[-1]) == (speaker, "pronoun")


def test_the_previous_paragraphs_speaker_before_the_headlines_topic(parsed) -> None:
    table = parsed[1].filter(pl.col("doc_id").cast(pl.String) == "previous_speaker").sort("start_char")
    row = table.row(table.height - 1, named=True)
    assert (row["speaker"], row["rule"].split("+")[-1]) == ("Paul Martin", "pronoun")


def test_a_paragraph_with_its_own_subject_leaves_the_previous_speaker(parsed) -> None:
    table = parsed[1].filter(pl.col("doc_id").cast(pl.String) == "shifted").sort("start_char")
    row = table.row(table.height - 1, named=True)
    assert (row["speaker"], row["rule"].split("+")[-1]) == ("François Fillon", "pronoun")


def test_no_gender_from_a_noun_in_a_complement(parsed) -> None:
    result = parsed[0]
    mentions = named_mentions(result.tokens, result.documents).filter(pl.col("doc_id") == "complement_gender")
    assert mentions.filter(pl.col("name") == "Jean Dupont")["gender"].to_list() == [None]


def test_plural_pronoun_takes_a_coordination(parsed) -> None:
    row = _quote(parsed, "plural")
    assert row["rule"].split("+")[-1] == "pronoun"
    assert row["speaker"] in ("Barack Obama", "Mitt Romney")


def test_mentions_read_from_the_parse(parsed) -> None:
    result, table = parsed
    mentions = named_mentions(result.tokens, result.documents, table)

    def of(doc: str) -> dict[str, tuple[str, str | None]]:
        rows = mentions.filter(pl.col("doc_id") == doc)
        return {name: (role, gender) for name, role, gender in rows.select("name", "role", "gender").iter_rows()}

    assert "Jean-Marie Le Pen" in of("particle")
    everywhere = named_mentions(result.tokens, result.documents)  # (documents without quotations too)
    assert "ONG Human Rights Watch" in everywhere.filter(pl.col("doc_id") == "flat")["name"].to_list()
    assert of("place")["Tahrir"][0] == "place"
    assert of("complement")["José Ramón Bauzà"][0] == "oblique"
    assert of("epicene")["Sonia Dridi"][1] != "Masc"
    assert all(plural for plural in mentions.filter((pl.col("doc_id") == "plural")
                                                    & pl.col("name").is_in(["Barack Obama"]))["plural"])


@pytest.mark.parametrize("acronym, text, full", [
    ("HRW", "L'ONG Human Rights Watch publie un rapport. HRW rappelle que", "Human Rights Watch"),
    ("Le PP", "Le Parti populaire espagnol a exclu le député. Le PP a considéré que", "Parti populaire"),
    ("SNCF", "la Société nationale des chemins de fer français (SNCF)", "Société nationale des chemins de fer"),
    # defined in parentheses where first used, a foreign name's initials (ninth session, set17)
    ("BTK", "Elle a été confirmée par l'AFP et l'Autorité des technologies de Communication et d'Information (BTK). "
     "« … » a déclaré BTK.", "Autorité des technologies de Communication et d'Information"),
    # never introduced in full, or not an acronym, or used (in a title) before it is defined
    ("UMP", "Christian Jacob, président du groupe UMP", None),
    ("Obama", "Barack Obama a dit", None),
    ("CGT", "Chômage selon la CGT\n\nLa Confédération générale du travail (CGT) estime", None),
])
def test_acronym_expansion(acronym: str, text: str, full: str | None) -> None:
    from corpusling.markers.speakers import acronym_expansion

    assert acronym_expansion(acronym, text) == full


@pytest.mark.parametrize("mention, name", [
    # an acronym is an organisation's name after a determiner too (ninth session, set16: "la CPI a déclaré")
    ("la CPI", "CPI"), ("l'ONU", "ONU"),
    # ... not a common noun's nor a role's acronym, nor a single capitalised common noun
    ("l'ONG", None), ("le PDG de la compagnie", None), ("le Parquet fédéral", None),
])
def test_name_of_an_acronym(mention: str, name: str | None) -> None:
    from corpusling.markers.speakers import name_of

    assert name_of(mention) == name


def test_one_name_form_for_an_acronym() -> None:
    from corpusling.markers.speakers import canonical_names

    text = "L'ONG Human Rights Watch accuse. HRW rappelle que Barack Obama a parlé. Obama a dit"
    assert canonical_names(["HRW", "Obama", "Barack Obama"], ["HRW", "Obama"], text) == {
        "HRW": "Human Rights Watch", "Obama": "Barack Obama"}
    assert canonical_names(["HRW"], ["HRW"]) == {"HRW": "HRW"}


def test_a_relative_takes_only_a_name_right_before_it() -> None:
    """"qui" stands for a name ending at most RELATIVE_REACH characters before it (a name and its apposition),
    never a name sentences away in the paragraph; "il" may."""
    from corpusling.markers.speakers import RELATIVE_REACH, resolve_pronouns

    mentions = pl.DataFrame({"doc_id": ["a"], "m_start": [0], "m_end": [10], "name": ["Jean Dupont"],
                             "role": ["subject"], "gender": [None], "plural": [False], "determined": [False],
                             "m_par_no": [1], "m_title": [False]}, schema_overrides={"gender": pl.String})
    at = [10 + RELATIVE_REACH // 2, 10 + RELATIVE_REACH * 3, 10 + RELATIVE_REACH * 3]
    q = pl.DataFrame({"_q": [0, 1, 2], "doc_id": ["a"] * 3, "start_char": at, "source_start": at,
                      "par_no": [1] * 3, "_pronoun": ["qui", "qui", "il"]}, schema_overrides={"_q": pl.UInt32})
    resolved = dict(resolve_pronouns(q, mentions).iter_rows())
    assert resolved.get(0) == "Jean Dupont" and resolved.get(1) is None and resolved.get(2) == "Jean Dupont"


def test_no_name_form_from_behind_an_acronym() -> None:
    """"à l'AFP Gilles-Éric Séralini": the parser hangs the person on the agency; his name stays his own."""
    from corpusling.markers.speakers import canonical_names

    names = ["Gilles-Éric Séralini", "AFP Gilles-Éric Séralini"]
    assert canonical_names(names, ["Gilles-Éric Séralini"]) == {"Gilles-Éric Séralini": "Gilles-Éric Séralini"}
