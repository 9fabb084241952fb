"""Conditional mood on hand-built token tables: morphology, compounds, classes, voice, scoring."""

from __future__ import annotations

import polars as pl
import pytest

from corpusling import tokens as tok
from corpusling.markers.conditional import CLASSES, COLUMNS, conditionals, rules
from corpusling.markers.scoring import confusion, score

# A word: (form, lemma, upos, feats, head, deprel); feats as a tagger that misses Mood=Cnd gives them.
Word = tuple[str, str, str, str, int, str]
FIN3 = "Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin"
FIN3P = "Mood=Ind|Number=Plur|Person=3|Tense=Imp|VerbForm=Fin"
PART = "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part"
INF = "VerbForm=Inf"


def corpus(*sentences: list[Word], doc_id: str = "d1") -> tuple[pl.DataFrame, pl.DataFrame]:
    """A token table and documents table for sentences of words joined by spaces."""
    cols: dict[str, list] = {c: [] for c in ("doc_id", "par_id", "sent_id", "word_id", "token_id", "token_text",
                                             "form", "lemma", "upos", "feats", "head", "deprel", "start_char",
                                             "end_char")}
    text = ""
    for sent_id, words in enumerate(sentences, start=1):
        for word_id, (form, lemma, upos, feats, head, deprel) in enumerate(words, start=1):
            start = len(text)
            text += form + " "
            for col, value in (("doc_id", doc_id), ("par_id", 1), ("sent_id", sent_id), ("word_id", word_id),
                               ("token_id", word_id), ("token_text", form), ("form", form), ("lemma", lemma),
                               ("upos", upos), ("feats", feats), ("head", head), ("deprel", deprel),
                               ("start_char", start), ("end_char", start + len(form))):
                cols[col].append(value)
    return tok.from_rows(cols), pl.DataFrame({"doc_id": [doc_id], "text": [text]})


def one(words: list[Word]) -> pl.DataFrame:
    return conditionals(*corpus(words))


def verb(form: str, lemma: str, feats: str = FIN3, upos: str = "VERB", head: int = 0,
         deprel: str = "root") -> Word:
    return (form, lemma, upos, feats, head, deprel)


def w(form: str, lemma: str | None = None, upos: str = "NOUN", head: int = 0, deprel: str = "dep") -> Word:
    return (form, lemma or form.lower(), upos, "_", head, deprel)


@pytest.mark.parametrize("form, lemma", [
    ("viseraient", "viser"), ("semblerait", "sembler"), ("mourrait", "mourir"), ("prendrait", "prendre"),
    ("finirait", "finir"), ("appellerait", "appeler"), ("achèterait", "acheter"), ("emploierait", "employer"),
    ("aurait", "avoir"), ("serait", "être"), ("irait", "aller"), ("enverrait", "envoyer"),
    ("appartiendraient", "appartenir"), ("acquerrait", "acquérir"), ("recevrions", "recevoir"),
    ("voudriez", "vouloir"), ("referait", "refaire"),
])
def test_conditional_forms_are_found_without_the_tagger(form: str, lemma: str) -> None:
    found = one([w("On", "on", "PRON"), verb(form, lemma, FIN3P if form.endswith("ent") else FIN3)])
    assert found["form"].to_list() == [form]
    assert found["detected_by"].to_list() == ["morphology"]
    assert found["lemma"].to_list() == [lemma]


@pytest.mark.parametrize("form, lemma", [
    ("courait", "courir"), ("déclarait", "déclarer"), ("mourait", "mourir"), ("tirait", "tirer"),
    ("serrait", "serrer"), ("espérait", "espérer"), ("durent", "devoir"), ("ouvrait", "ouvrir"),
    ("restaurait", "restaurer"), ("parlerai", "parler"),
])
def test_imperfects_of_r_stems_and_other_tenses_are_not_taken(form: str, lemma: str) -> None:
    assert one([w("On", "on", "PRON"), verb(form, lemma)]).height == 0


def test_wrong_lemma_of_an_irregular_or_first_group_conditional_is_corrected() -> None:
    found = one([w("Ils", "il", "PRON"), verb("appartiendraient", "appartiendre"), w("et"),
                 verb("pourrait", "pourrir"), w("et"), verb("viseraient", "viserer")])
    assert found["lemma"].to_list() == ["appartenir", "pouvoir", "viser"]


