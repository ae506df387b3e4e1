"""Preference export round trip: votes in, Parquet out, read back with datasets and pyarrow."""

import io
import random
from io import StringIO

import pyarrow.parquet as pq
import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import Image as PILImage

from arena.export import rater_hash, split_of
from arena.models import Rater, Vote
from arena.services import battle_serve, vote_cast
from generation.models import Image
from tests.factories import make_arena

pytestmark = pytest.mark.django_db

EXPECTED_LABELS = {
    "left": (1.0, 0.0),
    "right": (0.0, 1.0),
    "tie": (0.5, 0.5),
    "both_bad": (0.5, 0.5),
}


def cast_votes(*, raters: int, per_rater: int, seed: int = 0) -> list[Vote]:
    rng = random.Random(seed)
    for _ in range(raters):
        rater = Rater.objects.create()
        for _ in range(per_rater):
            battle = battle_serve(rater=rater, rng=rng).battle
            vote_cast(
                rater=rater,
                battle_public_id=battle.public_id,
                choice=rng.choice(Vote.Choice.values),
            )
    return list(
        Vote.objects.select_related("battle", "prompt", "left_contestant", "right_contestant")
    )


def export(out, *args) -> str:
    stdout = StringIO()
    call_command("export_preferences", "--out", str(out), *args, stdout=stdout, verbosity=0)
    return stdout.getvalue()


def stored_pixels(image_id: int) -> bytes:
    with default_storage.open(Image.objects.get(pk=image_id).file.name, "rb") as handle:
        return PILImage.open(handle).convert("RGB").tobytes()


def test_pickapic_export_round_trips_through_datasets(tmp_path):
    from datasets import load_dataset

    make_arena(prompts=10, contestants=3)
    votes = {vote.battle.public_id: vote for vote in cast_votes(raters=4, per_rater=5)}
    export(tmp_path / "out", "--validation", "0.3", "--seed", "7")
    data = load_dataset("parquet", data_dir=str(tmp_path / "out"))
    assert set(data) == {"train", "validation"}
    assert data["train"].num_rows + data["validation"].num_rows == len(votes) == 20
    prompts_by_split = {split: set(data[split]["prompt_id"]) for split in data}
    assert prompts_by_split["train"].isdisjoint(prompts_by_split["validation"])
    for split in data:
        for row in data[split]:
            vote = votes[row["battle_id"]]
            assert (row["label_0"], row["label_1"]) == EXPECTED_LABELS[vote.choice]
            assert row["vote"] == vote.choice
            assert (row["model_0"], row["model_1"]) == (
                vote.left_contestant.name,
                vote.right_contestant.name,
            )
            assert row["caption"] == vote.prompt.text
            assert row["image_0_id"] == vote.battle.left_image_id
            assert (row["side_0"], row["side_1"]) == ("left", "right")
            assert row["latency_ms"] == vote.latency_ms
            assert row["rater_hash"] == rater_hash(vote.rater_id, "")
            assert row["steps_0"] == 20 and row["guidance_0"] == 4.0
            assert row["resolution_0"] == "96x64"
            for column, image_id in (("jpg_0", row["image_0_id"]), ("jpg_1", row["image_1_id"])):
                decoded = PILImage.open(io.BytesIO(row[column])).convert("RGB").tobytes()
                assert decoded == stored_pixels(image_id)
            assert split == split_of(
                f"{vote.prompt.suite_id}:{row['prompt_id']}", fraction=0.3, seed=7
            )
    card = (tmp_path / "out" / "README.md").read_text()
    assert "| train |" in card and "| validation |" in card
    # pyarrow reads the same shards directly.
    table = pq.read_table(tmp_path / "out" / "train")
    assert table.num_rows == data["train"].num_rows
    assert table.schema.field("jpg_0").type == "binary"
    # Few, large row groups: Parquet keeps every row group's metadata in memory until closed.
    shards = list((tmp_path / "out" / "train").glob("*.parquet"))
    assert [pq.ParquetFile(f).num_row_groups for f in shards] == [1]


