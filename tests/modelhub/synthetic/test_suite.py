"""The held-out suite file: its builder makes it byte for byte, and none of it is trainable."""

from collections import Counter

import pytest

from modelhub.synthetic import suite
from modelhub.synthetic.captions import all_captions
from modelhub.synthetic.scenes import HELD_OUT_PAIRS, Truth, held_out_combo, in_training


@pytest.fixture(scope="module")
def records():
    return suite.load_suite()


def test_file_matches_the_seed_0_build():
    assert suite.check(suite.SUITE_PATH, suite.DEFAULT_SEED) == []
    assert suite.render_jsonl(suite.build_records(1)) != suite.SUITE_PATH.read_bytes()


def test_size_categories_and_distinct_texts(records):
    assert len(records) >= 5000
    assert Counter(r["category"] for r in records) == {
        "synthetic/single": 1000,
        "synthetic/count": 500,
        "synthetic/relation": 3500,
    }
    assert len({r["text"] for r in records}) == len(records)
    assert len({r["id"] for r in records}) == len(records)


def test_every_prompt_is_held_out_from_training(records):
    for record in records:
        truth = Truth.from_dict(record["truth"])
        assert not in_training(truth), record["text"]
        assert record["text"] in all_captions(truth)
        if truth.kind == "relation":
            pairs = [t.pair for t in truth.things]
            assert not set(pairs) & HELD_OUT_PAIRS
            assert held_out_combo(*pairs)
        else:
            assert truth.things[0].pair in HELD_OUT_PAIRS


def test_the_arena_reads_it_with_the_truth_as_metadata():
    from arena.prompt_files import split_jsonl, validate_rows

    content = suite.SUITE_PATH.read_text()
    rows = validate_rows(split_jsonl(content, str(suite.SUITE_PATH)), str(suite.SUITE_PATH))
    assert len(rows) == 5000
    first = rows[0]
    assert first.language == "en" and first.category.startswith("synthetic/")
    assert Truth.from_dict(first.metadata["truth"]).kind == "single"
    assert first.metadata["split"] == "unseen-pair"
