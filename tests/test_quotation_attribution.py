"""Quotation kinds and sources on the kinds of error of the fresh blind set5 (issue 14, second round).

Each test parses a small text with the bundled model and asserts the rule that decides (``rule`` is "kind
rule+source rule+speaker rule") and its output; each fails without the rule or the condition it names.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl


def _quotes(tmp_path: Path, *paragraphs: str) -> pl.DataFrame:
    from corpusling.api import parse, read
    from corpusling.markers.quotes import quotes

    path = tmp_path / "text.txt"
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    corpus = parse(read([path]), model="compact")
    return quotes(corpus.tokens, corpus.documents, kinds="rules")  # the rules' names (the default hybrid: model:…)


def _rules(found: pl.DataFrame, part: int) -> list[str]:
    return found["rule"].str.split("+").list.get(part).to_list()


def test_a_completive_the_parser_calls_adverbial_is_climbed(tmp_path: Path) -> None:
    """'X pensait que le suspect aurait « des sympathies »': the parser hangs the 'que' clause as advcl; it is the
    content clause of the verb of thinking, so the quoted words are X's (mixed), not a scare quote."""
    found = _quotes(tmp_path, "On ignorait les raisons de cet acte, mais le FBI pensait que le suspect aurait "
                              "peut-être « des sympathies » pour le terrorisme islamiste.")
    assert found["kind"].to_list() == ["mixed"]
    assert _rules(found, 0) == ["embedded"] and _rules(found, 1) == ["governing_verb"]
    assert found["source"].to_list() == ["le FBI"]


def test_a_clause_right_after_according_to_is_direct(tmp_path: Path) -> None:
    """'…, pour X, « il y aura … »' inside the sentence and 'Selon X « il s'agit … »' with no comma: the quoted
    clause is X's utterance (direct, rule selon_clause), X its source."""
    found = _quotes(tmp_path,
                    "Le sommet a eu lieu hier tandis que, pour le président de la Commission européenne Jean-Claude "
                    "Juncker, « il y aura un 100e anniversaire de l'Union ».",
                    "L'armée a démenti toute implication. Selon un haut responsable des services de sécurité « il "
                    "s'agit d'une calomnie ».")
    assert found["kind"].to_list() == ["direct", "direct"]
    assert _rules(found, 0) == ["selon_clause", "selon_clause"]
    assert _rules(found, 1) == ["selon_clause", "selon_clause"]
    assert found["source"].to_list() == ["le président de la Commission européenne Jean-Claude Juncker",
                                         "un haut responsable des services de sécurité"]
    assert found["reporting_verb"].to_list() == ["pour", "selon"]


def test_an_incise_after_a_footnote_call(tmp_path: Path) -> None:
    """'« … » [1], explique-t-il': the footnote call between the closing mark and the incise does not hide the
    incise (on the tokens and in the text); the quotation is direct, not a title opening the sentence."""
    found = _quotes(tmp_path, "Valve veut se concentrer sur le matériel. « Un investissement pour le futur » [1], "
                              "explique-t-il. « Artifact est le premier jeu d'une série » [1], a-t-il expliqué par "
                              "la suite.")
    assert found["kind"].to_list() == ["direct", "direct"]
    assert _rules(found, 0) == ["sentence", "sentence"]
    assert _rules(found, 1) == ["incise", "incise"]
    assert found["source"].to_list() == ["il", "il"]
    assert found["reporting_verb"].to_list() == ["expliquer", "expliquer"]


def test_an_inverted_incise_left_in_one_token_gives_its_clitic(tmp_path: Path) -> None:
    """'« … » a-t-elle déclaré': the tokenizer may leave 'a-t-elle' in one piece, the subject of the incise verb
    in the tree; the source is the clitic 'elle' (which the speakers resolve), not 'a-t-elle'."""
    found = _quotes(tmp_path, "Elle a dénoncé la parole du candidat. « Je n'ai pas dit qu'il était malhonnête, "
                              "j'ai dit que sa parole l'était. On voit, on entend quand ça sonne faux » a-t-elle "
                              "déclaré.")
    assert _rules(found, 1) == ["incise"]
    assert found["source"].to_list() == ["elle"]


