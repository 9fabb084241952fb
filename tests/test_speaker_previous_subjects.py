"""The subject a reported-speech pronoun continues (issue 16, tenth round; set14, set12): a verb has one subject, so
a second noun the parser hung on it as a subject after a first ("il le met en garde contre tout acte
« irresponsable » : …") is none, and the pronoun of the next sentence goes to the person named, not to that noun.
Sentences parsed with the bundled model; the test fails without the condition."""

from __future__ import annotations

import polars as pl
from conftest import parse_texts

TEXT = ("Corée du Nord : Trump annule le sommet\n\nMême si Donald Trump reste ouvert à l'idée d'une rencontre avec le "
        "dirigeant nord-coréen, il le met en garde contre tout acte « irresponsable » : « vous parlez de vos capacités "
        "nucléaires, mais les nôtres sont si massives et puissantes que je prie Dieu pour qu'elles n'aient jamais à "
        "être utilisées ». Il a également assuré dans une conférence de presse que les États-Unis poursuivraient leur "
        "campagne de « pression maximale » à l'encontre de Pyongyang.")


def test_a_second_subject_after_the_verb_is_no_antecedent() -> None:
    from corpusling.markers.reported import reported

    corpus = parse_texts({"second": TEXT})
    rows = reported(corpus.tokens, corpus.documents).filter(pl.col("source") == "Il")
    assert rows.height == 1, rows
    assert rows["speaker"][0] == "Donald Trump"
    assert rows["rule"][0].endswith("+pronoun")


ROLE = ("Climat : ratification de l accord\n\nL'Assemblée nationale populaire a approuvé la ratification de l'accord "
        "de Paris lors de sa séance, ce samedi matin. Du côté de Washington, le Congrès est contrôlé par une majorité "
        "républicaine, qui s'oppose aux mesures environnementales. Barack Obama devrait donc joindre les États-Unis à "
        "l'accord de Paris par ordre exécutif. Le président américain a déclaré que les deux plus grandes économies du "
        "monde se devaient de montrer l'exemple.")


def test_a_name_only_in_complements_is_no_role_s_person() -> None:
    """A person's role ("le président américain") takes no name the text writes only in complements ("l'accord de
    Paris", twice): it stays as written rather than become a place."""
    from corpusling.markers.reported import reported

    corpus = parse_texts({"role": ROLE})
    rows = reported(corpus.tokens, corpus.documents).filter(pl.col("source") == "Le président américain")
    assert rows.height == 1, rows
    assert rows["speaker"][0] == "Le président américain"
    assert rows["rule"][0].endswith("+as written")
