"""Quotation spans, nesting, kinds and sources on small hand-made texts and token tables."""

from __future__ import annotations

import polars as pl
import pytest

from corpusling import tokens as tk
from corpusling.markers.attribution import ancestors, load_reporting_verbs
from corpusling.markers.quotes import COLUMNS, quote_spans, quotes, scan_text
from corpusling.markers.voice import add_in_quote, quoted_spans, token_voice


def spans_of(text: str) -> list[str]:
    return [text[s:e] for s, e, *_ in scan_text(text)]


@pytest.mark.parametrize("text, expected", [
    ("Il parle de «riposte» ici.", ["«riposte»"]),
    ("Il a dit : « Nous partons ».", ["« Nous partons »"]),
    ("Il a dit : «\u202fNous partons\u202f».", ["«\u202fNous partons\u202f»"]),
    ("Il a dit : «\u00a0Nous partons\u00a0».", ["«\u00a0Nous partons\u00a0»"]),
    ("He said “we leave” and „wir gehen“ then ‹ oui ›.", ["“we leave”", "„wir gehen“", "‹ oui ›"]),
    ('Le "New York Times" écrit.', ['"New York Times"']),
])
def test_marks(text: str, expected: list[str]) -> None:
    assert spans_of(text) == expected


def test_apostrophes_are_not_quotes() -> None:
    text = "L'armée d'Irak n'a pas vu qu'aujourd'hui l’État s’est tu, dit l'AFP."
    assert scan_text(text) == []


def test_inch_marks_are_not_quotes() -> None:
    assert scan_text('Un écran de 17" et un autre de 21" suffisent.') == []
    # but a straight quotation may end with a digit
    assert spans_of('Il a dit "nous en voulons 3" hier.') == ['"nous en voulons 3"']


def test_single_quotes_are_not_quotation_marks() -> None:
    """The guide's marks (§2) are « », “ ”, „ “, ‹ › and straight double quotes: never ' ‘ ’."""
    text = "« Ils ont commencé par crier 'Allah' et ils ont cassé la porte. »"
    assert spans_of(text) == [text]
    assert scan_text("Ils sont excellents pour ‘bullshitter’. Il cite 'quelque chose sans fin.") == []


@pytest.mark.parametrize("text, expected", [
    # French spacing kept inside straight quotes: one opens before a space and a word, closes after a space
    ('Il souligne : " Il y a de la fumée, mais sans feu " et repart.', ['" Il y a de la fumée, mais sans feu "']),
    ('Il a dit : "Nous restons ". Puis : "Nous partons".', ['"Nous restons "', '"Nous partons"']),
    ('Il dit " oui " et " non ".', ['" oui "', '" non "']),
    # inside a spaced quotation, "le mot "X"" is a quotation of its own
    ('Il dit : " Envoyez le mot "DARGAUD" au 6 20 30 " ici.', ['" Envoyez le mot "DARGAUD" au 6 20 30 "', '"DARGAUD"']),
])
def test_spaced_straight_quotes(text: str, expected: list[str]) -> None:
    assert spans_of(text) == expected


@pytest.mark.parametrize("text", [
    'Mais nous ne partirons pas ", a assuré l\'un d\'eux.',  # the quotation began before the text
    "Elle se veut aussi message d'espoir\". Ouverture tous les jours.",
    'Le reste du monde. " "',
])
def test_closing_straight_quote_with_nothing_open_makes_no_quotation(text: str) -> None:
    assert scan_text(text) == []


def test_nesting_levels() -> None:
    text = '« les "milices irakiennes" et les « réelles » fraudes »'
    docs = pl.DataFrame({"doc_id": ["d"], "text": [text]})
    table = quotes(tk.empty(), docs).sort("start_char", "end_char")
    got = {row["text"]: (row["level"], row["nested"]) for row in table.iter_rows(named=True)}
    assert got == {text: (0, False), '"milices irakiennes"': (1, True), "« réelles »": (1, True)}


def test_unbalanced_closed_at_paragraph_end() -> None:
    text = "Il dit : « Nous partons demain.\n\nLe lendemain, rien."
    (start, end, _, unbalanced, continued), = scan_text(text)
    assert text[start:end] == "« Nous partons demain."
    assert unbalanced and not continued


