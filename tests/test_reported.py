"""Reported speech (``corpusling.markers.reported``) on sentences parsed with the bundled model, and on the seed.

Each kind of §4 of the annotation guide, a negated and a passive report, a mixed quotation inside an
indirect report (both rows exist), and a "selon" of manner that is not reported speech; then one sentence or
two for each rule written on the development gold (incises, the writer's own voice, sources, speakers,
locutions, what is no report), each test failing without its rule.
"""

from __future__ import annotations

import polars as pl
import pytest

from corpusling.corpus import Corpus, Document
from corpusling.markers.quotes import quotes
from corpusling.markers.reported import COLUMNS, reported

SENTENCES = {
    "indirect": "Le ministre a affirmé que les troupes se retireraient.",
    "negated": "Le président n'a pas dit qu'il démissionnerait.",
    "passive": "Il a été annoncé mardi que l'usine de Lyon fermera ses portes.",
    "question": "Le porte-parole a demandé si la réunion aurait lieu.",
    "infinitive": "La société affirme avoir respecté la loi.",
    "mixed": "La ministre a affirmé que « rien ne changera ».",
    "according": "Selon l'AFP, trente roquettes ont touché la base.",
    "incise": "Le bilan est de dix morts, a indiqué la police.",
    "manner": "Les tâches sont réparties selon une division du travail stricte.",
    "quoted": "« Le ministre a dit que tout irait bien », a raconté un témoin.",
    # not incises: a bare participle, an infinitive, a passive, a verb that reports only through its clause
    "participle": "Les étoiles fixes reposaient sur la sphère la plus extérieure, dite « sphère des fixes ».",
    "infinitive_after_comma": "M. Dumez a parlé d'une réalisation utile, non sans rappeler le rôle de la famille.",
    "passive_after_comma": "La gestion et l'exploitation de la salle de concert Wagram, récemment rénovée, sera "
                           "assurée par Eurosites, leader en France de la location de salles.",
    "content_verb_after_comma": "Au milieu du VIIIe siècle, un prédicateur de Bassora parvient en Hadramaout, "
                                "établit le rite Ibadhi.",
    # two incises in a row, the speaker's affiliation after the second
    "chained_incises": "Des poils appartiendraient au yéti, indique une analyse de l'ADN, a annoncé le chercheur "
                       "Valentine Sapounov, de l'Université de Moscou.",
    # the writer's own voice: a first- or second-person opinion in the present, "on peut dire que"
    "writer_opinion": "Je suis déçu. Je pense que les économies ne doivent pas être faites sur l'hygiène.",
    "writer_possibility": "Cà oui, on peut dire que c'était à la fois futuriste et romantique.",
    "reader": "Maintenant, avec un peu de bonne volonté vous observerez que l'on peut être traditionaliste.",
    "past_self": "Je pensais que le magasin serait ouvert le dimanche.",
    "object_clitic": "Cette exposition nous apprend que dès le XIIe siècle une industrie métallurgique existait.",
    # sources: a document before a participle, a subject the parser hung elsewhere, a subject two links up
    "document": "Pour se justifier, TVE a émis le lendemain un communiqué de presse affirmant qu'ils lui avaient "
                "offert un espace.",
    "document_clitic": "Les services de police reçoivent un appel téléphonique les informant qu'une rixe est en "
                       "train de dégénérer.",
    "apposed_subject": "De son côté, B. Obama, même en pleine course pour tenter de se maintenir à son poste, fait "
                       "savoir qu'il continue à gérer la crise.",
    "two_links": "L’authenticité de la vidéo n’a pas été confirmée de source indépendante, mais le Conseil des "
                 "droits de l’Homme de l’ONU a fait savoir qu’il pourrait s’agir de crimes contre l’humanité.",
    # a pronoun continues the last speaker who agrees with it, else the nearest subject that does
    "last_speaker": "La bousculade a fait cinq morts dans le stade, a indiqué un porte-parole de la police. Elle "
                    "aurait été provoquée par un feu de Bengale lancé dans l'enceinte, a-t-il précisé.",
    "plural_pronoun": "Des analystes jugent dans la presse coréenne que le jugement pourrait être une chance pour "
                      "Samsung. Ils estiment qu'il est temps pour le fabricant de se montrer plus innovant.",
    "subject_antecedent": "Depuis le mois dernier, l'armée s'est octroyée le pouvoir législatif. Elle a cependant "
                          "promis de remettre le pouvoir au nouveau président avant le 30 juin.",
    # a description names the person the text named: in apposition to the same description elsewhere, the
    # last speaker who is a person, the person named most often; not a person named once, long before
    "repeated_description": "L’ancien porte-parole de la mission onusienne en Syrie, Timor Goksel, a été interrogé "
                            "par la presse. Mais l’ancien porte-parole de la mission onusienne en Syrie fait "
                            "remarquer que les combattants peuvent agir de manière débridée.",
    "role_speaker": "« Les rats ont développé des tumeurs », a expliqué à l'AFP Gilles-Éric Séralini, professeur à "
                    "l'université de Caen. Le maïs a été incorporé dans un régime équilibré. Selon le même "
                    "chercheur, les tumeurs apparaissent au bout de 600 jours.",
    "role_frequent": "Hier, Jean-Marc Ayrault a prononcé un discours devant l'Assemblée nationale. La majorité a "
                     "longuement applaudi Jean-Marc Ayrault. Mais le premier ministre avait clairement affirmé qu'il "
                     "ne baissera pas les bras.",
    "role_new": "Gillet Bonnemire créait en 1450 la première forge. Le maire a rappelé que plusieurs automobilistes "
                "ont quitté la chaussée.",
    "previous_subject": "Le président Mohamed Morsi a été élu en juin. Depuis, l'armée s'est octroyée le pouvoir "
                        "législatif. Elle a cependant promis de remettre le pouvoir au président.",
    # a clause that opens on the writer's words and quotes the rest is reported; the parser hung the incise on a
    # noun; a date is not the inverted subject
    "opens_unquoted": "Paris est « préoccupé par les violations des droits de l'Homme qui ont été signalées dans "
                      "l'ouest du pays ces derniers jours », a déclaré le porte-parole du ministère, François "
                      "Rivasseau.",
    "dated_incise": "Cette élection « n'est pas seulement la plus disputée depuis l'indépendance », écrit samedi le "
                    "Straits Times.",
    # incises opened by comme: after, before, inside the clause, after a conjunction
    "comme_after": "Cependant, l'armée française ne va pas retirer l'intégralité de ses forces comme le précise "
                   "l'ambassadeur de France en Afghanistan, Bernard Bajolet : « Le retrait sera progressif ».",
    "comme_before": "Comme l'a rappelé le ministre, la réforme entrera en vigueur en janvier.",
    "comme_inside": "Cette exposition, comme devait conclure Roger Thiriot, n'a d'autre ambition que d'apporter un "
                    "modeste témoignage.",
    "comme_conjunction": "J'y vais très souvent, car comme on dit on change pas une équipe qui gagne.",
    # an attribution after the clause: "…, ce que soulignent X", "C'est la remarque de X", "Le constat est du X"
    "ce_que": "Le projet ne correspond pas à la réalité, ce que soulignent M. Christian Langlois et M. Patrice "
              "Lanini, délégués syndicaux.",
    "ce_que_before": "La réforme sera votée avant l'été. C'est ce qu'a déclaré le ministre.",
    "remark_of": "Les artistes marchent tête baissée. C'est la remarque de Kareyce Fotso.",
    "finding_of": "C'est le cas partout dans le monde. Le constat amer est du Professeur Nobutaka Miura.",
    # according to: the clause above a marker hung on a number; "de l'avis de X"; "pour qui"; not "pour cela", nor
    # "pour qui veut…"; a noun in a prepositional phrase is no source ("a pour sa part indiqué")
    "selon_on_number": "Les 10 % des habitants les plus pauvres ont vu leur niveau de vie reculer de 2,1 % entre "
                       "2008 et 2009 selon M. Houdré.",
    "opinion_of": "De l’avis de l’Américain Pete Selleck, la langue française est une exigence à tous les postes de "
                  "direction.",
    "pour_qui": "C'est d'ailleurs l'avis de Craig Murray, pour qui, selon ses propres sources, les États-Unis ont "
                "intimé l'ordre au premier ministre britannique de le faire.",
    "pour_cela": "Pour cela, ils affirment que le premier mandat ne compte pas.",
    "pour_qui_veut": "Emplacement génial pour qui veut aller chercher quelqu'un à la gare !",
    "pour_sa_part": "Pauline Marois a pour sa part indiqué que la gratuité scolaire était un objectif difficile à "
                    "atteindre.",
    # locutions: a verb and the noun it governs, a verb and the verb after it, "à ce que"
    "noun_locution": "Les habitants ont peur que le projet conduise à l'interdiction de l'avortement.",
    "wish_locution": "Le président a aussi exprimé le vœu de s'attaquer au problème de l'immigration.",
    "conclusion_locution": "À l'aide de leurs résultats, les chercheurs en viennent à la conclusion que la loi "
                           "aurait sauvé des vies.",
    "provision": "L'article 3 de la Constitution dispose que la loi favorise l'égal accès des femmes et des hommes "
                 "aux mandats.",
    "a_ce_que": "Le Conseil national syrien a appelé à ce que les rebelles qui commettent ces exécutions en soient "
                "tenus responsables.",
    # no report: a verb inside a quotation whose tree runs past it, "à souligner que", "il faut noter que", a
    # report that did not happen, what someone learnt; "on apprend que" reports
    "quoted_verb": "« Les analyses balistiques et les renseignements recueillis sur place par nos sources juste "
                   "après le drame indiquent que Jacquier a été tué d'un tir d'obus de mortier de 81 mm venu d'un "
                   "quartier sunnite rebelle » indique le quotidien.",
    "a_souligner": "Magasin très convivial. Mais à souligner que jamais la musique ne prend le pas sur nos "
                   "conversations.",
    "il_faut_noter": "Il faut toutefois noter qu'il est alors de bon ton de posséder une voiture.",
    "unrealised": "En guise d'ouverture, ce documentaire aurait pu s'interroger si la valeur de Wikipédia n'est pas "
                  "supérieure.",
    "learnt": "À travers cette balade, le visiteur enrichit ses connaissances et apprend que le premier astronome "
              "français s'appelait Messier.",
    "news": "On apprend que les résultats seront annoncés demain.",
    # a noun before the complementizer: its relative, its infinitive; a verb of request takes an object first
    "relative_que": "Afin de raconter l'histoire qu'ils ont découverte, les élèves de la classe ont rédigé ce texte "
                    "eux-mêmes.",
    "noun_infinitive": "Elle a affirmé l'obligation de faire un match parfait pour se qualifier.",
    "request_object": "La préfecture a créé une nouvelle route et appelle la population à prendre les transports en "
                      "commun.",
    "request_date": "Le maire de New York, Michael Bloomberg, appelle cet après-midi à voter pour Barack Obama.",
    # a quotation the text never closes does not make the rest a quotation
    "unclosed_quote": "Un militant a raconté : « quand on nous a vus tous unis, on n'en revenait pas. Selon ce "
                      "discours bien rodé, avec la mort d'Hassan II, les choses auraient évolué au Maroc. Pour rappel, "
                      "le Sahara a été envahi en 1975.",
    # a second content hung on the verb itself, opened by the same complementizer
    "coordinated_on_verb": "D'origine iroquoise, elle se rend à Kahnawake, où elle demande à être baptisée et à "
                           "devenir chrétienne.",
    "unclosed_same_sentence": "Le Maroc a réagi. « Oui on le sait, mais je dirai qu'il la faut. La réforme est "
                              "votée.",
    # a headline: the subject a colon cuts off from the verb is not its subject
    "headline": "Élection présidentielle américaine de 2012 : le maire de New York appelle à voter Obama",
    # a relative the parser hung elsewhere: the noun phrase right before it
    "relative_elsewhere": "Ces actes de destruction sont des représailles de l'organisation islamique, qui affirme "
                          "agir au nom de Dieu.",
    # an incise after a quotation (straight quotation marks) attributes the quotation
    "straight_quotes": 'Il poursuit : "J\'ai travaillé à l\'usine des hameçons, jusqu\'au service militaire", '
                       'se souvient-il, visiblement marqué par cette période.',
}


