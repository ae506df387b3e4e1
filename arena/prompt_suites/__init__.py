"""Prompt suites for the arena: the seeded builder of the default 5,000-prompt suite and its
quality report.

Plain Python with no Django import, so the suite can be rebuilt and audited without a server:

    .venv/bin/python -m arena.prompt_suites.build --seed 0      # write arena-5k.jsonl (+ .sha256)
    .venv/bin/python -m arena.prompt_suites.build --check       # verify the committed file
    .venv/bin/python -m arena.prompt_suites.quality arena/prompt_suites/arena-5k.jsonl

See docs/prompt-suites.md for the record format, the category tree and the measured figures.
"""