def test_unbalanced_inner_mark_closed_by_outer() -> None:
    text = '« Il parle de "milices sans fin » puis se tait.'
    got = {text[s:e]: u for s, e, _, u, _ in scan_text(text)}
    assert got == {'« Il parle de "milices sans fin »': False, '"milices sans fin': True}


def test_quotation_over_several_paragraphs() -> None:
    text = "Il raconte : « Nous sommes partis.\n\n« Puis nous sommes revenus.\n\n« Enfin, rien. »\n\nFin."
    (start, end, mark, unbalanced, continued), = scan_text(text)
    assert text[start:end] == text[text.index("«"):text.index("»") + 1]
    assert continued and not unbalanced and mark == "«"


def test_continuation_with_closing_guillemet_convention() -> None:
    text = "« Un.\n» Deux. »"
    (start, end, _, unbalanced, continued), = scan_text(text)
    assert (start, end) == (0, len(text)) and continued and not unbalanced


def test_stray_closing_mark_makes_no_quotation() -> None:
    """Guide §2: a closing mark with no opening one is no item."""
    assert scan_text("Premier paragraphe.\nla suite d'une citation » dit-il.") == []


def test_quote_spans_offsets_point_into_text() -> None:
    docs = pl.DataFrame({"doc_id": ["a", "b"], "text": ["x « y » z", '"a" et "b"']})
    spans = quote_spans(docs).join(docs, on="doc_id")
    for row in spans.iter_rows(named=True):
        assert row["text"][row["start_char"]] in "«\""
        assert row["text"][row["end_char"] - 1] in "»\""
    assert spans.height == 3


# --- kinds and sources on a hand-built parse ------------------------------------------------

def _table(doc_id: str, text: str, words: list[tuple[str, str, str, int, str]]) -> pl.DataFrame:
    """Token table of one sentence: (form, lemma, upos, head, deprel); offsets found in ``text``."""
    cols: dict[str, list] = {c: [] for c in ("doc_id", "par_id", "sent_id", "word_id", "token_id", "token_text",
                                             "form", "lemma", "upos", "head", "deprel", "start_char", "end_char")}
    position = 0
    for i, (form, lemma, upos, head, deprel) in enumerate(words, start=1):
        start = text.index(form, position)
        position = start + len(form)
        for column, value in zip(cols, (doc_id, 1, 1, i, i, form, form, lemma, upos, head, deprel, start, position),
                                 strict=True):
            cols[column].append(value)
    return tk.from_rows(cols)


INCISE = "« Nous partons », a déclaré le ministre de l'Intérieur."
INCISE_WORDS = [
    ("«", "«", "PUNCT", 3, "punct"), ("Nous", "nous", "PRON", 3, "nsubj"), ("partons", "partir", "VERB", 0, "root"),
    ("»", "»", "PUNCT", 3, "punct"), (",", ",", "PUNCT", 7, "punct"), ("a", "avoir", "AUX", 7, "aux"),
    ("déclaré", "déclarer", "VERB", 3, "parataxis"), ("le", "le", "DET", 9, "det"),
    ("ministre", "ministre", "NOUN", 7, "nsubj"), ("de", "de", "ADP", 12, "case"), ("l'", "le", "DET", 12, "det"),
    ("Intérieur", "intérieur", "PROPN", 9, "nmod"), (".", ".", "PUNCT", 3, "punct"),
]

COLON = "Le porte-parole, Jean Dupont, a affirmé : « Tout va bien »."
COLON_WORDS = [
    ("Le", "le", "DET", 2, "det"), ("porte-parole", "porte-parole", "NOUN", 8, "nsubj"),
    (",", ",", "PUNCT", 5, "punct"), ("Jean", "Jean", "PROPN", 2, "appos"),
    ("Dupont", "Dupont", "PROPN", 4, "flat:name"), (",", ",", "PUNCT", 4, "punct"),
    ("a", "avoir", "AUX", 8, "aux"), ("affirmé", "affirmer", "VERB", 0, "root"), (":", ":", "PUNCT", 8, "punct"),
    ("«", "«", "PUNCT", 12, "punct"), ("Tout", "tout", "PRON", 12, "nsubj"), ("va", "aller", "VERB", 8, "parataxis"),
    ("bien", "bien", "ADV", 12, "advmod"), ("»", "»", "PUNCT", 12, "punct"), (".", ".", "PUNCT", 8, "punct"),
]