def test_trl_format_has_chosen_and_rejected_and_no_ties(tmp_path):
    from datasets import load_dataset

    make_arena(prompts=8, contestants=2)
    votes = {vote.battle.public_id: vote for vote in cast_votes(raters=4, per_rater=4, seed=1)}
    decisive = {k: v for k, v in votes.items() if v.choice in ("left", "right")}
    assert 0 < len(decisive) < len(votes)
    export(tmp_path / "trl", "--format", "trl")
    data = load_dataset("parquet", data_dir=str(tmp_path / "trl"))["train"]
    assert data.num_rows == len(decisive)
    for row in data:
        vote = decisive[row["battle_id"]]
        winner = vote.battle.left_image_id if vote.choice == "left" else vote.battle.right_image_id
        loser = vote.battle.right_image_id if vote.choice == "left" else vote.battle.left_image_id
        assert (row["chosen_image_id"], row["rejected_image_id"]) == (winner, loser)
        assert PILImage.open(io.BytesIO(row["chosen"])).convert("RGB").tobytes() == stored_pixels(
            winner
        )
        assert row["prompt"] == vote.prompt.text
        assert row["chosen_side"] == vote.choice


def test_filters(tmp_path):
    arena = make_arena(prompts=10, contestants=3)
    arena.prompts[0].language = "zh"
    arena.prompts[0].save()
    votes = cast_votes(raters=5, per_rater=4, seed=2)
    keep = {c.name for c in arena.contestants[:2]}
    export(tmp_path / "a", "--contestants", ",".join(sorted(keep)), "--drop-ties")
    table = pq.read_table(tmp_path / "a" / "train") if (tmp_path / "a" / "train").exists() else None
    expected = [
        v
        for v in votes
        if {v.left_contestant.name, v.right_contestant.name} <= keep
        and v.choice in ("left", "right")
    ]
    assert (table.num_rows if table is not None else 0) == len(expected)
    if table is not None:
        assert set(table.column("vote").to_pylist()) <= {"left", "right"}
    export(tmp_path / "b", "--languages", "en", "--categories", "composition")
    assert pq.read_table(tmp_path / "b" / "train").num_rows == sum(
        v.prompt.language == "en" for v in votes
    )
    export(tmp_path / "c", "--categories", "general")
    assert not (tmp_path / "c" / "train").exists()
    export(tmp_path / "d", "--suites", "test-suite")
    assert pq.read_table(tmp_path / "d" / "train").num_rows == len(votes)
    export(tmp_path / "e", "--suites", "other-suite")
    assert not (tmp_path / "e" / "train").exists()


def test_min_votes_per_rater(tmp_path):
    make_arena(prompts=10, contestants=3)
    cast_votes(raters=2, per_rater=5, seed=3)
    few = Rater.objects.create()
    battle = battle_serve(rater=few).battle
    vote_cast(rater=few, battle_public_id=battle.public_id, choice="left")
    export(tmp_path / "out", "--min-votes-per-rater", "3")
    table = pq.read_table(tmp_path / "out" / "train")
    assert table.num_rows == 10
    assert rater_hash(few.pk, "") not in set(table.column("rater_hash").to_pylist())


def test_refuses_a_folder_with_an_export_and_bad_dates(tmp_path):
    make_arena(prompts=2, contestants=2)
    cast_votes(raters=1, per_rater=1)
    export(tmp_path / "out")
    with pytest.raises(CommandError, match="already holds an export"):
        export(tmp_path / "out")
    with pytest.raises(CommandError, match="not an ISO date"):
        export(tmp_path / "other", "--since", "yesterday")


def test_shards_roll_over_at_their_size(tmp_path):
    make_arena(prompts=12, contestants=3)
    cast_votes(raters=6, per_rater=5, seed=4)
    from arena.export import ExportOptions, export_preferences

    options = ExportOptions(
        out=tmp_path / "s", shard_megabytes=0, row_group_megabytes=0, batch_rows=4
    )
    summary = export_preferences(options)
    files = sorted((tmp_path / "s" / "train").glob("*.parquet"))
    assert len(files) == summary.shards["train"] > 1
    assert sum(pq.read_metadata(f).num_rows for f in files) == 30
