"""The ground the reported-speech analysis stands on: its lexicons and the dependency tree read as tables.

``reported_cues.tsv`` and ``content_verbs.tsv`` (the French words of the analysis), the columns it reads from
the token table, and the tree helpers every step uses: a word's dependents, the words under a head, the
characters a set of words spans, the noun phrase of a head without its clauses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import polars as pl

from corpusling.lexicons import bundled_rows, cue_words
from corpusling.token_index import sentence_numbers

#: Branches of a noun phrase left out of a source ("X, professeur à…", "X qui…").
NP_EXCLUDED = ("acl", "acl:relcl", "parataxis", "advcl", "appos", "conj", "cc", "punct")


#: Branches left out of the noun phrase read for a name: its appositions and participles stay ("La première
#: ministre du Québec, Pauline Marois", "le président de l'Assemblée Claude Bartolone").
NP_NAME_EXCLUDED = ("acl:relcl", "parataxis", "advcl", "conj", "cc")


@cache
def reported_cues(kind: str) -> list[str]:
    """The words of one ``kind`` of ``lexicons/reported_cues.tsv``: ``complementizer``, ``finite_que``,
    ``question``, ``infinitive_mark``, ``according_to`` (the language data of this analysis)."""
    return cue_words("reported_cues.tsv", kind)


@cache
def content_verbs() -> pl.DataFrame:
    """``lexicons/content_verbs.tsv``: verbs that report a wish, fear, forecast, finding or request only
    through a content clause (``lemma``, ``complements``: a list of ``que``, ``de``, ``à``, ``si``, ``inf``;
    ``object``: whether an object may stand before the clause, "invite les Français à…"). A lemma of two words
    is a locution whose cue is its second verb after the first ("faire savoir que")."""
    rows = bundled_rows("content_verbs.tsv", ("lemma", "complements", "object"), ("notes",),
                        values={"object": ("yes", "no")})
    return pl.DataFrame({"lemma": [r["lemma"] for r in rows],
                         "_complements": [r["complements"].split() for r in rows],
                         "_object": [r["object"] == "yes" for r in rows]})


WORD = ["doc_id", "sent_id", "word_id"]


#: An infinitive: so tagged, or a verb without a verb form written as its lemma ("bouter", the tagger's
#: features missing).
INFINITIVE = ((pl.col("verbform") == "Inf")
               | (pl.col("upos").is_in(["VERB", "AUX"]) & pl.col("verbform").is_null()
                  & (pl.col("lower_form") == pl.col("lemma"))
                  & pl.col("lemma").str.contains("(?:er|ir|re)$")))


def words_of(tokens: pl.DataFrame) -> pl.DataFrame:
    """The columns the analysis reads, with ``doc_id`` as text, the lemma in lower case and the form in lower case
    too (``lower_form``, read by many rules: lower-cased once)."""
    return tokens.select(
        pl.col("doc_id").cast(pl.String), pl.col("par_id").cast(pl.Int64), pl.col("sent_id").cast(pl.Int64),
        pl.col("word_id").cast(pl.Int64), pl.col("head").cast(pl.Int64),
        pl.col("deprel").cast(pl.String), pl.col("upos").cast(pl.String),
        pl.col("lemma").cast(pl.String).str.to_lowercase(), pl.col("form").cast(pl.String),
        pl.col("feats").cast(pl.String), pl.col("verbform").cast(pl.String),
        pl.col("start_char").cast(pl.Int64), pl.col("end_char").cast(pl.Int64),
        pl.col("form").cast(pl.String).str.to_lowercase().alias("lower_form"))


def attach(frame: pl.DataFrame, table: pl.DataFrame, on: str | list[str] | None = None,
           left_on: str | list[str] | None = None, right_on: str | list[str] | None = None) -> pl.DataFrame:
    """``frame.join(table, …, how="left")``, the same rows in the same order, for a ``table`` much larger than
    ``frame`` (the words): the matches are found by an inner join, which hashes the smaller side where a left join
    hashes the whole table, and set back on the rows of ``frame``."""
    numbered = frame.with_row_index("_row")
    found = numbered.join(table, on=on, left_on=left_on, right_on=right_on)
    return numbered.join(found.drop(frame.columns), on="_row", how="left").drop("_row")


def having(frame: pl.DataFrame, keys: pl.DataFrame, on: str | list[str]) -> pl.DataFrame:
    """``frame.join(keys, on=on, how="semi")`` as a filter: the rows of ``frame`` whose ``on`` values are those of a
    row of ``keys``, in their order (on the words, a test of membership of the value, or of the values together,
    is several times faster than a semi join)."""
    columns = [on] if isinstance(on, str) else list(on)
    known = pl.all_horizontal([pl.col(c).is_not_null() for c in columns])
    if len(columns) == 1:
        return frame.filter(known & pl.col(columns[0]).is_in(keys.get_column(columns[0]).implode()))
    return frame.filter(known & pl.struct(columns).is_in(keys.select(pl.struct(columns)).to_series().implode()))


def in_word_order(words: pl.DataFrame) -> bool:
    """Whether each sentence's words are consecutive rows in the order of their numbers, as in a parsed corpus (the
    words k rows away are then the k-th next ones, without a sort)."""
    if words.height == 0:
        return True
    first = ((pl.col("doc_id") != pl.col("doc_id").shift()) | (pl.col("sent_id") != pl.col("sent_id").shift())
             ).fill_null(True)
    ascending, runs = words.select(
        (first | (pl.col("word_id") > pl.col("word_id").shift()).fill_null(False)).all().alias("ascending"),
        first.sum().alias("runs")).row(0)
    return ascending and runs == words.select("doc_id", "sent_id").n_unique()


def ordered_within(frame: pl.DataFrame, by: list[str], key: str) -> pl.DataFrame:
    """``frame`` ready for an as-of join on ``key`` by ``by`` (each group's rows in the order of ``key``, which the
    join reads): as it is when it already is (the words of a parsed corpus are in text order), else sorted. For a
    table whose rows of the same group and ``key`` agree on what the join reads, as the words of one multiword
    token agree on their span, their sentence, their paragraph and on being no punctuation mark: which of them
    the join finds is then all one."""
    if frame.height == 0:
        return frame
    first = pl.any_horizontal([pl.col(c) != pl.col(c).shift() for c in by]).fill_null(True)
    ascending, runs = frame.select((first | (pl.col(key) >= pl.col(key).shift())).fill_null(False).all().alias("a"),
                                   first.sum().alias("r")).row(0)
    if ascending and runs == frame.select(by).n_unique():
        return frame
    return frame.sort(*by, key)


def children(words: pl.DataFrame, parents: pl.DataFrame, relations: tuple[str, ...] | None = None,
              prefix: str = "child") -> pl.DataFrame:
    """``parents`` (with ``doc_id, sent_id, word_id``) joined to their dependents (columns ``{prefix}_…``)."""
    kids = words if relations is None else words.filter(pl.col("deprel").is_in(relations))
    renamed = kids.select("doc_id", "sent_id", pl.col("head").alias("word_id"),
                          *[pl.col(c).alias(f"{prefix}_{c}") for c in ("word_id", "deprel", "upos", "lemma", "form",
                                                                        "verbform", "start_char", "end_char")])
    return parents.join(renamed, on=WORD)


@dataclass(frozen=True)
class Tree:
    """The dependency trees of some sentences as tables keyed by one integer per word, so that going up or down
    a tree is a join on one column (a join on the document's name, the sentence and the word is several times
    slower). A word's key is its sentence's number (``_sn``, in :attr:`sentences`) times :attr:`span` plus its
    number less :attr:`low`; the keys of the words its ``head`` names are built the same way.

    * :attr:`sentences`: ``doc_id, sent_id, _sn``;
    * :attr:`words`: ``_key, deprel, upos, start_char, end_char`` of every word of these sentences;
    * :attr:`pairs`: ``_key, _anc, depth``: every (word, ancestor) pair, as
      :func:`corpusling.markers.attribution.ancestors` climbs them (the same depth limit), sorted by ancestor: the
      words under a word are one run of rows (:meth:`under`).
    """

    sentences: pl.DataFrame
    words: pl.DataFrame
    pairs: pl.DataFrame
    span: int
    low: int

    def key(self, word: pl.Expr) -> pl.Expr:
        """The key of the word ``word`` names in a frame with the sentence number ``_sn``."""
        return pl.col("_sn") * self.span + (word - self.low)

    def word_id(self, key: pl.Expr) -> pl.Expr:
        """The number in its sentence of the word of ``key``."""
        return key % self.span + self.low

    def keyed(self, frame: pl.DataFrame, word: str, name: str = "_key") -> pl.DataFrame:
        """``frame`` (with ``doc_id, sent_id``) plus ``name``, the key of its column ``word``; null outside the
        tree's sentences. Rows and their order are kept."""
        return (frame.join(self.sentences, on=["doc_id", "sent_id"], how="left")
                .with_columns(self.key(pl.col(word)).alias(name)).drop("_sn"))

    def under(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` (with ``_anc``, the key of a word) joined to the pairs of the words under that word (``_key,
        depth``): their run of rows found by a binary search, where a join would hash every pair."""
        frame = frame.filter(pl.col("_anc").is_not_null())
        ancestors = self.pairs["_anc"]
        rows = (frame.with_columns(pl.int_ranges(ancestors.search_sorted(frame["_anc"], side="left"),
                                                 ancestors.search_sorted(frame["_anc"], side="right")).alias("_p"))
                .explode("_p").drop_nulls("_p"))
        return rows.with_columns(self.pairs["_key"].gather(rows["_p"]), self.pairs["depth"].gather(rows["_p"])
                                 ).drop("_p")

    def ancestry(self, sentences: pl.DataFrame) -> pl.DataFrame:
        """``doc_id, sent_id, word_id, anc, depth``: the (word, ancestor) pairs of ``sentences``."""
        numbers = self.sentences.join(sentences.select("doc_id", "sent_id").unique(), on=["doc_id", "sent_id"],
                                      how="semi")
        return (self.pairs.with_columns((pl.col("_key") // self.span).alias("_sn")).join(numbers, on="_sn")
                .select("doc_id", "sent_id", self.word_id(pl.col("_key")).alias("word_id"),
                        self.word_id(pl.col("_anc")).alias("anc"), "depth"))


def dependency_tree(words: pl.DataFrame, sentences: pl.DataFrame | None = None) -> Tree:
    """The :class:`Tree` of the words of ``words`` (the columns of :func:`words_of`) with a head, in ``sentences``
    (``doc_id, sent_id``) or all of them."""
    from corpusling.markers.attribution import _MAX_DEPTH

    nodes = (words.select("doc_id", "sent_id", "word_id", "head", "deprel", "upos", "start_char", "end_char")
             .filter(pl.col("head").is_not_null()))
    if sentences is not None:
        nodes = having(nodes, sentences, ["doc_id", "sent_id"])
    numbers = sentence_numbers(nodes)
    bounds = nodes.select(pl.min_horizontal(pl.col("word_id").min(), pl.col("head").min(), 0).alias("low"),
                          pl.max_horizontal(pl.col("word_id").max(), pl.col("head").max(), 0).alias("high")).row(0)
    low, span = bounds[0], bounds[1] - bounds[0] + 1
    if numbers.height * span >= 2**62:
        raise ValueError(f"word numbers from {bounds[0]} to {bounds[1]}: too far apart to key the trees")
    tree = Tree(numbers, pl.DataFrame(), pl.DataFrame(), span, low)
    nodes = nodes.join(numbers, on=["doc_id", "sent_id"], how="left")
    # a word and the key of its head, for the words that have one
    up = nodes.filter(pl.col("head") > 0).select(tree.key(pl.col("word_id")).alias("_key"),
                                                  tree.key(pl.col("head")).alias("_next"))
    step = up.select("_key", pl.col("_next").alias("_anc"), pl.lit(1, pl.Int64).alias("depth"))
    parts = [step]
    # (each level's heads found by a binary search in the words' keys, sorted once: a join would hash every word
    # again at each level, however few climb on)
    table = up.drop_nulls("_key").sort("_key")
    keys, above = table["_key"], table["_next"]
    distinct = bool((keys.diff().drop_nulls() > 0).all())
    for _ in range(_MAX_DEPTH):
        if distinct and keys.len():
            at = keys.search_sorted(step["_anc"], side="left")
            found = (at < keys.len()) & (keys.gather(at.clip(upper_bound=keys.len() - 1)) == step["_anc"])
            step = step.filter(found).with_columns(above.gather(at.filter(found)).alias("_anc"), pl.col("depth") + 1)
        else:  # (a word twice in the table: every match, as a join gives them)
            step = (step.join(up, left_on="_anc", right_on="_key")
                    .select("_key", pl.col("_next").alias("_anc"), pl.col("depth") + 1))
        if step.height == 0:
            break
        parts.append(step)
    return Tree(numbers, nodes.select(tree.key(pl.col("word_id")).alias("_key"), "deprel", "upos", "start_char",
                                      "end_char"), pl.concat(parts).sort("_anc"), span, low)


def word_spans(members: pl.DataFrame, tree: Tree) -> pl.DataFrame:
    """``_item, start_char, end_char`` of the words of each item (``_item, doc_id, sent_id, word_id``, in the
    tree's sentences), punctuation at either edge left out."""
    return _key_spans(tree.keyed(members.select("_item", "doc_id", "sent_id", "word_id"), "word_id"), tree)


def _key_spans(members: pl.DataFrame, tree: Tree) -> pl.DataFrame:
    """``_item, start_char, end_char`` of the words of each item (``_item, _key``), punctuation left out."""
    located = members.join(tree.words.select("_key", "start_char", "end_char", "upos"), on="_key")
    kept = located.filter(pl.col("upos") != "PUNCT")
    return kept.group_by("_item").agg(pl.col("start_char").min(), pl.col("end_char").max())


def subtrees(heads: pl.DataFrame, tree: Tree) -> pl.DataFrame:
    """``_item, doc_id, sent_id, word_id``: every word under each item's ``head`` (the head included)."""
    below = (tree.under(tree.keyed(heads.select("_item", "doc_id", "sent_id", "head"), "head", "_anc"))
             .select("_item", "doc_id", "sent_id", tree.word_id(pl.col("_key")).alias("word_id")))
    return pl.concat([heads.select("_item", "doc_id", "sent_id", pl.col("head").alias("word_id")), below])


def noun_phrases(heads: pl.DataFrame, tree: Tree, excluded: tuple[str, ...] = NP_EXCLUDED) -> pl.DataFrame:
    """``_item, source_start, source_end`` of the noun phrase of each item's ``head`` (in the tree's sentences)
    without the branches ``excluded`` (by default its clauses, appositions and preposition: "Gilles-Éric
    Séralini, professeur à…" → "Gilles-Éric Séralini")."""
    head = tree.keyed(heads.select("_item", "doc_id", "sent_id", "head"), "head", "_anc").select("_item", "_anc")
    below = tree.under(head).join(tree.words.select("_key", pl.col("deprel").alias("_rel")), on="_key")
    # a word is out when any relation on its path up to the head is excluded: it lies under a word of the
    # phrase whose own relation is excluded (the words under those few, not every ancestor of every word)
    cut = below.filter(pl.col("_rel").is_in(excluded)).select("_item", pl.col("_key").alias("_anc"))
    path = tree.under(cut).select("_item", "_key").unique()
    inside = (below.filter(~pl.col("_rel").is_in(excluded)
                           & ~((pl.col("depth") == 1) & pl.col("_rel").is_in(["case", "mark"])))
              .join(path, on=["_item", "_key"], how="anti").select("_item", "_key"))
    members = pl.concat([head.select("_item", pl.col("_anc").alias("_key")), inside])
    return _key_spans(members, tree).rename({"start_char": "source_start", "end_char": "source_end"})
