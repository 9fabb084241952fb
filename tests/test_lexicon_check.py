"""The checks after parsing on hand-built token tables: the lexicon check of features and lemmas
(Lefff 3.4), its lexicon table and licence in the package, the GSD conventions, and their place in the
parse-cache key."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from corpusling import tokens as tok
from corpusling.nlp import lexicon_check
from corpusling.nlp.lexicon_check import check_lexicon
from corpusling.nlp.morphology import check_conditionals

DATA = Path(lexicon_check.__file__).resolve().parent / "data"
FIN3 = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
IMP3 = "Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin"


def table(*words: tuple[str, str, str, str]) -> pl.DataFrame:
    """A one-sentence token table of (form, lemma, upos, feats)."""
    starts = [sum(len(w[0]) + 1 for w in words[:i]) for i in range(len(words))]
    return tok.from_rows({
        "doc_id": ["d"] * len(words), "par_id": [1] * len(words), "sent_id": [1] * len(words),
        "word_id": list(range(1, len(words) + 1)), "token_id": list(range(1, len(words) + 1)),
        "token_text": [w[0] for w in words], "form": [w[0] for w in words], "lemma": [w[1] for w in words],
        "upos": [w[2] for w in words], "feats": [w[3] for w in words], "head": [0] * len(words),
        "deprel": ["dep"] * len(words), "start_char": starts,
        "end_char": [s + len(w[0]) for s, w in zip(starts, words, strict=True)]})


def row(checked: pl.DataFrame, form: str) -> dict:
    return checked.filter(pl.col("form") == form).row(0, named=True)


def test_a_lemma_outside_the_forms_lemmas_is_corrected() -> None:
    checked = check_lexicon(table(("ferons", "faroir", "VERB", "Mood=Ind|Number=Plur|Person=1|Tense=Fut|VerbForm=Fin"),
                                  ("utiles", "util", "ADJ", "Number=Plur"),
                                  ("cris", "cris", "NOUN", "Gender=Masc|Number=Plur")))
    assert checked["lemma"].to_list() == ["faire", "utile", "cri"]


def test_a_lemma_among_the_forms_lemmas_stays_and_abbreviations_keep_theirs() -> None:
    """"fait" is the noun's lemma and the participle's form; "mg" is its own lemma in UD (the Lefff's is
    "milligramme"); "Quai" differs from the Lefff's "quai" only by case."""
    checked = check_lexicon(table(("fait", "fait", "NOUN", "Gender=Masc|Number=Sing"),
                                  ("mg", "mg", "NOUN", "Gender=Masc|Number=Plur"),
                                  ("Quai", "Quai", "NOUN", "Gender=Masc|Number=Sing")))
    assert checked["lemma"].to_list() == ["fait", "mg", "Quai"]


def test_features_are_completed_and_corrected() -> None:
    checked = check_lexicon(table(("devait", "devoir", "VERB", FIN3),
                                  ("thrombose", "thrombose", "NOUN", "Gender=Masc|Number=Sing"),
                                  ("fréquente", "fréquent", "ADJ", "Number=Sing"),
                                  ("réchauffer", "réchauffer", "VERB", "Mood=Ind|Person=3|Tense=Pres|VerbForm=Fin"),
                                  ("indésirable", "indésirable", "ADJ", "Gender=Masc|Number=Plur")))
    assert row(checked, "devait")["feats"] == IMP3 and row(checked, "devait")["tense"] == "Imp"
    assert row(checked, "thrombose")["feats"] == "Gender=Fem|Number=Sing"
    assert row(checked, "fréquente")["feats"] == "Gender=Fem|Number=Sing"
    # an infinitive has no mood, person or tense; an epicene adjective no gender
    assert row(checked, "réchauffer")["feats"] == "VerbForm=Inf" and row(checked, "réchauffer")["mood"] is None
    assert row(checked, "indésirable")["feats"] == "Number=Sing"


def test_ambiguous_readings_leave_the_tagger_its_choice() -> None:
    """"pris" is masculine singular or plural: the tagger's Number stays; features the lexicon does not
    know (Voice) stay too."""
    feats = "Gender=Masc|Number=Plur|Tense=Past|VerbForm=Part|Voice=Pass"
    checked = check_lexicon(table(("pris", "prendre", "VERB", feats)))
    assert row(checked, "pris")["feats"] == feats


def test_forms_absent_from_the_lexicon_and_other_parts_of_speech_are_left_alone() -> None:
    tokens = table(("zorglubisait", "zorglubiser", "VERB", FIN3), ("Paris", "Paris", "PROPN", "_"),
                   ("le", "la", "DET", "Definite=Def|Gender=Masc|Number=Sing|PronType=Art"),
                   ("devait", "devoir", "VERB", FIN3))
    checked = check_lexicon(tokens, only=pl.col("word_id") < 4)
    assert checked.equals(tokens)
    assert check_lexicon(tokens.head(0)).equals(tokens.head(0))