@pytest.mark.parametrize("form, wrong_lemma, lemma", [
    ("permettrait", "permettrer", "permettre"), ("conduiraient", "conduirer", "conduire"),
    ("répondrait", "répondrer", "répondre"), ("fuirait", "fuir", "fuir"), ("grandirait", "grandir", "grandir"),
])
def test_re_verb_stems_are_recognised_when_the_lemma_is_wrong(form: str, wrong_lemma: str, lemma: str) -> None:
    found = one([w("Cela", "cela", "PRON"), verb(form, wrong_lemma)])
    assert found.select("form", "lemma").row(0) == (form, lemma)


@pytest.mark.parametrize("form, lemma", [("engendrait", "engendrer"), ("livrait", "livrer"),
                                         ("admirait", "admirer"), ("entrait", "entrer"),
                                         ("rencontrait", "rencontre"), ("concentraient", "concentre"),
                                         ("assurait", "assure"), ("tirait", "tire")])
def test_imperfects_that_look_like_re_stems_are_not_taken(form: str, lemma: str) -> None:
    assert one([w("Cela", "cela", "PRON"), verb(form, lemma)]).height == 0


def test_inverted_subject_on_the_same_token() -> None:
    found = one([verb("Pourrait-il", "pouvoir"), verb("venir", "venir", INF), w("?", "?", "PUNCT")])
    assert found.select("form", "lemma", "class").row(0) == ("Pourrait-il", "pouvoir", "epistemic")


def test_unknown_first_group_verb_mistagged_as_adjective_is_found() -> None:
    found = one([w("Des", "un", "DET"), w("planètes", "planète"), w("orbiteraient", "orbiteraient", "ADJ")])
    assert found.select("form", "lemma").row(0) == ("orbiteraient", "orbiter")


def test_tagger_mood_is_kept_only_with_a_conditional_ending() -> None:
    cnd = "Mood=Cnd|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin"
    found = one([w("Je", "je", "PRON"), verb("voudrais", "vouloir", cnd), w("mais"), w("je", "je", "PRON"),
                 verb("peux", "pouvoir", cnd)])
    assert found["form"].to_list() == ["voudrais"]
    assert found["detected_by"].to_list() == ["tagger+morphology"]


def test_compound_conditional_on_the_auxiliary_with_the_participle_lemma() -> None:
    found = one([w("l'Amérique", "Amérique", "PROPN", 3, "nsubj"), verb("aurait", "avoir", upos="AUX", head=3,
                 deprel="aux:tense"), verb("envoyé", "envoyer", PART)])
    row = found.row(0, named=True)
    assert (row["form"], row["compound"], row["tense"], row["main_lemma"]) == ("aurait", True, "past", "envoyer")
    assert row["class"] == "reportive"


def test_compound_without_a_tree_uses_the_next_participle_after_negation() -> None:
    found = one([w("Il", "il", "PRON"), w("n'", "ne", "ADV"), verb("aurait", "avoir", upos="AUX", deprel="_"),
                 w("pas", "pas", "ADV"), w("été", "être", "AUX"), verb("tué", "tuer", PART)])
    assert found.select("compound", "tense", "main_lemma").row(0) == (True, "past", "tuer")


def test_etre_with_a_participle_is_past_for_etre_verbs_and_passive_otherwise() -> None:
    found = one([w("Il", "il", "PRON"), verb("serait", "être", upos="AUX"), verb("parti", "partir", PART),
                 w("et"), w("le", "le", "DET"), w("pont"), verb("serait", "être", upos="AUX"),
                 verb("détruit", "détruire", PART), w("et"), w("cela", "cela", "PRON"), w("se", "se", "PRON"),
                 verb("serait", "être", upos="AUX"), verb("produit", "produire", PART)])
    assert found.select("compound", "tense", "main_lemma").rows() == [
        (True, "past", "partir"), (False, "present", "détruire"), (True, "past", "produire")]


def test_a_noun_the_tagger_calls_a_participle_is_not_the_main_verb() -> None:
    found = one([w("Il", "il", "PRON"), verb("aurait", "avoir", upos="AUX", head=4, deprel="aux:tense"),
                 verb("été", "être", PART, upos="AUX", head=4, deprel="aux:pass"),
                 verb("victime", "victime", PART, head=0, deprel="root")])
    assert found.select("compound", "tense", "main_lemma").row(0) == (True, "past", "être")


