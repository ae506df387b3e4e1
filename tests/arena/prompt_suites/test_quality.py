"""quality.py: tokens, Jaccard, the exact all-pairs search checked against brute force."""

import itertools
import random

import pytest

from arena.prompt_suites import quality


def brute_force_pairs(token_sets):
    """Every pair with its Jaccard, by the definition, no shortcuts."""
    out = []
    for i, j in itertools.combinations(range(len(token_sets)), 2):
        a, b = token_sets[i], token_sets[j]
        union = len(a | b)
        out.append((len(a & b) / union if union else 1.0, i, j))
    return out


def test_normalize_lowercases_and_drops_punctuation_in_both_scripts():
    assert quality.normalize('A  "Red" Fox, in SNOW!') == "a red fox in snow"
    assert quality.normalize("“你好”，世界。") == "你好 世界"
    assert quality.normalize("ＡＢＣ１２３") == "abc123"  # NFKC folds full-width forms


def test_tokens_are_words_for_english_and_character_bigrams_for_chinese():
    assert quality.tokens("A red fox, a red hat") == {"a", "red", "fox", "hat"}
    assert quality.tokens("一只橘猫") == {"一只", "只橘", "橘猫"}
    assert quality.tokens("福") == {"福"}
    assert quality.tokens("出口 EXIT，小心") == {"出口", "exit", "小心"}
    assert quality.tokens("写着“OPEN”的牌子") == {"写着", "open", "的牌", "牌子"}


def test_units_and_lengths():
    assert quality.units("Hello, big world") == ["hello", "big", "world"]
    assert quality.units("一只猫 cat") == ["一", "只", "猫", "cat"]
    assert quality.length("Three red apples.", "en") == 3
    assert quality.length("三个苹果，一个梨。", "zh") == 7


def test_jaccard_values():
    assert quality.jaccard(frozenset("ab"), frozenset("ab")) == 1.0
    assert quality.jaccard(frozenset("ab"), frozenset("bc")) == 1 / 3
    assert quality.jaccard(frozenset(), frozenset("a")) == 0.0
    assert quality.jaccard(frozenset(), frozenset()) == 1.0


def test_one_swapped_word_scores_above_the_threshold_and_a_shared_frame_below():
    a = quality.tokens("A red fox curled up asleep in fresh snow under pine trees at dawn")
    b = quality.tokens("A red fox curled up asleep in deep snow under pine trees at dawn")
    c = quality.tokens("A grey heron standing still in the shallows at dawn, soft light")
    assert quality.jaccard(a, b) > quality.NEAR_DUPLICATE_THRESHOLD
    assert quality.jaccard(a, c) < 0.3


def test_max_pair_on_a_small_example():
    sets = [quality.tokens(t) for t in ("a b c d", "x y z", "a b c e", "a b")]
    assert quality.max_pair(sets) == (3 / 5, 0, 2)
    assert quality.max_pair([]) == (0.0, -1, -1)
    assert quality.max_pair([frozenset({"a"}), frozenset({"b"})]) == (0.0, -1, -1)


def test_fast_search_matches_brute_force_on_a_sample_with_planted_near_duplicates(records):
    rng = random.Random(2024)
    sample = rng.sample(records, 600)
    texts = [r["text"] for r in sample]
    # Plant near-duplicates: copies with one word (English) or one character (Chinese) changed.
    for r in rng.sample(sample, 25):
        if r["language"] == "en":
            words = r["text"].split()
            k = rng.randrange(len(words))
            words[k] = "zebra" if words[k] != "zebra" else "lion"
            texts.append(" ".join(words))
        else:
            k = rng.randrange(len(r["text"]))
            texts.append(r["text"][:k] + "鲸" + r["text"][k + 1 :])
    sets = [quality.tokens(t) for t in texts]
    brute = brute_force_pairs(sets)
    best = max(brute, key=lambda p: (p[0], -p[1], -p[2]))
    assert quality.max_pair(sets) == best
    for threshold in (0.3, 0.5, quality.NEAR_DUPLICATE_THRESHOLD):
        expected = sorted(
            (p for p in brute if p[0] >= threshold), key=lambda p: (-p[0], p[1], p[2])
        )
        assert quality.similar_pairs(sets, threshold) == expected
    planted = {(i, j) for s, i, j in quality.similar_pairs(sets, 0.7) if j >= 600}
    assert len(planted) >= 20  # most one-word edits are caught above 0.7


def test_distinct_bigram_ratio():
    assert quality.distinct_bigram_ratio(["a b c", "a b d"]) == 3 / 4
    assert quality.distinct_bigram_ratio(["猫猫猫"]) == 1 / 2
    assert quality.distinct_bigram_ratio([]) == 0.0


def test_nearest_rank_percentiles():
    values = list(range(1, 101))
    assert [quality.nearest_rank(values, p) for p in (5, 50, 95, 100)] == [5, 50, 95, 100]
    assert quality.nearest_rank([7], 5) == 7


def test_expected_lines_in_text():
    ok = {"text": 'A card with "Happy" above "Birthday"', "expected_text": "Happy\nBirthday"}
    swapped = {"text": 'A card with "Birthday" above "Happy"', "expected_text": "Happy\nBirthday"}
    assert quality.expected_lines_in_text(ok)
    assert not quality.expected_lines_in_text(swapped)
    assert not quality.expected_lines_in_text({"text": "x"})


def test_load_jsonl_names_the_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:2"):
        quality.load_jsonl(path)


def test_report_and_command_line(records, capsys):
    rep = quality.report(records)
    assert rep["count"] == 5000
    assert rep["languages"] == {"en": 3500, "zh": 1500}
    assert rep["pairs_at_or_above_threshold"] == 0 and rep["exact_duplicates"] == 0
    assert sum(rep["leaves"].values()) == 5000 and sum(rep["difficulty"].values()) == 5000
    assert 0 < rep["distinct_bigram_ratio"]["en"] < 1
    from arena.prompt_suites.build import SUITE_PATH

    assert quality.main([str(SUITE_PATH)]) == 0
    out = capsys.readouterr().out
    assert "largest pairwise Jaccard" in out and "text_rendering/zh/couplet" in out