def test_rows_order_and_other_columns_stay() -> None:
    tokens = table(("Il", "il", "PRON", "Gender=Masc|Number=Sing|Person=3|PronType=Prs"),
                   ("devait", "devoir", "VERB", FIN3), ("partir", "partir", "VERB", "VerbForm=Inf"))
    checked = check_lexicon(tokens)
    assert checked.schema == tokens.schema and checked.height == tokens.height
    changed = pl.col("form") == "devait"
    assert checked.filter(~changed).equals(tokens.filter(~changed))
    assert checked.drop("feats", "tense").equals(tokens.drop("feats", "tense"))


def test_the_conditional_check_keeps_the_last_word_on_mood() -> None:
    """With the lexicon check, Mood=Cnd is where the conditional check alone puts it: added to "aurait"
    (which the lexicon knows only as a conditional), removed from "peux"."""
    cnd1 = "Mood=Cnd|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin"
    tokens = table(("aurait", "avoir", "AUX", IMP3), ("peux", "pouvoir", "VERB", cnd1),
                   ("mourrait", "mourrer", "VERB", IMP3), ("avait", "avoir", "AUX", FIN3))
    alone = check_conditionals(tokens, checks=())
    both = check_conditionals(tokens, checks=("lexicon", "gsd"))
    assert both["mood"].to_list() == alone["mood"].to_list() == ["Cnd", "Ind", "Cnd", "Ind"]
    assert row(both, "avait")["tense"] == "Imp" and row(alone, "avait")["tense"] == "Pres"
    assert row(both, "mourrait")["lemma"] == "mourir"


def test_both_checks_run_by_default() -> None:
    from corpusling.nlp import morphology

    tokens = table(("devait", "devoir", "VERB", FIN3))
    assert morphology.CHECKS == ("lexicon", "gsd")
    assert check_conditionals(tokens).equals(check_conditionals(tokens, checks=("lexicon", "gsd")))
    assert not check_conditionals(tokens).equals(check_conditionals(tokens, checks=()))
    assert row(check_conditionals(tokens, checks=("lexicon",)), "devait")["tense"] == "Imp"
    with pytest.raises(ValueError, match="unknown"):
        check_conditionals(tokens, checks=("lefff",))


def test_the_parse_cache_key_names_the_checks(tmp_path: Path) -> None:
    from corpusling.nlp import conventions
    from corpusling.nlp.cache import TABLE_VERSION, ParseCache

    folders = {checks: ParseCache(tmp_path, "m", checks=checks).folder
               for checks in [(), ("lexicon",), ("gsd",), ("lexicon", "gsd")]}
    assert len(set(folders.values())) == 4
    assert folders[()].name == f"m-t{TABLE_VERSION}"  # caches made before the checks are still read
    assert ParseCache(tmp_path, "m").folder == folders[("lexicon", "gsd")]  # the default: both
    assert lexicon_check.TABLE_VERSION in folders[("lexicon",)].name
    assert conventions.VERSION in folders[("lexicon", "gsd")].name


def test_the_lexicon_table() -> None:
    readings = lexicon_check.lexicon()
    assert readings.columns == ["form", "upos", "lemma", "feats"] and readings.height > 500_000
    aurait = readings.filter(pl.col("form") == "aurait")
    assert aurait.rows() == [("aurait", "VERB", "avoir", "Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin")]
    assert (DATA / "lefff.parquet").stat().st_size < 5_000_000


MLEX = "\n".join([
    "aurait\tv\tavoir\tC3s", "élève\tv\télever\tPS13s", "prises\tv\tprendre\tKfp", "prises\tadj\tprendre\tKfp",
    "pris\tv\tprendre\tKms", "son\tdet\tson\ts_P3s", "il\tcln\tcln\t3ms", "mg\tnc\tmilligramme\tm",
    "madame\tnc\tMonsieur\tfs", "!\tponcts\t!\t", "rapide\tadj\trapide\ts",
]) + "\n"


