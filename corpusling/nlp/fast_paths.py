"""Stanza's own steps with less Python around its networks: the same analyses, sooner.

Profiled on 30 Wikinews articles with one thread (py-spy; benchmarks/README.md, "Parsing speed"), about
40 % of parsing time was Python around the networks. Five places are changed here, each giving exactly
what Stanza gives, because the networks see the same inputs in the same batches:

- **Multi-word tokens** ("du" → "de le"): Stanza runs its character seq2seq (a beam search in Python) on
  every multi-word token, then keeps the dictionary's expansion wherever the dictionary has one. When the
  dictionary has them all (French press text: "du", "des", "au", "aux" and their capitals), the seq2seq's
  answers are all thrown away, so it is not run; otherwise Stanza's step runs unchanged.
- **Lemmas of words the dictionary lacks**: Stanza's greedy seq2seq decoding reads each word's next
  character out of the network with three tensor look-ups per word and step; here one ``tolist()`` per step
  reads them all. The tensors computed are the same.
- **Dependency labels**: Stanza's parser also turns every label score of every possible arc into
  log-probabilities (sentences × words × words × labels) for a repair of head constraints; with that
  repair off (``resolve_head_constraints``, off in the compact model's configuration) nothing reads them,
  so they are not computed. The heads' scores and each arc's best label are computed as Stanza does.
- **Padded id tensors**: Stanza's ``get_long_tensor`` fills a padded tensor one row at a time, a small
  tensor per word for the character ids; here one numpy array is filled at once and handed to torch. Same
  shape, same integers.
- **Feature strings** (``Gender=Fem|Number=Sing``): the tagger's and parser's vocabularies turn feature
  ids into strings and back with Python loops per word; the answers are kept (a vocabulary is fixed once
  the model is loaded), so each distinct feature bundle is spelt once per process.

The code mirrors Stanza 1.15 (Apache-2.0), read for its order of operations; :func:`install` patches only
that version (another version parses as Stanza does, without these shortcuts). Tested identical token
tables on Wikinews with and without (``tests/test_parse_speed.py``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import version
from itertools import chain
from typing import Any

#: The Stanza version whose code these functions mirror.
STANZA_VERSION = "1.15.0"

#: Stanza's modules that pad id lists with ``get_long_tensor`` in the processors corpusling runs.
_PADDING_USERS = ("stanza.models.pos.data", "stanza.models.depparse.data", "stanza.models.lemma.data",
                  "stanza.models.mwt.data", "stanza.models.common.char_model")


def _greedy_decode(self: Any, src: Any, src_mask: Any, pos: Any = None, raw: Any = None,
                   never_decode_unk: bool = False) -> tuple[list[list[int]], Any]:
    """``Seq2SeqModel.predict_greedy``: the same network calls; each step's characters read in one go."""
    from stanza.models.common import seq2seq_constant as constant

    enc_inputs, batch_size, src_lens, src_mask = self.embed(src, src_mask, pos, raw)
    h_in, (hn, cn) = self.encode(enc_inputs, src_lens)
    edit_logits = self.edit_clf(hn) if self.edit else None
    dec_inputs = self.embedding(self.SOS_tensor)
    dec_inputs = dec_inputs.expand(batch_size, dec_inputs.size(0), dec_inputs.size(1))
    done = [False] * batch_size
    total_done = 0
    max_len = 0
    output_seqs: list[list[int]] = [[] for _ in range(batch_size)]
    while total_done < batch_size and max_len < self.max_dec_len:
        log_probs, (hn, cn) = self.decode(dec_inputs, hn, cn, h_in, src_mask, src=src,
                                          never_decode_unk=never_decode_unk)
        assert log_probs.size(1) == 1, "Output must have 1-step of output."
        _, preds = log_probs.squeeze(1).max(1, keepdim=True)
        dec_inputs = preds.clone()
        dec_inputs[dec_inputs >= self.vocab_size] = constant.UNK_ID  # a copied unknown character
        dec_inputs = self.embedding(dec_inputs)
        max_len += 1
        for i, token in enumerate(preds[:, 0].tolist()):
            if not done[i]:
                if token == constant.EOS_ID:
                    done[i] = True
                    total_done += 1
                else:
                    output_seqs[i].append(token)
    return output_seqs, edit_logits