def test_a_quoted_clause_after_a_comma_and_but_with_its_incise_is_direct(tmp_path: Path) -> None:
    """'« … », mais « nous avons appris la leçon », a affirmé X': the second quotation is a clause of its own
    after the conjunction, attributed by its incise (direct, rule clause_incise), not words woven into a clause of
    the writer's."""
    found = _quotes(tmp_path, "« Nous nous sommes arrêtés et cela a provoqué une crise », mais « nous avons appris "
                              "la leçon, l’Union choisit de repartir », a affirmé M. Gentiloni avant la cérémonie.")
    assert found["kind"].to_list() == ["direct", "direct"]
    assert _rules(found, 0)[1] == "clause_incise" and _rules(found, 1)[1] == "incise"
    assert found["source"].to_list()[1] == "M. Gentiloni"


def test_a_quotation_signed_on_the_next_line(tmp_path: Path) -> None:
    """'« … »' alone in its paragraph, then '— Service de presse du festival': the signature is the source (rule
    signature); a dash line after a quotation inside a sentence of the writer's signs nothing."""
    found = _quotes(tmp_path, "Le festival a annoncé la nouvelle.",
                    "« Nous rendons d'abord hommage à une oeuvre, la venue ou non de l'artiste fait partie des aléas »",
                    "— Service de presse du festival",
                    "Le jury a salué une « oeuvre majeure »",
                    "— Liste des films")
    assert _rules(found, 1) == ["signature", "none"]
    assert found["source"].to_list() == ["Service de presse du festival", None]


def test_a_quotation_hung_on_the_subject_is_left_out_of_the_source(tmp_path: Path) -> None:
    """'… une pancarte « je suis partout », Karim Hacène, journaliste a twitté : « … »': the parser hangs the first
    quotation on the subject; the source starts at the subject's head, not inside that quotation (it was none)."""
    found = _quotes(tmp_path, "Vers 12h30, commentant un dessin illustrant un Gilet jaune tenant une pancarte « je "
                              "suis partout », Karim Hacène, journaliste a twitté : « Les Gilets jaunes sont-ils "
                              "incultes au point de ne pas savoir à quoi ils font référence ? ».")
    assert _rules(found, 1)[1] == "colon_verb"
    assert found["source"].to_list()[1] == "Karim Hacène"


def test_words_in_a_clause_opened_by_selon_inside_the_sentence_are_mixed(tmp_path: Path) -> None:
    """'car selon eux, il était le siège de « fêtes sauvages »': 'selon X,' opening a clause after the sentence's
    start makes the short quoted words X's (mixed, rule selon_inside), not a scare quote; X is the source."""
    found = _quotes(tmp_path, "Les Talibans ont visé cet hôtel car selon eux, il était le siège de « fêtes "
                              "sauvages ».",
                    "Les habitants de la région craignent une « riposte générale ».")
    assert found["kind"].to_list() == ["mixed", "scare"]
    assert _rules(found, 0) == ["selon_inside", "short"]
    assert found["source"].to_list() == ["eux", None]
    assert found["reporting_verb"].to_list() == ["selon", None]


def test_a_name_then_its_verb_after_the_quotation(tmp_path: Path) -> None:
    """'« … », May a dit aux députés' (the word order of a translation): the name before the verb of saying is the
    source (rule incise_name_first); a name whose verb has an object of its own attributes nothing."""
    found = _quotes(tmp_path, "La tapisserie sera prêtée. « C’est très significatif que la tapisserie vienne au "
                              "Royaume-Uni », May a dit aux députés britanniques.",
                    "« Nous partons », Macron a annoncé une réforme.")
    assert _rules(found, 1) == ["incise_name_first", "none"]
    assert found["source"].to_list() == ["May", None]
    assert found["reporting_verb"].to_list() == ["dire", None]
