"""One reader of lexicon files (``corpusling.lexicons.read_rows``): every bundled TSV goes through it, the
parsing layer's future stems included, and no module reads the lexicon folder by itself (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

import corpusling.lexicons as lexicons
from corpusling.errors import LexiconError
from corpusling.lexicons import HERE, INCISE_VERBS, entry_count, read_rows, reporting_verbs

PACKAGE = Path(lexicons.__file__).resolve().parent.parent

#: A module that finds the lexicon folder itself, to read or count a file there, instead of asking
#: ``corpusling.lexicons``.
_OWN_READER = re.compile(r"""resources\.files\(\s*["']corpusling\.lexicons["']\)|/\s*["']lexicons["']""")
def test_no_module_reads_the_lexicon_folder_by_itself() -> None:
    """One lexicon loader (issue 15): no module finds the lexicon folder on its own."""
    readers = {str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
               if path != Path(lexicons.__file__).resolve() and _OWN_READER.search(path.read_text(encoding="utf-8"))}
    assert not readers, sorted(readers)


def test_the_future_stems_come_through_the_loader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpusling.nlp import future_stem

    stems = future_stem.future_stems()
    assert ("avoir", "aur", "word", True) in stems
    assert [len(e[1]) for e in stems] == sorted((len(e[1]) for e in stems), reverse=True)
    assert future_stem.re_verb_stems()
    # a bad file of the bundled folder is refused with its line, as any lexicon is
    bad = tmp_path / "future_stems.tsv"
    bad.write_text("# irregular stems\ninfinitive\tfuture_stem\tscope\tform_alone\n"
                   "avoir\taur\tword\tyes\nvenir\tviendr\tsentence\tyes\n", encoding="utf-8")
    monkeypatch.setattr(lexicons, "HERE", tmp_path)
    future_stem.future_stems.cache_clear()
    try:
        with pytest.raises(LexiconError, match=r"line 4: scope 'sentence' is not one of word, ending"):
            future_stem.future_stems()
    finally:
        future_stem.future_stems.cache_clear()


def test_reported_speech_lexicons_come_through_the_loader() -> None:
    from corpusling.markers.reported import content_verbs, reported_cues

    assert "que" in reported_cues("complementizer")
    verbs = content_verbs()
    assert verbs.height == entry_count(HERE / "content_verbs.tsv")
    assert verbs["_object"].dtype == pl.Boolean and verbs["_object"].any()


def test_values_are_checked_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text("lemma\tobject\n\nsouhaiter\tno\n# a comment\nespérer\tperhaps\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"x\.tsv, line 5: object 'perhaps' is not one of yes, no"):
        read_rows(path, ("lemma", "object"), values={"object": ("yes", "no")})
    assert len(read_rows(path, ("lemma", "object"))) == 2


def test_cells_are_read_as_written_quotes_included(tmp_path: Path) -> None:
    """A note that starts with a quotation mark keeps it (csv.DictReader took it for CSV quoting)."""
    path = tmp_path / "x.tsv"
    path.write_text('kind\tcue\tnote\ncomplementizer\tcomme\t"X décrit comme …" (content)\n', encoding="utf-8")
    assert read_rows(path, ("kind", "cue"), ("note",))[0]["note"] == '"X décrit comme …" (content)'


def test_reporting_verbs_as_the_attribution_reads_them() -> None:
    from corpusling.markers.attribution import load_reporting_verbs

    mine, theirs = reporting_verbs(), load_reporting_verbs()
    assert mine.columns == ["lemma", "type", "use", "notes"]
    assert mine.select("lemma", "type").equals(theirs.select("lemma", "type"))
    assert mine["use"].to_list() == [u or "any" for u in theirs["use"].to_list()]
    incise = reporting_verbs(INCISE_VERBS)
    assert incise.height == entry_count(INCISE_VERBS) and set(incise["use"]) == {"any"}


def test_a_bad_reporting_verb_file_names_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "verbs.tsv"
    path.write_text("verb\ttype\nsay\tx\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="lacks column 'lemma'"):
        reporting_verbs(path)


def test_entry_count_leaves_out_comments_before_the_header() -> None:
    for path in sorted(HERE.glob("*.tsv")):
        header = next(line for line in path.read_text(encoding="utf-8").splitlines()
                      if line.strip() and not line.startswith("#"))
        columns = tuple(header.split("\t"))
        assert entry_count(path) == len(read_rows(path, (), columns)), path.name


def test_weights_files_are_read_and_checked_by_one_reader(tmp_path: Path) -> None:
    """The learned models' weights (conditional classes, quotation kinds, speaker ranker) share one checked reader."""
    from corpusling.lexicons import INTERCEPT, read_weights

    path = tmp_path / "weights.tsv"
    path.write_text("feature\ta\tb\n(intercept)\t0.5\t-0.5\nword\t1\t2\n", encoding="utf-8")
    assert read_weights(path) == (("a", "b"), {INTERCEPT: {"a": 0.5, "b": -0.5}, "word": {"a": 1.0, "b": 2.0}})
    for text, message in (("weight\ta\n(intercept)\t1\n", "header"),
                          ("feature\ta\tb\n(intercept)\t1\n", "1 weights"),
                          ("feature\ta\n(intercept)\tx\n", "not a number"),
                          ("feature\ta\nword\t1\n", "no \\(intercept\\)"),
                          ("feature\n(intercept)\n", "no class"),
                          ("feature\ta\n(intercept)\t1\n(intercept)\t2\n", "given twice")):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(LexiconError, match=message):
            read_weights(path)
    path.write_text("feature\ta\nword\t1\n", encoding="utf-8")
    assert read_weights(path, intercept=False) == (("a",), {"word": {"a": 1.0}})