def test_a_participle_before_the_auxiliary_is_a_parse_error_not_its_verb() -> None:
    found = one([w("Il", "il", "PRON"), w("a", "avoir", "AUX", 3, "aux:tense"), verb("annoncé", "annoncer", PART),
                 w("que", "que", "SCONJ"), w("elles", "il", "PRON"),
                 verb("auraient", "avoir", FIN3P, upos="AUX", head=3, deprel="aux:tense"), w("lieu")])
    assert found.select("compound", "main_lemma").row(0) == (False, "avoir")


def test_avoir_as_a_main_verb_is_not_compound() -> None:
    found = one([w("Elles", "il", "PRON"), verb("auraient", "avoir", FIN3P), w("lieu", "lieu", "NOUN")])
    assert found.select("compound", "tense", "main_lemma").row(0) == (False, "present", "avoir")


@pytest.mark.parametrize("words, expected_class, expected_rule", [
    ([w("Selon", "selon", "ADP"), w("l'AFP", "AFP", "PROPN"), w(","), w("le"), w("président"),
      verb("démissionnerait", "démissionner")], "reportive", "source_marker"),
    ([w("Le"), w("ministre"), verb("démissionnerait", "démissionner"), w("demain", "demain", "ADV")],
     "reportive", "unmarked"),
    ([w("Le"), w("bilan"), verb("pourrait", "pouvoir"), verb("augmenter", "augmenter", INF)],
     "epistemic", "epistemic_verb"),
    ([w("Il"), verb("semblerait", "sembler"), w("que", "que", "SCONJ")], "epistemic", "epistemic_verb"),
    ([w("Si", "si", "SCONJ"), w("il", "il", "PRON"), verb("pleuvait", "pleuvoir"), w(","), w("il", "il", "PRON"),
      verb("viendrait", "venir")], "hypothetical", "si_clause"),
    # (the conditional of the "où" clause is the condition itself: condition_clause, before the sentence's phrase)
    ([w("Au"), w("cas"), w("où"), w("il", "il", "PRON"), verb("viendrait", "venir")], "hypothetical",
     "condition_clause"),
    ([w("Il", "il", "PRON"), w("a", "avoir", "AUX"), verb("annoncé", "annoncer", PART), w("qu'", "que", "SCONJ"),
      w("il", "il", "PRON"), verb("viendrait", "venir")], "future_in_past", "past_saying_que"),
    ([w("Il", "il", "PRON"), verb("annonce", "annoncer", "Mood=Ind|Tense=Pres|VerbForm=Fin"),
      w("qu'", "que", "SCONJ"), w("il", "il", "PRON"), verb("viendrait", "venir")], "reportive", "unmarked"),
    ([w("Je", "je", "PRON"), verb("voudrais", "vouloir"), verb("remercier", "remercier", INF)],
     "politeness_desire", "desire_verb"),
    # an attenuated assertion is no wish or request (guide §1; ADJUDICATION.md: "je dirais même" → other)
    ([w("Je", "je", "PRON"), verb("dirais", "dire"), w("même", "même", "ADV")], "other",
     "attenuated_assertion"),
    ([w("Dans"), w("ce"), w("cas"), w(","), w("les"), w("élus"), verb("seraient", "être"), w("rares", "rare", "ADJ")],
     "hypothetical", "condition_phrase"),
    ([w("Le"), w("ministre"), verb("voudrait", "vouloir"), verb("interdire", "interdire", INF)],
     "politeness_desire", "desire_verb"),
    ([w("Vous", "vous", "PRON"), verb("devriez", "devoir"), verb("partir", "partir", INF)], "epistemic",
     "epistemic_verb"),
    ([w("Ils", "il", "PRON"), verb("auraient", "avoir", upos="AUX"), verb("dû", "devoir", PART),
      verb("partir", "partir", INF)], "hypothetical", "counterfactual_modal"),
    ([w("Il", "il", "PRON"), verb("faudrait", "falloir"), verb("noter", "noter", INF)], "epistemic", "necessity"),
    ([w("il", "il", "PRON"), verb("ferait", "faire"), w("mieux", "mieux", "ADV"), w("de", "de", "ADP"),
      verb("partir", "partir", INF)], "epistemic", "necessity"),
    ([w("Le"), w("groupe"), w("vous", "vous", "PRON"), verb("saurait", "savoir"), w("gré", "gré", "NOUN")],
     "politeness_desire", "attenuated_request"),
    ([w("Nous", "nous", "PRON"), verb("aurions", "avoir", upos="AUX"), verb("souhaité", "souhaiter", PART)],
     "politeness_desire", "desire_verb"),
    ([w("Il", "il", "PRON"), verb("aurait", "avoir", upos="AUX"), verb("aimé", "aimer", PART)], "reportive",
     "past_conditional"),
    ([w("Nous", "nous", "PRON"), verb("serions", "être"), w("plus", "plus", "ADV"), w("nombreux", "nombreux", "ADJ")],
     "hypothetical", "speaker_judgement"),
    ([w("Barcelone", "Barcelone", "PROPN"), verb("aurait", "avoir", upos="AUX"), verb("pu", "pouvoir", PART),
      verb("être", "être", INF)], "hypothetical", "counterfactual_modal"),
    ([w("les"), w("révélations"), w("qu'", "que", "PRON"), verb("aurait", "avoir", upos="AUX"),
      verb("pu", "pouvoir", PART), verb("faire", "faire", INF)], "epistemic", "epistemic_verb"),
    ([w("il", "il", "PRON"), verb("serait", "être"), w("bien", "bien", "ADV"), w("de", "de", "ADP"),
      verb("trouver", "trouver", INF)], "politeness_desire", "attenuated_advice"),
    ([w("une"), w("riposte"), w("qui", "qui", "PRON"), verb("viseraient", "viser")], "hypothetical",
     "relative_clause"),
    ([w("Que", "que", "PRON"), verb("ferait", "faire"), w("-il", "il", "PRON"), w("?", "?", "PUNCT")], "other",
     "question"),
])
def test_class_rules(words: list[Word], expected_class: str, expected_rule: str) -> None:
    found = one(words)
    assert found.select("class", "rule").row(0) == (expected_class, expected_rule)


