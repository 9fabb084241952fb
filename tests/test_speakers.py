"""Speakers of quotations: names in mentions, appositions, pronouns, continuations, titles; the per-speaker table."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import parse_texts

from corpusling import tokens as tk
from corpusling.markers.quotes import COLUMNS, quotes
from corpusling.markers.speakers import (
    SPEAKER_COLUMNS,
    add_speakers,
    apposed_name,
    canonical_names,
    name_of,
    speaker_rules,
    speakers,
)


@pytest.mark.parametrize("mention, name", [
    ("le ministre du budget, Jérôme Cahuzac", "Jérôme Cahuzac"),
    ("le président Obama", "Obama"),
    ("Mme Fatou Bensouda", "Fatou Bensouda"),
    ("M. de Villepin", "de Villepin"),
    ("Rami Abd al-Rahman de l’Observatoire syrien", "Rami Abd al-Rahman"),
    ("Nadim Houry, responsable de l'organisation et spécialiste de la Syrie", "Nadim Houry"),
    ("le nouveau directeur du site de Jababeka David Quentin", "David Quentin"),
    ("le ministre de la Justice Alberto Ruiz-Gallardón", "Alberto Ruiz-Gallardón"),
    ("le président de l'Union française des industries pétrolières (Ufip), Jean Louis Schilansky",
     "Jean Louis Schilansky"),
    ("Valéry Giscard d'Estaing", "Valéry Giscard d'Estaing"),
    ("V. Sapounov", "V. Sapounov"),
    ("Météo France", "Météo France"),
    ("Febelfin", "Febelfin"),
    # no name: a complement, a capitalised common noun, a description, a pronoun
    ("Le président du directoire de PSA", None),
    ("la porte-parole de la fédération", None),
    ("Le Parquet fédéral", None),
    ("Le Monde", None),
    ("Un rapport de la Ligue arabe", None),
    ("41 des 49 prévenus du procès de l'office public HLM de Paris", None),
    ("Plusieurs associations croates", None),
    ("il", None),
    ("À Paris", None),
    (None, None),
])
def test_name_of(mention: str | None, name: str | None) -> None:
    assert name_of(mention) == name


def test_speaker_words_come_from_the_lexicon() -> None:
    """The French words of the speakers module are ``lexicons/speaker_words.tsv``, read by the one loader."""
    from corpusling.markers.speakers import PRONOUNS, SPEAKER_ROLES, speaker_words

    assert all(speaker_words(role) for role in SPEAKER_ROLES)
    assert PRONOUNS == {"il": "Masc", "lui": "Masc", "lequel": "Masc", "elle": "Fem", "laquelle": "Fem", "qui": None}
    assert "mme" in speaker_words("feminine_title") and "ibn" in speaker_words("name_prefix")


def test_apposed_name() -> None:
    assert apposed_name("La procureure", ", Mme Fatou Bensouda, a déclaré :") == "Fatou Bensouda"
    assert apposed_name("un clash avec Bernard Bonnet, ", ", qui lui avait rétorqué") == "Bernard Bonnet"
    assert apposed_name("", " (Ufip), Jean Louis Schilansky. Au début") == "Jean Louis Schilansky"
    # a sentence opening on one capitalised word, a place after a preposition: no apposition
    assert apposed_name("Ensuite, ", " a dit") is None
    assert apposed_name("À Paris, ", " a dit") is None
    # past a complement or a participial phrase of the description
    assert apposed_name("comme le précise", " en Afghanistan, Bernard Bajolet : « Les forces »") == "Bernard Bajolet"
    assert apposed_name("", " ayant participé à la recherche, Joe Incandela, a annoncé") == "Joe Incandela"


def test_canonical_names() -> None:
    names = canonical_names(["Obama", "Barack Obama", "B. Obama", "Pastor", "Ana Pastor"])
    assert names == {"Obama": "Barack Obama", "Barack Obama": "Barack Obama", "B. Obama": "Barack Obama",
                     "Pastor": "Ana Pastor", "Ana Pastor": "Ana Pastor"}
    # two people with the same family name: the short form stays
    assert canonical_names(["Bonnet", "Bernard Bonnet", "Élisabeth Bonnet"], ["Bonnet"]) == {"Bonnet": "Bonnet"}


def test_speaker_rules_are_named_and_ordered() -> None:
    names = [name for name, _, _ in speaker_rules()]
    assert names == ["none", "headline", "name", "apposition", "pronoun", "last_mentioned", "repeated description",
                     "introduced with its noun", "description", "previous speaker described", "topic described",
                     "pronoun to a description", "as_written", "same sentence", "subject before the colon",
                     "previous subject",
                     "continuation", "topic in the first person"]


def _text_only(*texts: str) -> pl.DataFrame:
    docs = pl.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})
    return quotes(tk.empty(), docs), docs


def test_speaker_column_and_rule() -> None:
    table, _ = _text_only("« Nous partons », a déclaré Marie Dupont, porte-parole de l'association.")
    assert table.columns == COLUMNS and COLUMNS[-1] == "speaker"
    row = table.row(0, named=True)
    assert (row["source"], row["speaker"]) == ("Marie Dupont", "Marie Dupont")
    assert row["rule"] == "sentence+incise_text+name"


@pytest.mark.parametrize("text, source, verb", [
    ("« Ces actes sont inadmissibles », juge le ministère de l'Intérieur.", "le ministère de l'Intérieur", "juger"),
    ("« Nous avons appris » s'est réjoui le président Obama à Hilliard.", "le président Obama", "réjouir"),
    ("« Nous partons », a déclaré jeudi à l'AFP le porte-parole du ministère.", "le porte-parole du ministère",
     "déclarer"),
    ("« Nous partons », a indiqué dans un communiqué l'association.", "l'association", "indiquer"),
    ("« Le contexte est pire », y compris le montant imposé à Samsung, commente Song Myung-Sup, analyste.",
     "Song Myung-Sup", "commenter"),
])
def test_inverted_incises_found_in_the_text(text: str, source: str, verb: str) -> None:
    """Without a parse (and where the tagger misses the verb: "juge" as a noun) the incise is read in the text."""
    row = _text_only(text)[0].row(0, named=True)
    assert (row["kind"], row["source"], row["reporting_verb"]) == ("direct", source, verb)


def test_incise_verbs_are_for_quotations_only() -> None:
    """"a lâché" attributes a quotation, but "lâcher" is no cue of reported speech (not in reporting_verbs.tsv)."""
    from corpusling.markers.attribution import default_reporting_verbs, load_reporting_verbs

    row = _text_only("« Nous partons », a lâché le ministre.")[0].row(0, named=True)
    assert (row["source"], row["reporting_verb"]) == ("le ministre", "lâcher")
    assert "lâcher" not in load_reporting_verbs()["lemma"].to_list()
    lexicon = default_reporting_verbs()
    assert lexicon["lemma"].is_unique().all()
    assert lexicon.filter(pl.col("lemma") == "lâcher")["use"].to_list() == ["incise"]


def test_a_noun_is_not_an_incise() -> None:
    row = _text_only("« Nous partons », avance de 3 % le chiffre.")[0].row(0, named=True)
    assert row["source"] is None


@pytest.mark.parametrize("text, source", [
    ("« Nous partons, a déclaré le ministre, et nous reviendrons. »", "le ministre"),
    ("« Nous partons, dit-il, et nous reviendrons. »", "il"),
    ("« Nous partons, explique Marie Dupont. Nous reviendrons. »", "Marie Dupont"),
    ("« Je gagne deux minutes sur mon temps, sourit-elle. Le reste ne change pas. »", "elle"),
    # not incises: the speaker's own "dit-on", a clause with an object
    ("« Nous partons, car la France, dit-on, va mal »", None),
    ("« Les élus, exige le respect des institutions républicaines et de leurs membres. »", None),
])
def test_incise_inside_the_quotation_marks(text: str, source: str | None) -> None:
    row = _text_only(text)[0].row(0, named=True)
    assert row["source"] == source
    if source:
        assert row["rule"].split("+")[1] == "incise_inside"


def test_continuation_and_headline() -> None:
    table, _ = _text_only(
        "Banques belges : « Le parquet exagère »\n\n"
        "Selon la fédération des banques, Febelfin, « le montant est plus bas ». "
        "« Nous restons sereins », a ajouté la porte-parole.\n\n"
        "« Il ne faut pas s'inquiéter. »\n\n"
        "Le ministre a salué une « riposte » rapide.")
    got = [(r["speaker"], r["rule"].split("+")[-1]) for r in table.iter_rows(named=True)]
    assert got == [("Febelfin", "headline"), ("Febelfin", "name"), ("la porte-parole", "as_written"),
                   ("la porte-parole", "continuation"), (None, "none")]


def test_no_continuation_across_an_unrelated_paragraph_sentence() -> None:
    """A quotation inside a paragraph, with another speaker's words before it in an earlier paragraph only,
    is not given to that speaker."""
    table, _ = _text_only("« Nous partons », a déclaré Marie Dupont.\n\nLe temps était doux. Il a dit « non ».")
    assert table.filter(pl.col("text") == "« non »")["speaker"].to_list() == [None]


def test_add_speakers_keeps_rows_and_an_empty_table() -> None:
    table, docs = _text_only("Rien à citer ici.")
    assert table.height == 0 and "speaker" in table.columns
    assert add_speakers(table.drop("speaker"), tk.empty(), docs).columns == table.columns


def test_speakers_table() -> None:
    rows = pl.DataFrame({
        "doc_id": ["a", "a", "a", "a", "a", "b"], "start_char": [0, 50, 90, 95, 150, 0],
        "kind": ["direct", "direct", "mixed", "scare", "direct", "direct"],
        "level": [0, 0, 0, 1, 0, 0], "n_tokens": [10, 5, 3, 1, 7, 4],
        "source": ["le président Obama", "il", None, None, "Mitt Romney", "Febelfin"],
        "speaker": ["Barack Obama", "Barack Obama", "Barack Obama", None, "Mitt Romney", "Febelfin"]})
    table = speakers(rows, tk.empty(), pl.DataFrame({"doc_id": ["a", "b"], "text": ["", ""]}))
    assert table.columns == SPEAKER_COLUMNS
    assert table.rows() == [("a", "Barack Obama", "le président Obama | il", 3, 18),
                            ("a", "Mitt Romney", "Mitt Romney", 1, 7), ("b", "Febelfin", "Febelfin", 1, 4)]


def test_speakers_computes_the_column_when_missing() -> None:
    table, docs = _text_only("« Nous partons », a déclaré Marie Dupont. « Nous reviendrons. »")
    result = speakers(table.drop("speaker"), tk.empty(), docs)
    assert result.select("speaker", "n_quotes").rows() == [("Marie Dupont", 2)]


# --- on a real parse ------------------------------------------------------------------------------------------

TEXTS = {
    "pronoun": "Espagne : la télévision publique limoge une journaliste\n\nLa journaliste Ana Pastor a été remerciée "
               "vendredi par la direction. Le ministre Jean Dupont a démenti toute pression politique.\n\nElle a "
               "écrit sur Twitter : « J'ai été virée parce que je faisais un vrai journalisme. »",
    "relative": "Un avocat est mort\n\nIl avait eu un clash avec Bernard Bonnet, le successeur du préfet, qui lui "
                "avait rétorqué : « Je partirai quand vous cesserez. »",
    "incise": "Le chômage recule\n\n« Nous avons créé des emplois », s'est réjoui le président Barack Obama à "
              "Hilliard. « Les entreprises embauchent », a-t-il ajouté.\n\n« Le pays va mieux. »",
    "apposition": "Un crime\n\nLa procureure de la Cour pénale internationale, Mme Fatou Bensouda, a déclaré : "
                  "« Mon message est clair. »",
    "headline": "Barack Obama : « Nous ne reculerons pas »\n\nLe président Barack Obama a parlé mardi à Chicago "
                "devant ses partisans.",
    # a name in parentheses (a sponsor, a party) is no antecedent of "il"
    "parenthetical": "Voile\n\nLe skipper Marc Guillemot (Safran) a abandonné la course hier. Il a précisé en "
                     "conférence de presse : « La quille est cassée. »",
    # "comme le précise X": the subject after the verb, which the parser takes for an object
    "inverted": "Retrait\n\nL'armée ne va pas tout retirer, comme le précise l'ambassadeur de France en Afghanistan, "
                "Bernard Bajolet : « Les forces françaises tournent une page. »",
    # the nearest antecedent of "elle" is a place: the pronoun stays, it does not take the farther Marie Dupont
    "determined": "La parité\n\nMarie Dupont a parlé hier aux militants. La France est très en retard sur ses "
                  "voisins. « La bataille est dure », reconnaît-elle.",
    # the agent of "par" is a salient antecedent, an oblique of another preposition is none
    "agent": "Assemblée\n\nLes députés ont fait part de leur indignation par Christian Jacob, président du groupe. "
             "Il a déclaré : « On ne peut pas accepter un tel mépris. »",
    # before a colon, the main clause's verb, not the relative's ("qui en souhaitait deux")
    "relative_colon": "Le club\n\nJacques Rousselot repassa à l'offensive et il se rangea au souhait du joueur qui en "
                      "souhaitait deux : « Notre objectif reste le maintien. »",
    # the subject of a clause embedded in the speaker's ("que la Russie avait …") is less salient than the speaker
    "embedded": "Syrie\n\nL'ambassadeur russe à l'ONU, Vitali Tchourkine a déclaré que la Russie avait déjà tout "
                "fait. « Maintenant, la France débarque », a-t-il déclaré.",
    # zero-width spaces inside the name of an incise's inverted subject, a description apposed to it (since e5a1236
    # the name itself is the source: the speaker must still be the name without its format characters)
    "format_characters": "Haïti\n\n« Les communautés savent quelle aide leur est apportée », a déclaré Ronald "
                         "Tran Ba \u200b\u200bHuy, le représentant du PAM en Haïti.",
}


@pytest.fixture(scope="module")
def parsed():
    result = parse_texts(TEXTS)
    return result, quotes(result.tokens, result.documents)


@pytest.mark.parametrize("doc, speakers_, rules", [
    ("pronoun", ["Ana Pastor"], ["pronoun"]),  # "elle": the feminine subject, not the nearer "Jean Dupont"
    ("relative", ["Bernard Bonnet"], ["pronoun"]),
    ("incise", ["Barack Obama"] * 3, ["name", "pronoun", "continuation"]),
    # (the parser makes the description and the name two subjects: the name is the source)
    ("apposition", ["Fatou Bensouda"], ["name"]),
    ("headline", ["Barack Obama"], ["name"]),
    ("parenthetical", ["Marc Guillemot"], ["pronoun"]),
    ("inverted", ["Bernard Bajolet"], ["apposition"]),
    ("determined", ["elle"], ["as_written"]),
    ("agent", ["Christian Jacob"], ["pronoun"]),
    ("relative_colon", ["Jacques Rousselot"], ["name"]),
    ("embedded", ["Vitali Tchourkine"], ["pronoun"]),
    ("format_characters", ["Ronald Tran Ba Huy"], ["name"]),
])
def test_speakers_on_a_parse(parsed, doc: str, speakers_: list[str], rules: list[str]) -> None:
    table = parsed[1].filter(pl.col("doc_id").cast(pl.String) == doc).sort("start_char")
    assert table["speaker"].to_list() == speakers_
    assert [rule.split("+")[-1] for rule in table["rule"]] == rules


def test_speakers_table_on_a_parse(parsed) -> None:
    result, table = parsed
    per_speaker = speakers(table, result.tokens, result.documents)
    row = per_speaker.filter(pl.col("doc_id") == "incise").row(0, named=True)
    assert (row["speaker"], row["n_quotes"], row["mentions"]) == ("Barack Obama", 3, "le président Barack Obama | il")
    assert row["quoted_words"] == table.filter(pl.col("doc_id").cast(pl.String) == "incise")["n_tokens"].sum()


def test_quotes_command_writes_the_speakers_table(tmp_path) -> None:
    """`corpusling quotes … --speakers FILE`: one row per document and speaker."""
    from pathlib import Path

    import polars as pl

    from corpusling.cli import main

    seed = Path(__file__).resolve().parent.parent / "seeds"
    out = tmp_path / "who.csv"
    assert main(["quotes", str(seed), "--speakers", str(out)]) == 0
    table = pl.read_csv(out)
    assert table.columns == ["doc_id", "speaker", "mentions", "n_quotes", "quoted_words"]
    assert table.height > 0 and (table["n_quotes"] > 0).all()


def test_speakers_count_quotations_and_reported_speech(seed_parsed) -> None:
    """With reported speech, each speaker's direct, mixed and reported items and words (issue 16, item 3)."""
    import corpusling as cl
    from corpusling.markers.speakers import REPORTED_COLUMNS, SPEAKER_COLUMNS, speakers
    from corpusling.parsed import ParsedCorpus

    corpus = ParsedCorpus(tokens=seed_parsed.tokens, documents=seed_parsed.documents)
    quotes, reported = cl.quotes(corpus), cl.reported(corpus)
    table = speakers(quotes, corpus.tokens, corpus.documents, reported)
    assert table.columns == [*SPEAKER_COLUMNS, *REPORTED_COLUMNS]
    assert (table["n_quotes"] == table["n_direct"] + table["n_mixed"]).all()
    alone = speakers(quotes, corpus.tokens, corpus.documents)
    assert table.filter(pl.col("n_quotes") > 0).select(SPEAKER_COLUMNS).sort("speaker").equals(
        alone.sort("speaker"))
    spoken = reported.filter(~pl.col("in_quote") & pl.col("speaker").is_not_null())
    assert table["n_reported"].sum() == spoken.height
    pentagon = table.filter(pl.col("speaker") == "le Pentagone").row(0, named=True)
    assert pentagon["n_reported"] >= 1 and pentagon["reported_words"] >= 5