MIXED = "L'ONG qui dénonce la «riposte» estime que « la torture continue »."
MIXED_WORDS = [
    ("L'", "le", "DET", 2, "det"), ("ONG", "ONG", "PROPN", 9, "nsubj"), ("qui", "qui", "PRON", 4, "nsubj"),
    ("dénonce", "dénoncer", "VERB", 2, "acl:relcl"), ("la", "le", "DET", 7, "det"), ("«", "«", "PUNCT", 7, "punct"),
    ("riposte", "riposte", "NOUN", 4, "obj"), ("»", "»", "PUNCT", 7, "punct"),
    ("estime", "estimer", "VERB", 0, "root"), ("que", "que", "SCONJ", 14, "mark"), ("«", "«", "PUNCT", 14, "punct"),
    ("la", "le", "DET", 13, "det"), ("torture", "torture", "NOUN", 14, "nsubj"),
    ("continue", "continuer", "VERB", 9, "ccomp"), ("»", "»", "PUNCT", 14, "punct"), (".", ".", "PUNCT", 9, "punct"),
]


def _run(text: str, words: list, kinds: str | None = None) -> pl.DataFrame:
    tokens = _table("d", text, words)
    return quotes(tokens, pl.DataFrame({"doc_id": ["d"], "text": [text]}), kinds=kinds)


def test_output_columns_and_word_counts() -> None:
    table = _run(INCISE, INCISE_WORDS)
    assert table.columns == COLUMNS
    assert table["n_tokens"].to_list() == [2]  # Nous partons: the marks are punctuation


def test_incise_gives_direct_source_and_verb() -> None:
    row = _run(INCISE, INCISE_WORDS).row(0, named=True)
    assert (row["kind"], row["source"], row["reporting_verb"]) == ("direct", "le ministre de l'Intérieur", "déclarer")
    assert INCISE[row["source_start"]:row["source_end"]] == row["source"]


def test_colon_gives_direct_with_apposition_in_source() -> None:
    row = _run(COLON, COLON_WORDS).row(0, named=True)
    assert (row["kind"], row["source"], row["reporting_verb"]) == ("direct", "Le porte-parole, Jean Dupont", "affirmer")


def test_scare_and_mixed() -> None:
    table = _run(MIXED, MIXED_WORDS)
    got = {row["text"]: (row["kind"], row["source"], row["reporting_verb"]) for row in table.iter_rows(named=True)}
    # «riposte» is the object of dénoncer: a governed noun, attributed; the que-clause is mixed
    assert got["« la torture continue »"] == ("mixed", "L'ONG", "estimer")
    assert got["«riposte»"][0] == "mixed" and got["«riposte»"][1] == "L'ONG"


def _words(rows: str) -> list[tuple[str, str, str, int, str]]:
    """Token rows written "form lemma UPOS head deprel", one per line."""
    return [(form, lemma, upos, int(head), rel) for form, lemma, upos, head, rel in
            (line.split() for line in rows.strip().splitlines())]


EXPLETIVE = "Il a estimé que c'était un « triste rappel »."
EXPLETIVE_WORDS = _words("""
Il il PRON 3 expl:subj
a avoir AUX 3 aux:tense
estimé estimer VERB 0 root
que que SCONJ 10 mark
c' ce PRON 10 nsubj
était être AUX 10 cop
un un DET 10 det
« « PUNCT 10 punct
triste triste ADJ 10 amod
rappel rappel NOUN 3 ccomp
» » PUNCT 10 punct
. . PUNCT 3 punct
""")


def test_an_il_the_parser_calls_expletive_is_the_subject_of_an_active_reporting_verb() -> None:
    row = _run(EXPLETIVE, EXPLETIVE_WORDS).row(0, named=True)
    assert (row["kind"], row["source"], row["reporting_verb"]) == ("mixed", "Il", "estimer")
    # not of a passive one: "Il est dit que …" is impersonal
    passive = [("dit", "dire", "VERB", 0, "root") if w[0] == "estimé" else
               ("est", "être", "AUX", 3, "aux:pass") if w[0] == "a" else w for w in EXPLETIVE_WORDS]
    row = _run(EXPLETIVE.replace("a estimé", "est dit"), passive).row(0, named=True)
    assert (row["kind"], row["source"]) == ("mixed", None)