PRES1 = "Mood=Ind|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin"
PRES3 = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
CND3 = "Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"


@pytest.mark.parametrize("words, form, expected_class, expected_rule", [
    # a past verb of saying governs the que-clause: future in the past, a modal too (guide §1)
    ([w("Il", "il", "PRON", 3, "nsubj"), verb("a", "avoir", PRES3, "AUX", 3, "aux:tense"),
      verb("estimé", "estimer", PART, head=0, deprel="root"), w("que", "que", "SCONJ", 6, "mark"),
      w("cela", "cela", "PRON", 6, "nsubj"), verb("pourrait", "pouvoir", CND3, head=3, deprel="ccomp"),
      verb("changer", "changer", INF, head=6, deprel="xcomp")], "pourrait", "future_in_past", "past_saying_que"),
    # "tandis que" is no complementizer: the past verb does not govern the conditional
    ([w("la", "le", "DET", 2, "det"), w("direction", "direction", "NOUN", 4, "nsubj"),
      verb("a", "avoir", PRES3, "AUX", 4, "aux:tense"), verb("confirmé", "confirmer", PART, head=0, deprel="root"),
      w("tandis", "tandis", "SCONJ", 8, "mark"), w("que", "que", "SCONJ", 8, "mark"),
      w("SFR", "SFR", "PROPN", 8, "nsubj"), verb("pourrait", "pouvoir", CND3, head=4, deprel="advcl"),
      verb("supprimer", "supprimer", INF, head=8, deprel="xcomp")], "pourrait", "epistemic", "epistemic_verb"),
    # a si-clause attached to the conditional's clause is its protasis, before the modal
    ([w("Si", "si", "SCONJ", 3, "mark"), w("il", "il", "PRON", 3, "nsubj"),
      verb("pleut", "pleuvoir", PRES3, head=5, deprel="advcl"), w("il", "il", "PRON", 5, "nsubj"),
      verb("pourrait", "pouvoir", CND3, head=0, deprel="root"), verb("annuler", "annuler", INF, head=5,
                                                                       deprel="xcomp")],
     "pourrait", "hypothetical", "si_clause"),
    # ... not one attached below it (the condition of the infinitive)
    ([w("elle", "il", "PRON", 2, "nsubj"), verb("devrait", "devoir", CND3, head=0, deprel="root"),
      verb("permettre", "permettre", INF, head=2, deprel="xcomp"), w("d'", "de", "ADP", 5, "mark"),
      verb("utiliser", "utiliser", INF, head=3, deprel="xcomp"), w("si", "si", "SCONJ", 8, "mark"),
      w("elles", "il", "PRON", 8, "nsubj"), verb("répondent", "répondre", PRES3, head=5, deprel="advcl")],
     "devrait", "epistemic", "epistemic_verb"),
    # ... nor one whose content the conditional is ("si l'on sait que la somme serait disponible")
    ([w("cela", "cela", "PRON", 2, "nsubj"), verb("gêne", "gêner", PRES3, head=0, deprel="root"),
      w("si", "si", "SCONJ", 5, "mark"), w("on", "on", "PRON", 5, "nsubj"),
      verb("sait", "savoir", PRES3, head=2, deprel="advcl"), w("que", "que", "SCONJ", 10, "mark"),
      w("la", "le", "DET", 8, "det"), w("somme", "somme", "NOUN", 10, "nsubj"),
      verb("serait", "être", CND3, "AUX", 10, "cop"), w("disponible", "disponible", "ADJ", 5, "ccomp")],
     "serait", "reportive", "unmarked"),
    # ... nor an interrogative si ("je voudrais savoir si")
    ([w("Je", "je", "PRON", 2, "nsubj"), verb("voudrais", "vouloir", CND3, head=0, deprel="root"),
      verb("savoir", "savoir", INF, head=2, deprel="xcomp"), w("si", "si", "SCONJ", 6, "mark"),
      w("on", "on", "PRON", 6, "nsubj"), verb("peut", "pouvoir", PRES3, head=3, deprel="ccomp")],
     "voudrais", "politeness_desire", "desire_verb"),
    # the speaker's own belief is no borrowed assertion (Kronning 2002)
    ([w("Je", "je", "PRON", 2, "nsubj"), verb("crois", "croire", PRES1, head=0, deprel="root"),
      w("que", "que", "SCONJ", 6, "mark"), w("Jean", "Jean", "PROPN", 6, "nsubj"),
      verb("aurait", "avoir", CND3, "AUX", 6, "aux:tense"), verb("aimé", "aimer", PART, head=2, deprel="ccomp")],
     "aurait", "hypothetical", "speaker_judgement"),
    # a que-clause of a word that is no verb of saying: an imagined content
    ([w("pour", "pour", "ADP", 2, "mark"), verb("prouver", "prouver", INF, head=0, deprel="root"),
      w("que", "que", "SCONJ", 6, "mark"), w("son", "son", "DET", 5, "det"),
      w("ouverture", "ouverture", "NOUN", 6, "nsubj"), verb("provoquerait", "provoquer", CND3, head=2,
                                                             deprel="ccomp")],
     "provoquerait", "hypothetical", "content_clause"),
    # a relative clause known from the tree only (object relative)
    ([w("ceux", "celui", "PRON", 0, "root"), w("que", "que", "PRON", 5, "obj"), w("le", "le", "DET", 4, "det"),
      w("président", "président", "NOUN", 5, "nsubj"), verb("formerait", "former", CND3, head=1,
                                                            deprel="acl:relcl")],
     "formerait", "hypothetical", "relative_clause"),
    # "ont fait valoir que": the causative's participle makes the verb of saying past
    ([w("les", "le", "DET", 2, "det"), w("États", "état", "NOUN", 5, "nsubj:caus"),
      verb("ont", "avoir", PRES3, "AUX", 5, "aux"), verb("fait", "faire", PART, "AUX", 5, "aux:caus"),
      verb("valoir", "valoir", INF, head=0, deprel="root"), w("qu'", "que", "SCONJ", 8, "mark"),
      w("elle", "il", "PRON", 8, "nsubj"), verb("devrait", "devoir", CND3, head=5, deprel="ccomp"),
      verb("être", "être", INF, "AUX", 10, "aux:pass"), verb("préservée", "préserver", PART, head=8, deprel="xcomp")],
     "devrait", "future_in_past", "past_saying_que"),
    # "a voulu dire que": an infinitive complement of a past verb is past too
    ([w("Il", "il", "PRON", 3, "nsubj"), verb("a", "avoir", PRES3, "AUX", 3, "aux:tense"),
      verb("voulu", "vouloir", PART, head=0, deprel="root"), verb("dire", "dire", INF, head=3, deprel="xcomp"),
      w("qu'", "que", "SCONJ", 7, "mark"), w("il", "il", "PRON", 7, "nsubj"),
      verb("viendrait", "venir", CND3, head=4, deprel="ccomp")], "viendrait", "future_in_past", "past_saying_que"),
    # a conjunct of a content clause: "nous avons débattu de la recevabilité …, ou si je devrais…"
    ([w("nous", "nous", "PRON", 3, "nsubj"), verb("avons", "avoir", PRES1, "AUX", 3, "aux:tense"),
      verb("débattu", "débattre", PART, head=0, deprel="root"), w("de", "de", "ADP", 6, "case"),
      w("la", "le", "DET", 6, "det"), w("recevabilité", "recevabilité", "NOUN", 3, "obl:arg"),
      w("ou", "ou", "CCONJ", 10, "cc"), w("si", "si", "SCONJ", 10, "mark"), w("je", "je", "PRON", 10, "nsubj"),
      verb("devrais", "devoir", CND3, head=6, deprel="conj"), verb("partir", "partir", INF, head=10, deprel="xcomp")],
     "devrais", "future_in_past", "past_saying_que"),
    # "sans" + a noun phrase on the conditional's complement: an implicit condition, before the modal
    ([w("tout", "tout", "DET", 2, "det"), w("ceci", "ceci", "PRON", 3, "nsubj"),
      verb("pourrait", "pouvoir", CND3, head=0, deprel="root"), verb("être", "être", INF, "AUX", 5, "cop"),
      w("avancé", "avancé", "ADJ", 3, "xcomp"), w("sans", "sans", "ADP", 8, "case"), w("la", "le", "DET", 8, "det"),
      w("négligence", "négligence", "NOUN", 5, "obl")], "pourrait", "hypothetical", "sans_condition"),
    # ... not "sans doute"
    ([w("Le", "le", "DET", 2, "det"), w("bilan", "bilan", "NOUN", 3, "nsubj"),
      verb("pourrait", "pouvoir", CND3, head=0, deprel="root"), w("sans", "sans", "ADP", 6, "case"),
      w("aucun", "aucun", "DET", 6, "det"), w("doute", "doute", "NOUN", 3, "obl"),
      verb("augmenter", "augmenter", INF, head=3, deprel="xcomp")], "pourrait", "epistemic", "epistemic_verb"),
    # a noun of action as the subject of a verb of consequence: an implicit condition (guide §1)
    ([w("L'", "le", "DET", 2, "det"), w("inaction", "inaction", "NOUN", 3, "nsubj"),
      verb("obligerait", "obliger", CND3, head=0, deprel="root"), w("les", "le", "DET", 5, "det"),
      w("États", "état", "NOUN", 3, "obj")], "obligerait", "hypothetical", "implicit_condition"),
    ([w("Les", "le", "DET", 2, "det"), w("modifications", "modification", "NOUN", 3, "nsubj"),
      verb("amélioreraient", "améliorer", CND3, head=0, deprel="root"), w("les", "le", "DET", 5, "det"),
      w("possibilités", "possibilité", "NOUN", 3, "obj")], "amélioreraient", "hypothetical", "implicit_condition"),
    ([w("Cela", "cela", "PRON", 2, "nsubj"), verb("permettrait", "permettre", CND3, head=0, deprel="root"),
      w("de", "de", "ADP", 4, "mark"), verb("gagner", "gagner", INF, head=2, deprel="xcomp")],
     "permettrait", "hypothetical", "implicit_condition"),
    # ... not an institution named like one ("le gouvernement"), nor a verb that is no consequence
    ([w("Le", "le", "DET", 2, "det"), w("gouvernement", "gouvernement", "NOUN", 3, "nsubj"),
      verb("obligerait", "obliger", CND3, head=0, deprel="root"), w("les", "le", "DET", 5, "det"),
      w("banques", "banque", "NOUN", 3, "obj")], "obligerait", "reportive", "unmarked"),
    ([w("Les", "le", "DET", 2, "det"), w("versements", "versement", "NOUN", 3, "nsubj"),
      verb("avoisineraient", "avoisiner", CND3, head=0, deprel="root"), w("les", "le", "DET", 5, "det"),
      w("francs", "franc", "NOUN", 3, "obj")], "avoisineraient", "reportive", "unmarked"),
    # ... nor a past conditional: "l'explosion aurait causé dix morts" reports
    ([w("L'", "le", "DET", 2, "det"), w("explosion", "explosion", "NOUN", 4, "nsubj"),
      verb("aurait", "avoir", CND3, "AUX", 4, "aux:tense"), verb("causé", "causer", PART, head=0, deprel="root"),
      w("dix", "dix", "NUM", 6, "nummod"), w("morts", "mort", "NOUN", 4, "obj")], "aurait", "reportive",
     "past_conditional"),
    # a free-choice subject: "toute proposition … serait irrecevable"
    ([w("toute", "tout", "DET", 2, "det"), w("proposition", "proposition", "NOUN", 4, "nsubj"),
      verb("serait", "être", CND3, "AUX", 4, "cop"), w("irrecevable", "irrecevable", "ADJ", 0, "root")],
     "serait", "hypothetical", "free_choice_subject"),
    # ... not "tous les habitants" (a plural totality)
    ([w("tous", "tout", "DET", 2, "det"), w("habitants", "habitant", "NOUN", 3, "nsubj"),
      verb("seraient", "être", CND3, "AUX", 4, "cop"), w("indemnes", "indemne", "ADJ", 0, "root")],
     "seraient", "reportive", "unmarked"),
    # an adjective judging a clause: "ce serait dramatique que nous nous retrouvions…"
    ([w("ce", "ce", "PRON", 3, "nsubj"), verb("serait", "être", CND3, "AUX", 3, "cop"),
      w("dramatique", "dramatique", "ADJ", 0, "root"), w("que", "que", "SCONJ", 6, "mark"),
      w("nous", "nous", "PRON", 6, "nsubj"), verb("échouions", "échouer", PRES1, head=3, deprel="ccomp")],
     "serait", "hypothetical", "judged_situation"),
    # "ne saurait + infinitive" = ne peut: a set phrase of legal French
    ([w("Le", "le", "DET", 2, "det"), w("donneur", "donneur", "NOUN", 4, "nsubj"), w("ne", "ne", "ADV", 4, "advmod"),
      verb("saurait", "savoir", CND3, head=0, deprel="root"), verb("être", "être", INF, "AUX", 6, "aux:pass"),
      verb("tenu", "tenir", PART, head=4, deprel="xcomp"), w("responsable", "responsable", "ADJ", 6, "xcomp")],
     "saurait", "other", "categorical_negation"),
])
def test_class_rules_on_a_dependency_tree(words: list[Word], form: str, expected_class: str,
                                          expected_rule: str) -> None:
    found = one(words).filter(pl.col("form") == form)
    assert found.select("class", "rule").row(0) == (expected_class, expected_rule)