def test_the_build_script_decodes_lefff_codes() -> None:
    from corpusling.nlp.data import make_lefff

    built = make_lefff.build(make_lefff.read_mlex(MLEX.encode()))
    got = {(r["form"], r["upos"], r["lemma"], r["feats"]) for r in built.iter_rows(named=True)}
    assert got == {
        ("aurait", "VERB", "avoir", "Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"),
        ("élève", "VERB", "élever", "Mood=Ind|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin"),
        ("élève", "VERB", "élever", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"),
        ("élève", "VERB", "élever", "Mood=Sub|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin"),
        ("élève", "VERB", "élever", "Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"),
        ("prises", "VERB", "prendre", "Gender=Fem|Number=Plur|Tense=Past|VerbForm=Part"),
        ("prises", "ADJ", "pris", "Gender=Fem|Number=Plur"),  # a participle as adjective: UD's lemma
        ("pris", "VERB", "prendre", "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part"),
        ("son", "DET", "son", "Number=Sing|Number[psor]=Sing|Person[psor]=3"),
        ("il", "PRON", None, "Gender=Masc|Number=Sing|Person=3"),  # the Lefff's lemma is "cln"
        ("mg", "NOUN", None, "Gender=Masc"), ("madame", "NOUN", None, "Gender=Fem|Number=Sing"),
        ("rapide", "ADJ", "rapide", "Number=Sing"),
    }


def test_the_table_its_licence_and_readme_are_package_data() -> None:
    """setuptools' own build_py lists what goes into the wheel: the table, the LGPL-LR and the README."""
    import os
    import warnings

    from setuptools.dist import Distribution

    cwd = Path.cwd()
    os.chdir(Path(__file__).resolve().parent.parent)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # setuptools' deprecation notices about the licence field
            dist = Distribution()
            dist.parse_config_files()
            dist.include_package_data = False  # the package-data patterns alone; nothing is written
            build_py = dist.get_command_obj("build_py")
            build_py.ensure_finalized()
            shipped = {(package, name) for package, _, _, names in build_py.data_files for name in names}
    finally:
        os.chdir(cwd)
    for name in ("lefff.parquet", "LICENSE-LGPL-LR.txt", "README.md"):
        assert ("corpusling.nlp.data", name) in shipped, name
    licence = (DATA / "LICENSE-LGPL-LR.txt").read_text(encoding="utf-8")
    assert "Lesser General Public License For Linguistic Resources" in licence
    assert "Sagot" in (DATA / "README.md").read_text(encoding="utf-8")


def sentence(*words: tuple[str, str, str, str, int, str]) -> pl.DataFrame:
    """A one-sentence token table of (form, lemma, upos, feats, head, deprel)."""
    return table(*(w[:4] for w in words)).with_columns(
        pl.Series("head", [w[4] for w in words], dtype=pl.Int32),
        pl.Series("deprel", [w[5] for w in words]).cast(tok.SCHEMA["deprel"]))


def test_the_gsd_conventions() -> None:
    from corpusling.nlp.conventions import apply_conventions, decided_by

    part = "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass"
    tokens = sentence(
        ("Le", "le", "DET", "Definite=Def|Gender=Masc|Number=Sing|PronType=Art", 2, "det"),
        ("26", "26", "NUM", "NumType=Card", 6, "obl:mod"),
        ("deux", "deux", "NUM", "NumType=Card", 4, "nummod"),
        ("salariés", "salarié", "NOUN", "Gender=Masc|Number=Plur", 6, "nsubj"),
        ("ont", "avoir", "AUX", "Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin", 6, "aux:tense"),
        ("vendu", "vendre", "VERB", part, 0, "root"),
        ("son", "son", "DET", "Number=Sing|Poss=Yes", 8, "det"),
        ("bureau", "bureau", "NOUN", "Gender=Masc|Number=Sing", 6, "obj"),
        ("qui", "qui", "PRON", "PronType=Rel", 11, "nsubj:pass"),
        ("a", "avoir", "AUX", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", 11, "aux:tense"),
        ("été", "être", "AUX", "Tense=Past|VerbForm=Part", 12, "aux:pass"),
        ("vendu", "vendre", "VERB", part.replace("Pass", "Act"), 8, "acl:relcl"),
    )
    checked = apply_conventions(tokens)
    feats = checked["feats"].to_list()
    assert feats[1] == "Number=Sing"  # the day of a date
    assert feats[2] == "Number=Plur" and checked["number"][2] == "Plur"
    assert feats[5] == part.replace("Pass", "Act")  # "ont vendu"
    assert feats[6] == "Number=Sing|Poss=Yes|PronType=Prs"
    assert feats[10] == "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part"
    assert feats[11] == part  # "a été vendu": passive
    assert checked.drop("feats", "number").equals(tokens.drop("feats", "number"))
    rules = decided_by(tokens).to_list()
    assert rules[1] == "day of a date" and rules[0] is None and rules[5] == "participle of a compound tense"


def test_models_evaluate_scores_each_step_from_one_parse() -> None:
    """The system output has the pipeline's checks (both by default); the steps are scored beside it."""
    from corpusling.nlp.evaluate import STEPS, evaluate, format_table

    sample = Path(__file__).resolve().parent / "data" / "fr_sequoia-ud-test-30.conllu"
    result = evaluate(sample, model="compact")
    assert result["checks"] == ["lexicon", "gsd"] and list(result["steps"]) == list(STEPS)
    assert result["steps"]["lexicon + gsd"]["UFeats"] == result["UFeats"]
    assert result["steps"]["lexicon + gsd"]["Mood=Cnd"] == result["Mood=Cnd"]
    assert result["steps"]["lexicon"]["LAS"] == result["LAS"]  # the checks never touch the tree
    without = evaluate(sample, model="compact", checks=())
    assert without["checks"] == []
    assert without["UFeats"] == without["steps"]["no check"]["UFeats"] == result["steps"]["no check"]["UFeats"]
    table = format_table([result])
    assert "| fr_sequoia-ud-test-30.conllu | lexicon + gsd |" in table