@pytest.fixture(scope="module")
def found() -> tuple[pl.DataFrame, pl.DataFrame]:
    from corpusling.api import parse

    corpus = parse(Corpus(documents=[Document(doc_id=k, text=v) for k, v in SENTENCES.items()]), model="compact")
    return reported(corpus.tokens, corpus.documents), quotes(corpus.tokens, corpus.documents)


def rows(found: tuple[pl.DataFrame, pl.DataFrame], doc: str) -> list[dict]:
    return found[0].filter(pl.col("doc_id") == doc).to_dicts()


def test_columns_and_offsets(found) -> None:
    table = found[0]
    assert table.columns == COLUMNS
    for row in table.iter_rows(named=True):
        assert SENTENCES[row["doc_id"]][row["start_char"]:row["end_char"]] == row["text"]
        # (the cue's span may open on an inverted auxiliary, "a-t-il précisé", or on a locution's verb, "viennent
        # à la conclusion")
        span = SENTENCES[row["doc_id"]][row["cue_start"]:row["cue_end"]].lower().replace("’", "'")
        assert row["cue"].split()[-1][:2] in span


def test_indirect(found) -> None:
    [row] = rows(found, "indirect")
    assert (row["kind"], row["cue"], row["text"], row["source"]) == (
        "indirect", "affirmer", "que les troupes se retireraient", "Le ministre")