def test_rule_table_is_ordered_named_and_uses_known_classes() -> None:
    table = rules()
    names = [name for name, _, _ in table]
    assert len(names) == len(set(names))
    assert {cls for _, _, cls in table} <= set(CLASSES)
    assert names[-1] == "unmarked"


def test_columns_sentence_and_voice() -> None:
    tokens, documents = corpus([w("«", "«", "PUNCT"), w("Il", "il", "PRON"), verb("viendrait", "venir"),
                                w("»", "»", "PUNCT"), w("et"), w("il", "il", "PRON"), verb("partirait", "partir")])
    plain = conditionals(tokens, documents)
    assert plain.columns == COLUMNS
    assert plain["in_quote"].null_count() == 2
    text = documents["text"][0]
    assert [text[s:e] for s, e in plain.select("start_char", "end_char").rows()] == ["viendrait", "partirait"]
    assert plain["sentence"][0] == text.strip()
    quotes = pl.DataFrame({"doc_id": ["d1"], "start_char": [0], "end_char": [text.index("»") + 1],
                           "kind": ["direct"]})
    assert conditionals(tokens, documents, quotes)["in_quote"].to_list() == [True, False]


def test_no_conditional_gives_an_empty_table_with_the_columns() -> None:
    empty = one([w("Il", "il", "PRON"), verb("courait", "courir")])
    assert empty.height == 0 and empty.columns == COLUMNS