def _expand_multiword_tokens(self: Any, document: Any) -> Any:
    """``MWTProcessor.process``, without the seq2seq when the dictionary expands every token."""
    import torch

    batch = self.build_batch(document)
    expansions = batch.doc.get_mwt_expansions(evaluation=True)
    if len(batch) > 0:
        if self.config["dict_only"]:
            preds = self.trainer.predict_dict(expansions)
        elif (self.config.get("ensemble_dict", False)
              and all(self.trainer.dict_expansion(token) is not None for token in expansions)):
            preds = self.trainer.ensemble(expansions, [None] * len(expansions))  # every answer is the dictionary's
        else:
            with torch.no_grad():
                preds = []
                for b in batch.to_loader():
                    preds += self.trainer.predict(b, never_decode_unk=True, vocab=batch.vocab)
            if self.config.get("ensemble_dict", False):
                preds = self.trainer.ensemble(expansions, preds)
    else:
        preds = []
    batch.doc.set_mwt_expansions(preds, process_manual_expanded=False)
    return batch.doc


def _parse_batch(self: Any, word: Any, word_mask: Any, wordchars: Any, wordchars_mask: Any, upos: Any, xpos: Any,
                 ufeats: Any, pretrained: Any, lemma: Any, head: Any, deprel: Any, word_orig_idx: Any,
                 sentlens: Any, wordlens: Any, text: Any, resolve_head_constraints: bool = False) -> Any:
    """``GraphParser.predict`` without the label log-probabilities that only the head-constraint repair reads."""
    if resolve_head_constraints or self.training:
        return _parse_batch.__wrapped__(self, word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats,
                                        pretrained, lemma, head, deprel, word_orig_idx, sentlens, wordlens, text,
                                        resolve_head_constraints=resolve_head_constraints)
    import torch.nn.functional as F
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE

    unlabeled_scores, deprel_scores, _, _, _ = self.forward_scores(
        word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats, pretrained, lemma, head, deprel,
        word_orig_idx, sentlens, wordlens, text)
    preds = [F.log_softmax(unlabeled_scores, 2).detach().cpu().numpy(),
             deprel_scores.max(3)[1].detach().cpu().numpy() + VOCAB_PREFIX_SIZE,
             None]  # the label log-probabilities: read by the repair alone
    return self.decode_graph_predictions(self.vocab["deprel"], word.size(0), preds, sentlens,
                                         resolve_head_constraints=False)


def _padded_ids(tokens_list: Any, batch_size: int, pad_id: int = 0) -> Any:
    """``stanza.models.common.data.get_long_tensor`` for rows of ids, filled in one numpy step."""
    import numpy as np
    import torch
    from stanza.models.common.data import get_long_tensor as stanzas  # never replaced in its own module

    if not tokens_list or not isinstance(tokens_list[0], list) or any(
            not isinstance(row, list) or (row and not isinstance(row[0], int)) for row in tokens_list):
        return stanzas(tokens_list, batch_size, pad_id)  # deeper nesting: Stanza's loop
    lengths = np.fromiter((len(row) for row in tokens_list), dtype=np.int64, count=len(tokens_list))
    width = int(lengths.max())
    if width == 0:
        return stanzas(tokens_list, batch_size, pad_id)
    ids = np.full((batch_size, width), pad_id, dtype=np.int64)
    ids[: len(tokens_list)][np.arange(width) < lengths[:, None]] = np.fromiter(
        chain.from_iterable(tokens_list), dtype=np.int64, count=int(lengths.sum()))
    return torch.from_numpy(ids)