def test_negated_report_is_a_report(found) -> None:
    [row] = rows(found, "negated")
    assert (row["kind"], row["cue"], row["text"], row["source"]) == (
        "indirect", "dire", "qu'il démissionnerait", "Le président")


def test_impersonal_passive_has_no_source(found) -> None:
    [row] = rows(found, "passive")
    assert (row["kind"], row["cue"], row["text"], row["source"]) == (
        "indirect", "annoncer", "que l'usine de Lyon fermera ses portes", None)


def test_interrogative_and_infinitive_contents(found) -> None:
    assert [(r["cue"], r["text"]) for r in rows(found, "question")] == [("demander", "si la réunion aurait lieu")]
    assert [(r["cue"], r["text"]) for r in rows(found, "infinitive")] == [("affirmer", "avoir respecté la loi")]


def test_mixed_quotation_inside_an_indirect_report(found) -> None:
    [row] = rows(found, "mixed")
    assert (row["kind"], row["text"]) == ("indirect", "que « rien ne changera »")
    quoted = found[1].filter(pl.col("doc_id") == "mixed")
    assert quoted["kind"].to_list() == ["mixed"]


def test_according_to(found) -> None:
    [row] = rows(found, "according")
    assert (row["kind"], row["cue"], row["text"], row["speaker"]) == (
        "according_to", "selon", "trente roquettes ont touché la base", "AFP")


