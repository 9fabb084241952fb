"""Attribution constructions of the French press, written from the grammar and not from any gold set (sixteenth
session, issue 14): incises with every kind of verb, tense, adverb, oblique phrase and inverted subject (Riegel, Pellat
& Rioul 2018, ch. XXIII: the incise and its inverted subject), colons after a clause, "selon X". Each line is one
document with one quotation; the test checks its speaker. A battery of constructions measures coverage where the
development sets are silent (no set had "« … », nous a confié X" or "a-t-il tempêté"), as a linguist checks a
grammar against constructed examples; a construction that fails is marked so, with the reason, and a fix that makes
it pass must remove the mark (``strict``). Parsed with the bundled compact model, all lines as one corpus."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import direct_quotations, quotation_row

#: (text, the speaker of its quotation)
CONSTRUCTIONS = [
    ('« Nous ne reculerons pas », déclare Paul Martin, porte-parole du syndicat.', 'Paul Martin'),
    ('« Nous ne reculerons pas », estime Paul Martin dans un communiqué.', 'Paul Martin'),
    ('« Nous ne reculerons pas », confie Paul Martin au Monde.', 'Paul Martin'),
    ("« Nous ne reculerons pas », s'est félicité Paul Martin.", 'Paul Martin'),
    ('« Nous ne reculerons pas », a tenu à rappeler Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a réagi Paul Martin sur Twitter.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a écrit Paul Martin sur son compte Twitter.', 'Paul Martin'),
    ('« Nous ne reculerons pas », raconte Paul Martin, 45 ans.', 'Paul Martin'),
    ("« Nous ne reculerons pas », explique à l'AFP Paul Martin.", 'Paul Martin'),
    ("« Nous ne reculerons pas », a assuré à l'AFP une source proche du dossier.", 'une source proche du dossier'),
    ('« Nous ne reculerons pas », souligne le communiqué.', 'le communiqué'),
    ('« Nous ne reculerons pas », peut-on lire dans le communiqué du syndicat.', 'le communiqué du syndicat'),
    # the verb of reading carrying the inverted "on" (2026-12-08)
    ('« Nous ne reculerons pas », lit-on dans le communiqué du syndicat.', 'le communiqué du syndicat'),
    ('« Nous ne reculerons pas », lisait-on sur le site du syndicat.', 'le site du syndicat'),
    ('« Nous ne reculerons pas », nous a confié Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a déclaré mardi Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a déclaré Paul Martin mardi.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a dit aux journalistes le porte-parole Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a déclaré à la presse le président américain Donald Trump.', 'Donald Trump'),
    ('« Nous ne reculerons pas » a déclaré Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a répondu Paul Martin, interrogé par Le Monde.', 'Paul Martin'),
    ('« Nous ne reculerons pas », ont déclaré les enquêteurs.', 'les enquêteurs'),
    ('« Nous ne reculerons pas », selon un communiqué de la préfecture.', 'un communiqué de la préfecture'),
    ('« Nous ne reculerons pas », rapporte Le Parisien.', 'Le Parisien'),
    ('« Nous ne reculerons pas », écrit le New York Times.', 'New York Times'),
    ('« Nous ne reculerons pas », a-t-il souligné dans un entretien au Figaro.', 'il'),
    ('« Nous ne reculerons pas », a commenté sobrement Paul Martin.', 'Paul Martin'),
    ("Interrogé par l'AFP, Paul Martin a estimé : « Nous ne reculerons pas. »", 'Paul Martin'),
    ("« Nous ne reculerons pas », s'est exclamé Paul Martin.", 'Paul Martin'),
    ('« Nous ne reculerons pas », sourit Paul Martin.', 'Paul Martin'),
    ("« Nous ne reculerons pas », s'amuse Paul Martin.", 'Paul Martin'),
    ("« Nous ne reculerons pas », s'inquiète Paul Martin.", 'Paul Martin'),
    ('« Nous ne reculerons pas », tranche Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », prévient Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », glisse Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », insiste Paul Martin.', 'Paul Martin'),
    pytest.param("« Nous ne reculerons pas », a indiqué à l'Agence France-Presse Paul Martin, le secrétaire général.",
                 'Paul Martin',
                 marks=pytest.mark.xfail(strict=True, reason="one name of the agency and the speaker")),
    ('« Nous ne reculerons pas », a lancé Paul Martin devant les militants.', 'Paul Martin'),
    ('Paul Martin, le secrétaire général du syndicat, a déclaré : « Nous ne reculerons pas. »', 'Paul Martin'),
    ('Le secrétaire général, Paul Martin, a prévenu : « Nous ne reculerons pas. »', 'Paul Martin'),
    ('« Nous ne reculerons pas », affirme à son tour Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a également déclaré Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », aurait déclaré Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a-t-il ensuite déclaré.', 'il'),
    ('« Nous ne reculerons pas », a conclu Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a annoncé Paul Martin sur France Inter.', 'Paul Martin'),
    ("« Nous ne reculerons pas », a martelé Paul Martin lors d'un meeting à Lyon.", 'Paul Martin'),
    ('« Nous ne reculerons pas », a déclaré dimanche soir Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a ainsi résumé Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a encore dit Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », dit-il.', 'il'),
    ('« Nous ne reculerons pas », répète inlassablement Paul Martin.', 'Paul Martin'),
    ("« Nous ne reculerons pas », a averti Paul Martin, cité par l'AFP.", 'Paul Martin'),
    ('« Nous ne reculerons pas », jure Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », ironise Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », assène Paul Martin.', 'Paul Martin'),
    # verbs of manner the tagger takes for nouns: the Lefff's third person reads them as verbs (2026-12-08)
    ('« Nous ne reculerons pas », tempête Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », peste Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », tacle Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », soupire Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », lâche Paul Martin.', 'Paul Martin'),
    ("« Nous ne reculerons pas », s'emporte Paul Martin.", 'Paul Martin'),
    ('« Nous ne reculerons pas », a fait valoir Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a voulu rassurer Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a-t-il promis.', 'il'),
    ('« Nous ne reculerons pas », nous a-t-il confié.', 'il'),
    ('« Nous ne reculerons pas », nous a confié le maire de la commune.', 'le maire de la commune'),
    ("« Nous ne reculerons pas », m'a dit Paul Martin.", 'Paul Martin'),
    ('« Nous ne reculerons pas », lui a répondu Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », leur a expliqué le maire.', 'le maire'),
    ('« Nous ne reculerons pas », vous dira Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », nous explique Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », nous dit-il.', 'il'),
    ('« Nous ne reculerons pas », a-t-il tempêté.', 'il'),
    ('« Nous ne reculerons pas », a-t-elle rigolé.', 'elle'),
    ('« Nous ne reculerons pas », a-t-il tempêté devant la presse.', 'il'),
    ('« Nous ne reculerons pas », a-t-il tempêté au micro de France Inter.', 'il'),
    ('« Nous partons, a-t-il déclaré, et nous reviendrons bientôt. »', 'il'),
    pytest.param('« Nous partons, a-t-elle tempêté, et nous reviendrons bientôt. »',
                 'elle',
                 marks=pytest.mark.xfail(strict=True, reason="inside the marks: lexicon verbs only")),
    ('« Nous partons, a déclaré Paul Martin, et nous reviendrons bientôt. »', 'Paul Martin'),
    ('« Nous partons, dit-il, et nous reviendrons bientôt. »', 'il'),
    # attributing prepositions, colons, readings, titles
    ('Selon Paul Martin, « nous ne reculerons pas ».', 'Paul Martin'),
    ('Selon le porte-parole du syndicat, Paul Martin, « nous ne reculerons pas ».', 'Paul Martin'),
    ("D'après Paul Martin, « la grève continuera ».", 'Paul Martin'),
    ("Pour Paul Martin, « c'est une erreur historique ».", 'Paul Martin'),
    ('« Nous ne reculerons pas », selon Paul Martin.', 'Paul Martin'),
    ("« Nous ne reculerons pas », d'après le syndicat.", 'le syndicat'),
    ('« Nous ne reculerons pas », selon des propos rapportés par Le Monde.', 'des propos rapportés par Le Monde'),
    ("À en croire Paul Martin, « rien n'est joué ».", 'Paul Martin'),
    ('Paul Martin a déclaré : « Nous ne reculerons pas. »', 'Paul Martin'),
    ("Paul Martin l'a répété : « Nous ne reculerons pas. »", 'Paul Martin'),
    ('Paul Martin est formel : « Nous ne reculerons pas. »', 'Paul Martin'),
    ('Le message de Paul Martin est clair : « Nous ne reculerons pas. »', 'Paul Martin'),
    pytest.param("Paul Martin, lui, n'en démord pas : « Nous ne reculerons pas. »",
                 'Paul Martin',
                 marks=pytest.mark.xfail(strict=True, reason="a subject set off by 'lui' before a verb of no saying")),
    ('Dans un communiqué, Paul Martin affirme : « Nous ne reculerons pas. »', 'Paul Martin'),
    ('Paul Martin a prévenu les députés : « Nous ne reculerons pas. »', 'Paul Martin'),
    ("Paul Martin s'est adressé aux grévistes : « Nous ne reculerons pas. »", 'Paul Martin'),
    ('Interrogée par France Info, Marie Durand a répondu : « Nous ne reculerons pas. »', 'Marie Durand'),
    pytest.param("« Nous ne reculerons pas. » C'est par ces mots que Paul Martin a conclu son discours.",
                 'Paul Martin',
                 marks=pytest.mark.xfail(strict=True, reason='the speaker named in the next sentence')),
    ("« Nous ne reculerons pas », a-t-il déclaré, cité par l'AFP.", 'il'),
    ('« Nous ne reculerons pas », écrit Paul Martin dans une tribune publiée par Le Monde.', 'Paul Martin'),
    ('« Nous ne reculerons pas », a tweeté Paul Martin.', 'Paul Martin'),
    pytest.param('« Nous ne reculerons pas », peut-on lire sur le compte Twitter de Paul Martin.',
                 'Paul Martin',
                 marks=pytest.mark.xfail(strict=True, reason='the owner of the account read')),
    ('« Nous ne reculerons pas », a martelé M. Martin.', 'Martin'),
    ('« Nous ne reculerons pas », a martelé Mme Durand.', 'Durand'),
    ('« Nous ne reculerons pas », a martelé le Premier ministre, Paul Martin.', 'Paul Martin'),
    ('« Nous ne reculerons pas », ont affirmé les syndicats dans un communiqué commun.', 'les syndicats'),
    ("« Rien n'est joué », à en croire Paul Martin.", 'Paul Martin'),
    ('À en croire le ministre, « la réforme sera adoptée ».', 'le ministre'),
]

#: document id of each construction's text
_IDS = {(case.values if hasattr(case, "values") else case)[0]: f"c{number:03d}"
        for number, case in enumerate(CONSTRUCTIONS)}


@pytest.fixture(scope="module")
def found() -> pl.DataFrame:
    return direct_quotations({doc: (text, None) for text, doc in _IDS.items()})


@pytest.mark.parametrize("text, speaker", CONSTRUCTIONS)
def test_the_speaker_of_a_press_construction(found: pl.DataFrame, text: str, speaker: str) -> None:
    row = quotation_row(found, _IDS[text])
    assert row["speaker"] == speaker, (row["source"], row["rule"])
