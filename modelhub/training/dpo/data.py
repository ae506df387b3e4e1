"""Preference pairs from the arena's Parquet export, read as a stream.

Reads either layout ``export_preferences`` writes: Pick-a-Pic columns (``caption``, ``jpg_0``,
``jpg_1``, ``label_0``) or TRL's (``prompt``, ``chosen``, ``rejected``). Ties and both-bad votes
(labels 0.5/0.5) carry no preference and are dropped, and so are pairs whose two images are
identical: a DPO step on them only adds noise. Dropped rows are counted, never silently lost.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.dataset as ds

PICKAPIC_COLUMNS = ["caption", "jpg_0", "jpg_1", "label_0", "prompt_id", "battle_id"]
TRL_COLUMNS = ["prompt", "chosen", "rejected", "prompt_id", "battle_id"]


@dataclass(frozen=True)
class PreferencePair:
    prompt: str
    winner: bytes  # encoded image (PNG or JPEG)
    loser: bytes
    prompt_id: str = ""
    battle_id: str = ""


@dataclass
class PairCounts:
    kept: int = 0
    dropped: Counter = field(default_factory=Counter)


def split_folder(data_dir: Path, split: str) -> Path:
    folder = Path(data_dir) / split
    if not folder.is_dir() or not any(folder.glob("*.parquet")):
        raise FileNotFoundError(f"{folder}: no Parquet shards (is {data_dir} an arena export?)")
    return folder


def read_pairs(
    data_dir: Path, split: str = "train", *, counts: PairCounts | None = None, batch_rows: int = 256
) -> Iterator[PreferencePair]:
    """Decisive, non-identical pairs of one split, winner first, in file order."""
    counts = counts if counts is not None else PairCounts()
    dataset = ds.dataset(split_folder(data_dir, split), format="parquet")
    names = set(dataset.schema.names)
    trl = "chosen" in names
    columns = [c for c in (TRL_COLUMNS if trl else PICKAPIC_COLUMNS) if c in names]
    for batch in dataset.to_batches(columns=columns, batch_size=batch_rows):
        for row in batch.to_pylist():
            if trl:
                winner, loser, prompt = row["chosen"], row["rejected"], row["prompt"]
            else:
                label = row["label_0"]
                if label not in (0.0, 1.0):
                    counts.dropped["tie or both bad"] += 1
                    continue
                first_won = label == 1.0
                winner, loser = (
                    (row["jpg_0"], row["jpg_1"]) if first_won else (row["jpg_1"], row["jpg_0"])
                )
                prompt = row["caption"]
            if winner == loser:
                counts.dropped["identical images"] += 1
                continue
            counts.kept += 1
            yield PreferencePair(
                prompt=prompt,
                winner=winner,
                loser=loser,
                prompt_id=row.get("prompt_id") or "",
                battle_id=row.get("battle_id") or "",
            )