def test_incise(found) -> None:
    [row] = rows(found, "incise")
    assert (row["kind"], row["cue"], row["text"], row["source"]) == (
        "incise", "indiquer", "Le bilan est de dix morts", "la police")


def test_selon_of_manner_is_not_reported_speech(found) -> None:
    assert rows(found, "manner") == []


def test_content_inside_quotation_marks_is_a_quotation(found) -> None:
    assert [r for r in rows(found, "quoted") if r["cue"] == "dire"] == []


def test_seed_incise_and_source_marker(seed_parsed) -> None:
    table = reported(seed_parsed.tokens, seed_parsed.documents)
    incise = table.filter(pl.col("text") == "qui abrite, dit le Pentagone, environ 5 000 militaires").to_dicts()
    assert [(r["kind"], r["cue"], r["speaker"]) for r in incise] == [("incise", "dire", "le Pentagone")]
    selon = table.filter((pl.col("kind") == "according_to") & (pl.col("cue") == "selon")).to_dicts()
    assert any("AFP" in r["speaker"] for r in selon)


def test_no_parse_no_rows() -> None:
    from corpusling.markers.reported import empty

    tokens = pl.DataFrame({"doc_id": ["a"], "start_char": [0], "end_char": [1]})
    assert reported(tokens, pl.DataFrame({"doc_id": ["a"], "text": ["x"]}),
                    quotes=pl.DataFrame(), hedges=pl.DataFrame()).equals(empty())


@pytest.mark.parametrize("doc", ["participle", "infinitive_after_comma", "passive_after_comma",
                                 "content_verb_after_comma"])
def test_an_incise_is_a_finite_active_verb_of_saying(found, doc) -> None:
    assert [r for r in rows(found, doc) if r["kind"] == "incise"] == []


def test_a_second_incise_closes_the_first(found) -> None:
    assert [(r["kind"], r["cue"], r["text"], r["speaker"]) for r in rows(found, "chained_incises")] == [
        ("incise", "annoncer", "Des poils appartiendraient au yéti, indique une analyse de l'ADN",
         "Valentine Sapounov")]


def test_an_incise_after_straight_quotation_marks_attributes_the_quotation(found) -> None:
    assert rows(found, "straight_quotes") == []