PREVIOUS = "Il a souhaité faire un rappel. « Nous refusons ce mépris. »"
PREVIOUS_WORDS = [_words("""
Il il PRON 3 expl:subj
a avoir AUX 3 aux:tense
souhaité souhaiter VERB 0 root
faire faire VERB 3 xcomp
un un DET 6 det
rappel rappel NOUN 4 obj
. . PUNCT 3 punct
"""), _words("""
« « PUNCT 3 punct
Nous nous PRON 3 nsubj
refusons refuser VERB 0 root
ce ce DET 5 det
mépris mépris NOUN 3 obj
. . PUNCT 3 punct
» » PUNCT 3 punct
""")]


def test_the_subject_the_parser_calls_expletive_in_the_sentence_before() -> None:
    """"Il a souhaité faire un rappel au règlement. « … »": the sentence before gives the speaker, its "il" tagged
    expl:subj by the parser (an incise verb, souhaiter, as its root)."""
    first = _table("d", PREVIOUS, PREVIOUS_WORDS[0])
    offset = PREVIOUS.index("«")
    second = _table("d", PREVIOUS[offset:], PREVIOUS_WORDS[1]).with_columns(
        pl.lit(2).alias("sent_id"), pl.col("start_char") + offset, pl.col("end_char") + offset)
    tokens = pl.concat([first, second.cast(first.schema)])
    row = quotes(tokens, pl.DataFrame({"doc_id": ["d"], "text": [PREVIOUS]})).row(0, named=True)
    assert (row["kind"], row["source"], row["reporting_verb"]) == ("direct", "Il", "souhaiter")
    assert row["rule"].split("+")[1] == "previous_sentence"


COORDINATED = "Copé déplora un discours « truffé d'incantations » et manquant « de courage politique »."
COORDINATED_WORDS = _words("""
Copé Copé PROPN 2 nsubj
déplora déplorer VERB 0 root
un un DET 4 det
discours discours NOUN 2 obj
« « PUNCT 6 punct
truffé truffer VERB 4 acl
d' de ADP 8 case
incantations incantation NOUN 6 obl:arg
» » PUNCT 6 punct
et et CCONJ 11 cc
manquant manquer VERB 6 conj
« « PUNCT 14 punct
de de ADP 14 case
courage courage NOUN 11 obl:mod
politique politique ADJ 14 amod
» » PUNCT 14 punct
. . PUNCT 2 punct
""")
NOUNS = "Le ministre a dénoncé des « mensonges » et des « manipulations »."
NOUNS_WORDS = _words("""
Le le DET 2 det
ministre ministre NOUN 4 nsubj
a avoir AUX 4 aux
dénoncé dénoncer VERB 0 root
des un DET 7 det
« « PUNCT 7 punct
mensonges mensonge NOUN 4 obj
» » PUNCT 7 punct
et et CCONJ 12 cc
des un DET 12 det
« « PUNCT 12 punct
manipulations manipulation NOUN 7 conj
» » PUNCT 12 punct
. . PUNCT 4 punct
""")
#: a conjoined clause with its own subject is another clause: the climb stops there
OTHER_CLAUSE = "Copé déplora le discours et les élus ont commis une « faute »."
OTHER_CLAUSE_WORDS = _words("""
Copé Copé PROPN 2 nsubj
déplora déplorer VERB 0 root
le le DET 4 det
discours discours NOUN 2 obj
et et CCONJ 9 cc
les le DET 7 det
élus élu NOUN 9 nsubj
ont avoir AUX 9 aux
commis commettre VERB 2 conj
une un DET 12 det
« « PUNCT 12 punct
faute faute NOUN 9 obj
» » PUNCT 12 punct
. . PUNCT 2 punct
""")


def test_the_governing_verb_is_found_across_a_coordination_of_phrases_not_of_clauses() -> None:
    table = _run(COORDINATED, COORDINATED_WORDS)
    assert table.select("kind", "source", "reporting_verb").rows() == [("mixed", "Copé", "déplorer")] * 2
    assert table["rule"].str.split("+").list.get(1).to_list() == ["governing_verb"] * 2
    table = _run(NOUNS, NOUNS_WORDS)
    assert table.select("kind", "source", "reporting_verb").rows() == [("mixed", "Le ministre", "dénoncer")] * 2
    row = _run(OTHER_CLAUSE, OTHER_CLAUSE_WORDS, kinds="rules").row(0, named=True)
    assert (row["kind"], row["source"], row["rule"]) == ("scare", None, "short+none+none")
    # (the default decider agrees; the learned model chose between mixed and scare: quote_kind_weights.md)
    row = _run(OTHER_CLAUSE, OTHER_CLAUSE_WORDS).row(0, named=True)
    assert (row["kind"], row["source"], row["rule"]) == ("scare", None, "model:rule_short+none+none")