def _remember_spellings(vocab: Any) -> None:
    """Keep a composite vocabulary's id → string and string → ids answers (on this one vocabulary)."""
    if getattr(vocab, "_corpusling_remembers", False):
        return
    id2unit: Callable[[Any], Any] = vocab.id2unit
    unit2id: Callable[[Any], Any] = vocab.unit2id
    spelt: dict[Any, Any] = {}
    read: dict[Any, list[int]] = {}

    def remembered_id2unit(ids: Any) -> Any:
        key = tuple(ids) if isinstance(ids, list) else ids
        try:
            return spelt[key]
        except (KeyError, TypeError):
            unit = id2unit(ids)
            if isinstance(unit, str):  # a list answer (a vocabulary without separator) is not kept
                try:
                    spelt[key] = unit
                except TypeError:
                    pass
            return unit

    def remembered_unit2id(unit: Any) -> list[int]:
        try:
            return list(read[unit])
        except (KeyError, TypeError):
            ids = unit2id(unit)
            try:
                read[unit] = list(ids)
            except TypeError:
                pass
            return ids

    vocab.id2unit = remembered_id2unit
    vocab.unit2id = remembered_unit2id
    vocab._corpusling_remembers = True


def install(pipeline: Any) -> bool:
    """Use the shortcuts above in ``pipeline`` (a loaded ``stanza.Pipeline``); False under another Stanza."""
    if version("stanza") != STANZA_VERSION:
        return False
    from stanza.models.common.seq2seq_model import Seq2SeqModel
    from stanza.models.common.vocab import CompositeVocab
    from stanza.models.depparse.model import GraphParser
    from stanza.pipeline.mwt_processor import MWTProcessor

    for module in _PADDING_USERS:
        importlib.import_module(module).get_long_tensor = _padded_ids
    if not hasattr(GraphParser.predict, "__wrapped__"):
        _parse_batch.__wrapped__ = GraphParser.predict  # type: ignore[attr-defined]
        GraphParser.predict = _parse_batch
    if not hasattr(Seq2SeqModel.predict_greedy, "__wrapped__"):
        _greedy_decode.__wrapped__ = Seq2SeqModel.predict_greedy  # type: ignore[attr-defined]
        Seq2SeqModel.predict_greedy = _greedy_decode
    if not hasattr(MWTProcessor.process, "__wrapped__"):
        _expand_multiword_tokens.__wrapped__ = MWTProcessor.process  # type: ignore[attr-defined]
        MWTProcessor.process = _expand_multiword_tokens
    for processor in pipeline.processors.values():
        vocabs = getattr(getattr(getattr(processor, "trainer", None), "vocab", None), "_vocabs", {})
        for vocab in vocabs.values():
            if isinstance(vocab, CompositeVocab):
                _remember_spellings(vocab)
    return True


def uninstall(pipeline: Any) -> None:
    """Stanza's own steps again (for comparisons: benchmarks/ab_parse.py, tests/test_parse_speed.py)."""
    from stanza.models.common import data
    from stanza.models.common.seq2seq_model import Seq2SeqModel
    from stanza.models.depparse.model import GraphParser
    from stanza.pipeline.mwt_processor import MWTProcessor

    for module in _PADDING_USERS:
        module_object = importlib.import_module(module)
        if module_object.get_long_tensor is _padded_ids:
            module_object.get_long_tensor = data.get_long_tensor
    for owner, name in ((Seq2SeqModel, "predict_greedy"), (MWTProcessor, "process"), (GraphParser, "predict")):
        method = getattr(owner, name)
        if hasattr(method, "__wrapped__"):
            setattr(owner, name, method.__wrapped__)
    for processor in pipeline.processors.values():
        vocabs = getattr(getattr(getattr(processor, "trainer", None), "vocab", None), "_vocabs", {})
        for vocab in vocabs.values():
            if getattr(vocab, "_corpusling_remembers", False):
                del vocab.id2unit, vocab.unit2id, vocab._corpusling_remembers
