"""Quotations, tenth round (issue 14): the mention of a direct quotation's speaker and the kinds of short quoted
words, each rule shown on sentences parsed with the bundled model (set12, set13, set14 and older sets)."""

from __future__ import annotations

import polars as pl
from conftest import parse_texts

from corpusling.markers.quotes import quotes


def _quotes(texts: dict[str, str]) -> pl.DataFrame:
    corpus = parse_texts(texts)
    return quotes(corpus.tokens, corpus.documents).sort("doc_id", "start_char")


def test_a_colon_clause_speaks_through_its_main_verb_not_a_verb_under_a_gerund() -> None:
    """"Il a publié un communiqué …, tout en précisant qu'elles figuraient … :": the verb before the colon is the
    main clause's, not the finite verb of a completive under the gerund (whose subject, "elles", is no speaker),
    nor an infinitive ("capable de lui tenir tête :"); set14, set13."""
    found = _quotes({
        "a": "Il a ensuite publié un communiqué expliquant le détail des indemnités en question, tout en précisant "
             "qu'elles figuraient déjà dans la déclaration de patrimoine qu'il avait mise en ligne lundi soir : "
             "« Elles ont bien été prises en compte dans le calcul de son salaire moyen. »",
        "b": "Elle se présente aujourd'hui comme la seule personnalité du parti à être capable de lui tenir tête : "
             "« Moi, je n'hésite pas à dire ce que je pense ».",
        # a finite subordinate verb with its own subject stays the last verb (the parser's "qu'elle" clause)
        "c": "En effet, avec Steam VR, Valve a acquérit une expertise qu'elle ne possédait pas avant : « il y a cinq "
             "ans, nous n'avions pas d'ingénieurs électroniciens ou roboticiens. »"})
    assert found["rule"].str.split("+").list.get(1).to_list() == ["colon_verb"] * 3
    assert found["source"].to_list() == ["Il", "Elle", "elle"]


def test_a_signature_line_gives_the_name_before_its_description() -> None:
    """"« … »\\n\\n— Robert Kopp, professeur adjoint au département … de l'université Rutgers": a quotation alone
    in its paragraph, signed on the next line by a dash; the name before the comma is the speaker, however long
    the description after it (set14; the guide's shortest phrase naming the speaker)."""
    found = _quotes({"kopp": "Le niveau des mers est monté, comme l'indiquent leurs travaux publiés lundi.\n\n« (Le "
                             "siècle dernier) a été extraordinaire comparé aux trois derniers millénaires. »\n\n— "
                             "Robert Kopp, professeur adjoint au département des sciences de la Terre de "
                             "l'université Rutgers\n\nLa suite.",
                     "festival": "« Nous rendons hommage à une oeuvre »\n\n— Service de presse du festival"})
    assert found["rule"].str.split("+").list.get(1).to_list() == ["signature", "signature"]
    assert found["source"].to_list() == ["Service de presse du festival", "Robert Kopp"]


def test_no_source_is_read_inside_another_quotation() -> None:
    """"« … » poursuivant par « On dit que … »": the noun phrase looked for after the verb would be the next
    quotation; a source read in the text stands at its quotation's depth, as the tree's do (set13); an incise
    between the marks keeps its own."""
    found = _quotes({"a": "Le 22 octobre 2016, Gaston Sindimwo, premier vice-président du Burundi a réagi plutôt "
                          "vivement à l'annonce européenne :\n\n« C’est un geste qui est dans la continuité de la "
                          "déstabilisation de la République du Burundi » poursuivant par « On dit que c’est le "
                          "gouvernement qui ne paie pas les militaires. C’est inadmissible, ça ! »",
                     "b": "« Nous partons demain, a déclaré le capitaine, et nous reviendrons bientôt. »"})
    assert found["source"].to_list() == [None, None, "le capitaine"]


def test_a_text_read_in_a_document_has_the_document_for_source() -> None:
    """"Sur la page Twitter officielle de Pixar, on pouvait lire : « … »", "« … » peut-t-on y lire" ("y": the
    document named in the sentence before), "« … », peut-on lire dans le journal local": the impersonal "on"
    reads, the document is the quotation's source (set11, set14)."""
    found = _quotes({
        "a": "Luckey a pris sa retraite en 2008.\n\nSur la page Twitter officielle de Pixar, on pouvait lire : "
             "« Merci, Bud Luckey, à l'infini et au-delà. »",
        "b": "Dans un communiqué de l'aéroport José María Cordova de Rionegro, on apprend qu'un poste de commandement "
             "a été mis en place. « La police nationale est arrivée sur place et déploie toute l'aide possible » "
             "peut-t-on y lire.",
        "c": "« Le maire a démissionné », peut-on lire dans le journal local."})
    assert found["rule"].str.split("+").list.get(1).to_list() == ["reading"] * 3
    assert found["source"].to_list() == ["la page Twitter officielle de Pixar",
                                         "un communiqué de l'aéroport José María Cordova de Rionegro",
                                         "le journal local"]
    assert found["reporting_verb"].to_list() == ["lire"] * 3


def test_faire_part_de_gives_the_speaker_s_words() -> None:
    """"a fait part de sa « vive émotion »", "a fait part d'un « énorme choc »": "faire part de", like "faire état
    de", communicates the subject's feeling or view; the quoted words after its "de" (and a possessive) are the
    subject's, mixed (``qualifying_words``; set13, set14, and set8's gold, whose reporting verb is "faire part");
    the decider's rule names it."""
    found = _quotes({"a": "Il était hospitalisé depuis le 14 juillet. Juliette Méadel a fait part de sa « vive "
                          "émotion » en apprenant ce décès.",
                     "b": "Haïder al-Abadi, le Premier ministre irakien, a fait part d'un « énorme choc » et a "
                          "prévenu de troubles éventuels."})
    assert found["kind"].to_list() == ["mixed", "mixed"]
    assert found["rule"].str.split("+").list.first().to_list() == ["model:rule_qualifying_words"] * 2
    by_rules = quotes(*(lambda c: (c.tokens, c.documents))(parse_texts({"a": "Juliette Méadel a fait part de sa "
                                                                             "« vive émotion » hier."})),
                      kinds="rules")
    assert by_rules["rule"].str.split("+").list.first().to_list() == ["qualifying_words"]



def test_y_takes_up_a_document_of_the_sentence_before_only() -> None:
    """"y" in "peut-on y lire" takes up the document named in the sentence before, never a place two sentences
    back; the reporting verb is the one read in the incise."""
    found = _quotes({"near": "Dans un communiqué de la mairie, on apprend que la route est fermée. "
                             "« La route restera fermée jusqu’à nouvel ordre pour tous les véhicules » peut-on y lire.",
                     "far": "Dans la cour, les élèves jouaient au ballon. Le directeur est arrivé à midi. "
                            "« Rentrez en classe » peut-on y lire."})
    by_doc = {row["doc_id"]: row for row in found.iter_rows(named=True)}
    assert by_doc["near"]["source"] == "un communiqué de la mairie" and by_doc["near"]["reporting_verb"] == "lire"
    assert by_doc["far"]["source"] != "la cour"