@pytest.mark.parametrize("doc", ["writer_opinion", "writer_possibility", "reader"])
def test_the_writers_own_voice_is_not_reported_speech(found, doc) -> None:
    assert rows(found, doc) == []


def test_a_past_self_and_an_object_clitic_are_reported_speech(found) -> None:
    assert [(r["cue"], r["source"]) for r in rows(found, "past_self")] == [("penser", "Je")]
    assert [(r["cue"], r["source"]) for r in rows(found, "object_clitic")] == [("apprendre", "Cette exposition")]


def test_exclusion_rules_are_named_and_ordered() -> None:
    from corpusling.markers.reported import exclusion_rules

    assert [name for name, _ in exclusion_rules()][:2] == ["writer's present opinion", "writer's possibility of saying"]


@pytest.mark.parametrize(("doc", "speaker"), [("document", "un communiqué de presse"),
                                              ("document_clitic", "un appel téléphonique"),
                                              ("apposed_subject", "B. Obama"),
                                              ("two_links", "le Conseil des droits de l’Homme de l’ONU")])
def test_sources_the_parser_hung_elsewhere(found, doc, speaker) -> None:
    assert [r["speaker"] for r in rows(found, doc)] == [speaker]


def test_a_pronoun_continues_the_last_speaker_who_agrees_with_it(found) -> None:
    assert [(r["source"], r["speaker"]) for r in rows(found, "last_speaker")] == [
        ("un porte-parole de la police", "un porte-parole de la police"), ("il", "un porte-parole de la police")]
    assert [(r["source"], r["speaker"]) for r in rows(found, "plural_pronoun")] == [
        ("Des analystes", "Des analystes"), ("Ils", "Des analystes")]


def test_an_unresolved_pronoun_is_the_nearest_subject_that_agrees(found) -> None:
    assert [(r["source"], r["speaker"]) for r in rows(found, "subject_antecedent")] == [("Elle", "l'armée")]


@pytest.mark.parametrize(("doc", "speaker", "rule"), [
    ("repeated_description", "Timor Goksel", "repeated description"),
    ("role_speaker", "Gilles-Éric Séralini", "role"),
    ("role_frequent", "Jean-Marc Ayrault", "role"),
    ("role_new", "Le maire", "as written"),
    ("previous_subject", "l'armée", "previous subject"),
    ("indirect", "Le ministre", "as written"),
    ("relative_elsewhere", "l'organisation islamique", "noun before the relative"),
])
def test_speaker_rules(found, doc, speaker, rule) -> None:
    """The speaker of each row and the speaker rule that named it (the second part of ``rule``)."""
    [row] = [r for r in rows(found, doc) if r["kind"] != "incise"]
    assert (row["speaker"], row["rule"].rsplit("+", 1)[1]) == (speaker, rule)


def test_a_clause_opening_on_the_writers_words_is_reported_with_its_quoted_words(found) -> None:
    [row] = rows(found, "opens_unquoted")
    assert (row["kind"], row["cue"], row["speaker"]) == ("incise", "déclarer", "François Rivasseau")
    assert row["text"].startswith("Paris est « préoccupé") and row["text"].endswith("ces derniers jours »")
    assert "hung it on a noun" in row["rule"]


def test_a_date_is_not_the_inverted_subject(found) -> None:
    assert [(r["kind"], r["source"]) for r in rows(found, "dated_incise")] == [("incise", "le Straits Times")]


@pytest.mark.parametrize(("doc", "cue", "text", "speaker"), [
    ("comme_after", "préciser", "Cependant, l'armée française ne va pas retirer l'intégralité de ses forces",
     "Bernard Bajolet"),
    ("comme_before", "rappeler", "la réforme entrera en vigueur en janvier", "le ministre"),
    ("comme_inside", "conclure", "Cette exposition, comme devait conclure Roger Thiriot, n'a d'autre ambition que "
                                 "d'apporter un modeste témoignage", "Roger Thiriot"),
    ("comme_conjunction", "dire", "on change pas une équipe qui gagne", "on"),
])
def test_incises_opened_by_comme(found, doc, cue, text, speaker) -> None:
    [row] = rows(found, doc)
    assert (row["kind"], row["cue"], row["text"], row["speaker"]) == ("incise", cue, text, speaker)
    assert row["rule"].startswith("incise opened by comme")