def test_scare_without_speaker() -> None:
    text = "Ce sont des «proies faciles» pour tous."
    docs = pl.DataFrame({"doc_id": ["d"], "text": [text]})
    row = quotes(tk.empty(), docs).row(0, named=True)
    assert row["kind"] == "scare" and row["source"] is None


def test_selon_and_pour_attribution() -> None:
    docs = pl.DataFrame({"doc_id": ["a", "b", "c"], "text": [
        "Selon Météo France, « la chaleur durera ».",
        "Mais pour Obama, « le problème est ailleurs ».",
        "Et pour la dernière période, « il veut une apothéose » qui coûte."]})
    table = quotes(tk.empty(), docs).sort("doc_id")
    assert table.select("kind", "source", "reporting_verb").rows() == [
        ("direct", "Météo France", "selon"), ("direct", "Obama", "pour"), ("mixed", None, None)]


def test_ancestors_of_a_small_tree() -> None:
    tokens = _table("d", INCISE, INCISE_WORDS)
    pairs = ancestors(tokens.with_columns(pl.col("doc_id").cast(pl.String), pl.col("deprel").cast(pl.String)))
    # "Intérieur" (12) → ministre (9) → déclaré (7) → partons (3)
    chain = pairs.filter(pl.col("word_id") == 12).sort("depth")["anc"].to_list()
    assert chain == [9, 7, 3]


def test_reporting_verb_lexicon() -> None:
    lexicon = load_reporting_verbs()
    verbs = lexicon.filter(pl.col("type") != "preposition")
    assert verbs.height >= 60
    for lemma in ("dire", "déclarer", "affirmer", "indiquer", "expliquer", "ajouter", "préciser", "souligner",
                  "estimer", "assurer", "constater", "reconnaître", "annoncer", "confier", "dénoncer", "rappeler",
                  "avertir"):
        assert lemma in verbs["lemma"].to_list()
    assert lexicon["lemma"].is_unique().all()


def test_bad_lexicon_raises(tmp_path) -> None:
    from corpusling.errors import LexiconError

    path = tmp_path / "verbs.tsv"
    path.write_text("verb\ttype\nsay\tx\n", encoding="utf-8")
    with pytest.raises(LexiconError):
        load_reporting_verbs(path)


# --- writer's voice vs quoted voice ---------------------------------------------------------

def test_in_quote_counts_direct_and_mixed_not_scare() -> None:
    quotes_table = pl.DataFrame({"doc_id": ["a", "a", "a"], "start_char": [10, 12, 40], "end_char": [30, 20, 50],
                                 "kind": ["direct", "scare", "scare"]})
    rows = pl.DataFrame({"doc_id": ["a", "a", "a", "a", "b"], "start_char": [5, 15, 29, 45, 15]})
    assert add_in_quote(rows, quotes_table)["in_quote"].to_list() == [False, True, True, False, False]
    assert add_in_quote(rows, quotes_table, kinds=None)["in_quote"].to_list() == [False, True, True, True, False]
    assert quoted_spans(quotes_table, kinds=None).height == 2


def test_token_voice_keeps_rows() -> None:
    tokens = _table("d", INCISE, INCISE_WORDS)
    table = _run(INCISE, INCISE_WORDS)
    voiced = token_voice(tokens, table)
    assert voiced.height == tokens.height
    assert voiced.filter(pl.col("in_quote"))["form"].to_list() == ["«", "Nous", "partons", "»"]


def test_quotation_over_a_hard_line_break() -> None:
    """Inside a paragraph of a hard-wrapped text (blank lines between paragraphs) a line break is no end."""
    text = "Il a dit : « Nous partons\ndemain matin ».\n\nFin."
    (start, end, _, unbalanced, _), = scan_text(text)
    assert text[start:end] == "« Nous partons\ndemain matin »" and not unbalanced


