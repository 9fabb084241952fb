"""Speakers of direct quotations, eleventh session (issue 14): a definite description of a person's role that no
earlier rule resolves, with no speaker before it, is the article's topic, the person it names most often
("préférait rectifier l'intéressé" in an article on Roger Walkowiak), not of the other gender; so is a quotation in
the first person with no mention nor speaker near it; a description whose article names nobody twice stays as
written. A relative "qui" is the name right before it even where the quotation opens the next paragraph, and a
description whose complement is a proper name ("le candidat d'En Marche") restates the person named just before.
Sentences parsed with the bundled model; each resolved case failed before its rule (the speaker stayed as
written)."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import direct_quotations, quotation_row

CASES = {
    # the topic, named three times, nobody quoted before (set6 2017_02_11-001, written on the released sets)
    "topic": ("Décès du cycliste Roger Walkowiak\n\nLe cycliste Roger Walkowiak s'est éteint mardi. Walkowiak avait "
              "gagné le Tour en 1956.\n\nSa victoire fut longtemps moquée. « Un Tour à la Walko, cela voulait dire un "
              "Tour animé », préférait rectifier l'intéressé.", "Roger Walkowiak", "topic described"),
    # a quotation in the first person with nobody named near it: the topic speaking (set15 2017_03_22-001)
    "first_person": ("Le ministre Bruno Le Roux démissionne\n\nLe ministre Bruno Le Roux a employé ses filles. Bruno "
                     "Le Roux a reconnu les faits mardi.\n\nLa presse a révélé les contrats.\n\n« Bien entendu, "
                     "j'ai mes filles qui ont travaillé avec moi sur des étés. »", "Bruno Le Roux",
                     "topic in the first person"),
    # a relative's antecedent right before it, though the quotation opens the next paragraph (set20 2016_06_15-001)
    "relative": ("Football\n\nDiego Armando Maradona et Pelé se sont brouillés. C'est Maradona qui a fait le premier "
                 "pas :\n\n« Plus de combats, je te le promets »", "Diego Armando Maradona", "pronoun"),
    # a description whose complement is a proper name names the one person holding the role: the person named
    # before it (set20 2017_03_12-010)
    "proper_complement": ("Enquête\n\nEmmanuel Macron a nié mardi toute responsabilité. « Mon ministère a toujours "
                          "respecté les règles », a confié le candidat d'En Marche.", "Emmanuel Macron", "description"),
    # the determiner's gender is not the topic's (a title gives hers): as written
    "gender": ("Élection\n\nMme Anne Martin a été élue lundi. Anne Martin dirigera la région.\n\nLes résultats "
               "ont surpris. « Nous resterons vigilants », a déclaré le président sortant.", "le président sortant",
               "as_written"),
    # nobody named twice: as written
    "nobody": ("Incendie\n\nUn incendie a ravagé un entrepôt lundi à Lyon. Les pompiers sont intervenus.\n\n"
               "« Le feu est maîtrisé », a déclaré le commandant.", "le commandant", "as_written"),
}


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    return direct_quotations(CASES)


@pytest.mark.parametrize("doc", list(CASES))
def test_speaker(found: pl.DataFrame, doc: str) -> None:
    _, speaker, rule = CASES[doc]
    row = quotation_row(found, doc)
    assert (row["speaker"], row["rule"].split("+")[-1]) == (speaker, rule), row
