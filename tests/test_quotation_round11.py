"""Quotations, eleventh round (issue 14): the inverted incise whatever its verb, and the end of a noun phrase read
after an inverted verb, each rule shown on sentences parsed with the bundled model (set15 and older sets)."""

from __future__ import annotations

import polars as pl
from conftest import parse_texts

from corpusling.markers.quotes import quotes


def _quotes(texts: dict[str, str]) -> pl.DataFrame:
    corpus = parse_texts(texts)
    return quotes(corpus.tokens, corpus.documents).sort("doc_id", "start_char")


def test_an_inverted_verb_of_no_lexicon_after_the_mark_is_an_incise() -> None:
    """"« … », s'enthousiasme Federico Garcia": whatever the verb, an inverted verb right after the closing mark of a
    quotation that opens its sentence, with its subject after it (a noun phrase or an inverted clitic), is an incise
    (rule incise_open; Riegel et al. 2018, ch. XXIII): its auxiliary, reflexive clitic, adverbs and a
    semi-auxiliary before the infinitive are read as in the lexicon's incises (set15, set4)."""
    found = _quotes({
        "a": "Les chercheurs ont publié leurs travaux. « Ce qui est remarquable, c'est le fait que les modèles sont "
             "ici en mesure d'expliquer les résultats », s'enthousiasme Federico Garcia au vu des progrès.",
        "b": "Des élus s'inquiètent. « Tous les travaux se font en concertation avec les architectes », a cependant "
             "tenu à tempérer Jean-François Martins, adjoint à la mairie.",
        "c": "Le ministre a répondu. « Pour faire un boulot d'été, oui. Je trouve que c'est une bonne école », s'est "
             "défendu Bruno Le Roux concernant le jeune âge de ses filles.",
        "d": "L'Élysée a salué sa mémoire. « Il était un grand réformateur », a salué pour sa part le Premier "
             "ministre Manuel Valls sur Twitter."})
    assert found["rule"].str.split("+").list.get(1).to_list() == ["incise_open"] * 4
    # (the noun phrase ends before the participial clause: "concernant le jeune âge …")
    assert found["source"].to_list() == ["Federico Garcia", "Jean-François Martins", "Bruno Le Roux",
                                         "le Premier ministre Manuel Valls"]
    assert found["reporting_verb"].to_list()[1] == "tempérer"


def test_a_writers_clause_after_the_mark_is_no_incise() -> None:
    """No open incise without the inversion: a verb with "que" or without a subject after it ("», rappelle que"),
    a word that is no verb ("», selon le parquet"), a quotation inside the writer's clause ("Il a crié « … », a
    frappé un militaire": its verb shares the writer's subject)."""
    found = _quotes({
        "a": "Il a pris la parole. « Nous partirons demain », rappelle que le gouvernement a tout tenté.",
        "b": "L'enquête avance. « Il a été interpellé », selon le parquet.",
        "c": "Le suspect a crié « Allah Akbar », a frappé à la tête un premier militaire."})
    assert not found["rule"].str.contains("incise_open").any()