@pytest.mark.parametrize(("doc", "cue", "text", "speaker"), [
    ("ce_que", "souligner", "Le projet ne correspond pas à la réalité", "Christian Langlois"),
    ("ce_que_before", "déclarer", "La réforme sera votée avant l'été", "le ministre"),
    ("remark_of", "remarque", "Les artistes marchent tête baissée", "Kareyce Fotso"),
    ("finding_of", "constat", "C'est le cas partout dans le monde", "Nobutaka Miura"),
])
def test_attributions_after_the_clause(found, doc, cue, text, speaker) -> None:
    [row] = rows(found, doc)
    assert (row["kind"], row["cue"], row["text"], row["speaker"]) == ("incise", cue, text, speaker)
    assert SENTENCES[doc][row["cue_start"]:row["cue_end"]].lower().startswith(cue[:4])


def test_according_to_markers(found) -> None:
    [row] = rows(found, "selon_on_number")
    assert (row["kind"], row["speaker"]) == ("according_to", "Houdré")
    assert row["text"].startswith("Les 10 % des habitants") and row["text"].endswith("entre 2008 et 2009")
    assert [(r["cue"], r["speaker"]) for r in rows(found, "opinion_of")] == [("de l'avis", "Américain Pete Selleck")]
    by_cue = {r["cue"]: r for r in rows(found, "pour_qui")}
    assert (by_cue["pour"]["source"], by_cue["pour"]["speaker"]) == ("qui", "Craig Murray")
    assert by_cue["pour"]["text"].startswith("les États-Unis ont intimé")
    assert [r["kind"] for r in rows(found, "pour_cela")] == ["indirect"]
    assert rows(found, "pour_qui_veut") == []
    assert [r["speaker"] for r in rows(found, "pour_sa_part")] == ["Pauline Marois"]


@pytest.mark.parametrize(("doc", "cue", "text", "speaker"), [
    ("noun_locution", "avoir peur", "que le projet conduise à l'interdiction de l'avortement", "Les habitants"),
    ("wish_locution", "exprimer vœu", "de s'attaquer au problème de l'immigration", "Le président"),
    ("conclusion_locution", "venir conclusion", "que la loi aurait sauvé des vies", "les chercheurs"),
    ("provision", "disposer", "que la loi favorise l'égal accès des femmes et des hommes aux mandats",
     "L'article 3 de la Constitution"),
    ("a_ce_que", "appeler", "à ce que les rebelles qui commettent ces exécutions en soient tenus responsables",
     "Le Conseil national syrien"),
])
def test_locutions_and_content_verbs(found, doc, cue, text, speaker) -> None:
    [row] = rows(found, doc)
    assert (row["kind"], row["cue"], row["text"], row["speaker"]) == ("indirect", cue, text, speaker)


@pytest.mark.parametrize("doc", ["quoted_verb", "a_souligner", "il_faut_noter", "unrealised", "learnt"])
def test_no_report(found, doc) -> None:
    assert rows(found, doc) == []


def test_news_learnt_from_an_unnamed_source_is_reported(found) -> None:
    assert [(r["cue"], r["source"]) for r in rows(found, "news")] == [("apprendre", "On")]


def test_a_noun_before_the_complementizer(found) -> None:
    assert rows(found, "relative_que") == []
    assert rows(found, "noun_infinitive") == []
    # (a request to another to do something is no report: the infinitive's subject is the addressee, not the speaker;
    # annotation guide §4, "an infinitive clause with the same subject")
    assert rows(found, "request_object") == []
    assert [r["text"] for r in rows(found, "request_date")] == ["à voter pour Barack Obama"]


def test_an_unclosed_quotation_does_not_swallow_the_text(found) -> None:
    """It ends with its sentence: what follows is the writer's, what stands in it is quoted."""
    assert [(r["kind"], r["speaker"]) for r in rows(found, "unclosed_quote")] == [("according_to", "ce discours")]
    assert rows(found, "unclosed_same_sentence") == []


def test_a_second_content_hung_on_the_verb(found) -> None:
    assert [r["text"] for r in rows(found, "coordinated_on_verb")] == ["à être baptisée", "à devenir chrétienne"]


def test_a_subject_cut_off_by_a_colon_is_not_the_source(found) -> None:
    assert [(r["source"], r["text"]) for r in rows(found, "headline")] == [("le maire de New York", "à voter Obama")]