# --- the command line -----------------------------------------------------------------------

def _parsed_folder(tmp_path):
    from corpusling.parsed import ParsedCorpus

    tokens = pl.concat([_table("a", INCISE, INCISE_WORDS), _table("b", COLON, COLON_WORDS)])
    documents = pl.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": [INCISE, COLON]})
    return ParsedCorpus(tokens=tokens, documents=documents, model={"name": "hand-built"}).save(tmp_path / "parsed")


def test_cli_writes_quotes_and_density(tmp_path, capsys) -> None:
    from corpusling.cli import main

    folder = _parsed_folder(tmp_path)
    out, dens = tmp_path / "quotes.csv", tmp_path / "density.parquet"
    assert main(["quotes", str(folder), "--group-by", "outlet", "--out", str(out), "--density", str(dens)]) == 0
    table = pl.read_csv(out)
    assert table.columns == COLUMNS and table.height == 2
    assert set(table["source"]) == {"le ministre de l'Intérieur", "Le porte-parole, Jean Dupont"}
    density = pl.read_parquet(dens)
    assert density.filter(pl.col("level") == "group")["group"].to_list() == ["X", "Y"]
    printed = capsys.readouterr().out
    assert "2 quotations" in printed and "per 1,000 words" in printed


def test_cli_bad_lexicon_exits_2(tmp_path, capsys) -> None:
    from corpusling.cli import main

    folder = _parsed_folder(tmp_path)
    bad = tmp_path / "verbs.tsv"
    bad.write_text("not a header\n", encoding="utf-8")
    assert main(["quotes", str(folder), "--verbs", str(bad)]) == 2
    assert "lemma" in capsys.readouterr().err


def test_density_counts_outer_quotations(tmp_path) -> None:
    from corpusling.markers.quote_density import density

    text = "« Il a dit « non » hier », selon X. Un «mot» ici."
    docs = pl.DataFrame({"doc_id": ["d"], "text": [text]})
    words = [w for w in text.replace("«", " « ").replace("»", " » ").replace(",", " , ").replace(".", " . ").split()]
    position, cols = 0, {"doc_id": [], "sent_id": [], "word_id": [], "form": [], "lemma": [], "upos": [],
                         "start_char": [], "end_char": []}
    for i, word in enumerate(words, start=1):
        start = text.index(word, position)
        position = start + len(word)
        for column, value in zip(cols, ("d", 1, i, word, word.lower(), "PUNCT" if not word.isalnum() else "X",
                                        start, position), strict=True):
            cols[column].append(value)
    tokens = tk.from_rows(cols)
    table = quotes(tokens, docs)
    assert table["level"].to_list() == [0, 1, 0]
    row = density(table, tokens, docs, n_boot=50).filter(pl.col("level") == "group").row(0, named=True)
    assert row["n_quotes"] == 2 and row["n_direct"] == 1 and row["n_scare"] == 1
    assert row["quoted_words"] == 9  # « Il a dit « non » hier » : the direct quotation's rows
    assert row["marked_share"] > row["quoted_share"]  # the scare quote counts as marked, not as quoted voice
    assert row["share_attributed"] == 1.0


def test_hard_wrapped_colon_introduction() -> None:
    text = "Le ministre a dit :\n« Nous partons »\n\nFin."
    row = quotes(tk.empty(), pl.DataFrame({"doc_id": ["d"], "text": [text]})).row(0, named=True)
    assert row["kind"] == "direct" and row["rule"].startswith("colon")


def test_source_offsets_count_characters_not_bytes() -> None:
    """Accented letters before a source must not shift its offsets (polars' str.find counts bytes)."""
    docs = pl.DataFrame({"doc_id": ["a", "b"], "text": [
        "Été : « Il fera très chaud », selon Météo-France à Paris.",
        "Déjà élevée, « la température montera », a-t-il précisé."]})
    table = quotes(tk.empty(), docs).join(docs.rename({"text": "doc"}), on="doc_id").sort("doc_id")
    # without tokens the incise is found in the text: "a-t-il précisé" gives its clitic
    assert table["source"].to_list() == ["Météo-France à Paris", "il"]
    for row, expected in zip(table.iter_rows(named=True), ["Météo-France à Paris", "il"], strict=True):
        assert row["doc"][row["source_start"]:row["source_end"]] == expected