def test_scoring_counts_exact_offset_matches_and_label_accuracy() -> None:
    gold = pl.DataFrame({"doc_id": ["a", "a", "b"], "start_char": [0, 10, 5], "end_char": [6, 18, 9],
                         "class": ["reportive", "epistemic", "hypothetical"]})
    predicted = pl.DataFrame({"doc_id": ["a", "a", "b"], "start_char": [0, 10, 7], "end_char": [6, 18, 9],
                              "class": ["reportive", "reportive", "hypothetical"]})
    result = score(predicted, gold)
    assert (result.true_positives, result.false_positives, result.false_negatives) == (2, 1, 1)
    assert result.precision == pytest.approx(2 / 3) and result.recall == pytest.approx(2 / 3)
    assert result.f1 == pytest.approx(2 / 3) and result.label_accuracy == pytest.approx(0.5)
    table = confusion(predicted, gold)
    assert table.filter(pl.col("gold") == "epistemic")["reportive"].to_list() == [1]


def test_cli_writes_the_table_and_prints_rates(tmp_path, capsys) -> None:
    from corpusling.cli import main
    from corpusling.parsed import ParsedCorpus

    tokens, documents = corpus([w("Selon", "selon", "ADP"), w("l'AFP", "AFP", "PROPN"), w("il", "il", "PRON"),
                                verb("aurait", "avoir", upos="AUX"), verb("envoyé", "envoyer", PART), w("et"),
                                w("il", "il", "PRON"), verb("pourrait", "pouvoir"), verb("partir", "partir", INF)])
    ParsedCorpus(tokens, documents.with_columns(pl.lit("A").alias("outlet"))).save(tmp_path / "parsed")
    out = tmp_path / "conditionals.csv"
    assert main(["conditionals", str(tmp_path / "parsed"), "--by", "class", "--out", str(out)]) == 0
    table = pl.read_csv(out)
    # the table of cl.conditionals(corpus): the analysis's columns, then the voice (writer, quoted or reported)
    assert table["form"].to_list() == ["aurait", "pourrait"] and table.columns == [*COLUMNS, "voice"]
    printed = capsys.readouterr().out
    assert "2 conditionals (1 compound)" in printed and "epistemic" in printed
    assert main(["conditionals", str(tmp_path / "parsed"), "--group-by", "nonexistent"]) == 2


def test_morphological_check_of_the_token_table() -> None:
    """check_conditionals sets Mood=Cnd on a conditional the tagger missed (and its infinitive when the
    lemmatiser went wrong), removes a Cnd the morphology rejects, and leaves every other row as it was."""
    from corpusling.nlp.morphology import check_conditionals

    cnd = "Mood=Cnd|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin"
    tokens, _ = corpus([w("Il", "il", "PRON"), verb("aurait", "avoir"), verb("envoyé", "envoyer", PART)],
                       [w("Je", "je", "PRON"), verb("peux", "pouvoir", cnd), verb("mourrait", "mourrer")],
                       [w("Elle", "elle", "PRON"), verb("serait", "être")])
    checked = check_conditionals(tokens, only=pl.col("sent_id") < 3)
    assert checked.columns == tokens.columns and checked.height == tokens.height
    moods = dict(zip(checked["form"].to_list(), checked["mood"].cast(pl.String).to_list(), strict=True))
    assert (moods["aurait"], moods["peux"], moods["mourrait"]) == ("Cnd", "Ind", "Cnd")
    assert moods["serait"] == "Ind"  # outside `only`: as the tagger left it
    row = checked.filter(pl.col("form") == "aurait").row(0, named=True)
    assert row["feats"] == "Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin" and row["tense"] == "Pres"
    assert checked.filter(pl.col("form") == "mourrait")["lemma"].item() == "mourir"
    untouched = ~pl.col("form").is_in(["aurait", "peux", "mourrait"])
    assert checked.filter(untouched).equals(tokens.filter(untouched))
