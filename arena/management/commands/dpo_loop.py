"""manage.py dpo_loop: votes in the arena make the demo model better, measured by the arena.

    .venv/bin/python manage.py dpo_loop --out var/dpo-loop

1. Two disjoint sets of prompts from the synthetic suite (held out from pre-training) become the
   suites ``dpo-round-1`` and ``dpo-round-2``.
2. The demo lineup and the base (by default ``demo-pretrained-cfg``: the pre-trained
   checkpoint, before the demo's scorer post-training) generate their images for round 1
   (generation jobs, run in this process), together with ``--base-samples - 1`` copies of the
   base that differ only in their noise seeds (``demo-pretrained-cfg-seed-1`` ...): battles
   between them are on-policy pairs, two images of the base for the same prompt, the pairs DPO
   datasets are usually built from (docs/dpo.md).
3. Simulated raters vote on round 1 through the JSON API of a server this command starts.
4. The votes are exported (``export_preferences``; with ``--pairs on-policy``, the default,
   only battles among the base's samples), the base's demo checkpoint (``--base-checkpoint``:
   ``final`` or ``pretrained``) is tuned with DPO on them (``modelhub.training.dpo``), and the
   merged checkpoint enters the arena as a new contestant with the same sampler settings as the
   base.
5. The base's extra samples are retired; every contestant generates round 2; simulated raters
   vote on round 2.
6. The leaderboard of round 2 and the scorer's accuracy per contestant on round 2's prompts are
   printed before (round 1) and after, with the tuned model against the base on the same
   prompts (paired: the difference with a bootstrap interval over prompts and McNemar's exact
   p), and written to ``--out``/report.md.
"""

import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from arena.demo import (
    demo_contestants_register,
    demo_lineup_specs,
    demo_spec,
    images_generate_here,
    synthetic_suite_load,
)
from arena.leaderboards import Board, BoardFilter, board_from_tables, tables_from_votes
from arena.models import Contestant, Prompt, PromptSuite, Vote
from arena.simulated_raters import simulate, truth_of
from generation.models import Image

SAMPLE_SEED_STRIDE = 1_000_000  # seed_base of the base's j-th extra sample: j * this
BASE_CHECKPOINTS = ("final", "pretrained")
"""Demo checkpoints the loop can tune: the final one (post-trained with scorer-ranked DPO) or
the pre-trained one before that post-training (docs/demo-model.md)."""


def loop_contestants(checkpoint: str = "final") -> tuple[str, str]:
    """The base and the tuned contestant of a loop on a demo checkpoint; both sample like the
    lineup's best contestant (50 steps, CFG 4): ``demo-final-cfg`` and ``demo-final-dpo``."""
    return f"demo-{checkpoint}-cfg", f"demo-{checkpoint}-dpo"


BASE_CONTESTANT, TUNED_CONTESTANT = loop_contestants("final")


def loop_base(checkpoint: str):
    """The contestant the loop tunes: for ``final`` the lineup's best; for another checkpoint,
    that contestant's sampler on it, so base and lineup differ by their weights only."""
    from modelhub.training.demo import DEMO_LINEUP

    lineup = {c.name: c for c in DEMO_LINEUP}
    if BASE_CONTESTANT not in lineup:
        raise CommandError(f"the demo lineup has no {BASE_CONTESTANT!r}")
    name, best = loop_contestants(checkpoint)[0], lineup[BASE_CONTESTANT]
    return lineup.get(name) or replace(
        best,
        name=name,
        checkpoint=checkpoint,
        description=f"{checkpoint} checkpoint, {best.steps} steps, CFG {best.guidance:g}",
    )


def base_sample_names(samples: int, base: str = BASE_CONTESTANT) -> list[str]:
    """The base's extra samples in round 1 (``samples`` images of the base per prompt in all)."""
    return [f"{base}-seed-{j}" for j in range(1, samples)]


class Command(BaseCommand):
    help = "Run the closed loop: vote, export, DPO, register the tuned model, vote again, compare."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, default=Path(settings.VAR_DIR) / "dpo-loop")
        parser.add_argument("--suite", default="synthetic-5k", help="Suite with ground truth.")
        parser.add_argument("--prompts", type=int, default=300, help="Prompts per round.")
        parser.add_argument("--votes-1", type=int, default=9000, help="Votes in round 1.")
        parser.add_argument("--votes-2", type=int, default=10000, help="Votes in round 2.")
        parser.add_argument(
            "--base-samples",
            type=int,
            default=6,
            help="Images of the base per prompt in round 1 (the base and copies with other seeds).",
        )
        parser.add_argument(
            "--pairs",
            choices=["on-policy", "all"],
            default="on-policy",
            help="DPO on battles among the base's samples only, or on every battle of round 1.",
        )
        # The final checkpoint has been through scorer-ranked DPO already, which leaves votes
        # little to add (docs/dpo.md: ties on it, a win on the pre-trained one).
        parser.add_argument(
            "--base-checkpoint",
            choices=BASE_CHECKPOINTS,
            default="pretrained",
            help="The demo checkpoint to tune: final (the lineup's, already post-trained with "
            "scorer-ranked DPO) or pretrained (before that post-training; it joins the arena as "
            "demo-pretrained-cfg).",
        )
        parser.add_argument("--raters", type=int, default=16)
        parser.add_argument("--noise", type=float, default=0.3, help="Raters' Bradley-Terry noise.")
        # Chosen for the tiny model on round 1's export (docs/dpo.md); the trainer's own defaults
        # (300 steps, beta 2000, lr 1e-4) moved its images too little to change a verdict.
        parser.add_argument("--dpo-steps", type=int, default=600)
        parser.add_argument("--beta", type=float, default=500.0)
        parser.add_argument("--lr", type=float, default=1e-3)
        parser.add_argument("--rank", type=int, default=16)
        # The held-out loss of vote pairs stays near ln 2 while the model improves (docs/dpo.md):
        # early stopping on it merges the base back.
        parser.add_argument(
            "--keep",
            choices=["best", "last"],
            default="last",
            help="Merge the last adapters or those of the lowest held-out loss (early stopping).",
        )
        parser.add_argument("--rounds", type=int, default=1000, help="Bootstrap rounds.")
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, **options):
        from modelhub.training.demo import DEMO_DIR

        if options["base_samples"] < (2 if options["pairs"] == "on-policy" else 1):
            raise CommandError(
                "--base-samples must be at least 2 for --pairs on-policy (two images of the base "
                "per prompt make a pair), at least 1 otherwise"
            )
        call_command("migrate", interactive=False, verbosity=0)  # one command from a fresh clone
        synthetic_suite_load()

        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        rounds = self._round_suites(options["suite"], options["prompts"], options["seed"])
        base_name, tuned_name = loop_contestants(options["base_checkpoint"])
        base = loop_base(options["base_checkpoint"])
        # A base outside the lineup stays in the arena for round 2, where the tuned model meets it.
        specs, descriptions = demo_lineup_specs()
        specs[base_name] = demo_spec(
            base_name, DEMO_DIR / base.checkpoint, steps=base.steps, guidance=base.guidance
        )
        descriptions[base_name] = base.description
        samples = base_sample_names(options["base_samples"], base_name)
        sample_specs = {
            name: demo_spec(
                name,
                DEMO_DIR / base.checkpoint,
                steps=base.steps,
                guidance=base.guidance,
                seed_base=j * SAMPLE_SEED_STRIDE,
            )
            for j, name in enumerate(samples, start=1)
        }
        demo_contestants_register(specs, descriptions)
        demo_contestants_register(
            sample_specs,
            {name: f"{base.description}, other noise seeds (DPO loop)" for name in samples},
        )
        self._generate(rounds[0], [*specs, *sample_specs])
        with _Server(served_suite=rounds[0].name) as url:
            report_1 = self._vote(url, rounds[0], options["votes_1"], options, offset=0)
            self.stdout.write(f"round 1: {report_1.votes} votes in {report_1.seconds:.0f} s")
        before_board = self._board(rounds[0], options["rounds"])
        export = out / "export"
        shutil.rmtree(export, ignore_errors=True)
        only = ["--contestants", ",".join([base_name, *samples])]
        call_command(
            "export_preferences",
            "--out",
            str(export),
            "--drop-ties",
            "--suites",
            rounds[0].name,
            "--validation",
            "0.1",
            "--seed",
            str(options["seed"]),
            *(only if options["pairs"] == "on-policy" else []),
            verbosity=0,
        )
        tuned_folder = self._dpo(export, DEMO_DIR / base.checkpoint, out, options)
        Contestant.objects.filter(name__in=samples).update(active=False)
        specs[tuned_name] = demo_spec(
            tuned_name, tuned_folder, steps=base.steps, guidance=base.guidance
        )
        demo_contestants_register(
            {tuned_name: specs[tuned_name]},
            {tuned_name: f"{base.description}, tuned with DPO on arena votes"},
        )
        self._generate(rounds[1], list(specs))
        with _Server(served_suite=rounds[1].name) as url:
            report_2 = self._vote(url, rounds[1], options["votes_2"], options, offset=1000)
            self.stdout.write(f"round 2: {report_2.votes} votes in {report_2.seconds:.0f} s")
        after_board = self._board(rounds[1], options["rounds"])
        verdicts = {name: self._verdicts(name, rounds[1]) for name in specs}
        report = self._report(
            (base_name, tuned_name),
            before_board,
            after_board,
            verdicts,
            report_1,
            report_2,
            options,
            time.monotonic() - started,
        )
        (out / "report.md").write_text(report)
        self.stdout.write(report)

    # ---- steps ---------------------------------------------------------------------------

    def _round_suites(self, name: str, per_round: int, seed: int) -> list[PromptSuite]:
        source = PromptSuite.objects.filter(name=name).order_by("-version").first()
        if source is None:
            raise CommandError(f"no suite {name!r}: load the synthetic suite first")
        prompts = [p for p in source.prompts.all() if _has_truth(p.metadata)]
        if len(prompts) < 2 * per_round:
            raise CommandError(
                f"{source} has {len(prompts)} prompts with ground truth; need {2 * per_round}"
            )
        random.Random(seed).shuffle(prompts)
        suites = []
        with transaction.atomic():
            for number in (1, 2):
                suite, created = PromptSuite.objects.get_or_create(
                    name=f"dpo-round-{number}",
                    version=str(source),
                    defaults={"source": f"{per_round} prompts of {source}, seed {seed}"},
                )
                if created:
                    chosen = prompts[(number - 1) * per_round : number * per_round]
                    Prompt.objects.bulk_create(
                        Prompt(
                            suite=suite,
                            external_id=p.external_id,
                            text=p.text,
                            language=p.language,
                            category=p.category,
                            difficulty=p.difficulty,
                            tags=p.tags,
                            metadata=p.metadata,
                        )
                        for p in chosen
                    )
                suites.append(suite)
        return suites

    def _generate(self, suite: PromptSuite, contestants: list[str]) -> None:
        """Every contestant on every prompt of ``suite``, made in this process."""
        images_generate_here(suite, contestants, suite.prompts.count() * len(contestants))

    def _vote(self, url: str, suite: PromptSuite, votes: int, options, *, offset: int):
        truths = {p.text: truth_of(p.metadata) for p in suite.prompts.all()}
        return asyncio.run(
            simulate(
                url,
                truths,
                raters=options["raters"],
                votes=votes,
                noise=options["noise"],
                seed=options["seed"] + offset,
                label=f"dpo-loop-{offset}",
            )
        )

    def _board(self, suite: PromptSuite, rounds: int) -> Board:
        votes = Vote.objects.filter(prompt__suite=suite)
        return board_from_tables(tables_from_votes(votes), BoardFilter(), rounds=rounds, seed=0)

    def _dpo(self, export: Path, base: Path, out: Path, options) -> Path:
        from modelhub.training.dpo.trainer import DPOConfig, merge, train

        run = out / "dpo"
        train(
            DPOConfig(
                data=export,
                base=base,
                out=run,
                steps=options["dpo_steps"],
                beta=options["beta"],
                lr=options["lr"],
                lora_rank=options["rank"],
                keep=options["keep"],
                seed=options["seed"],
                progress=True,
            )
        )
        return merge(run)

    def _verdicts(self, contestant: str, suite: PromptSuite) -> dict[int, tuple[str, float]]:
        """The scorer on a contestant's images of ``suite``: prompt id -> (kind, share right)."""
        from PIL import Image as PILImage

        from modelhub.synthetic.scorer import score

        verdicts: dict[int, tuple[str, list[bool]]] = {}
        images = Image.objects.filter(
            contestant__name=contestant, prompt__suite=suite
        ).select_related("prompt")
        for image in images:
            truth = truth_of(image.prompt.metadata)
            with image.file.open("rb") as handle:
                verdict = score(PILImage.open(handle).convert("RGB"), truth)
            verdicts.setdefault(image.prompt_id, (truth.kind, []))[1].append(verdict.correct)
        return {key: (kind, sum(right) / len(right)) for key, (kind, right) in verdicts.items()}

    def _report(
        self, names, before: Board, after: Board, verdicts, report_1, report_2, options, seconds
    ) -> str:
        base_name, tuned_name = names

        def board_table(board: Board) -> list[str]:
            lines = [
                "| rank | contestant | rating | 95% interval | votes | win rate |",
                "|---:|---|---:|---|---:|---:|",
            ]
            for row in board.rows:
                lines.append(
                    f"| {row.rank} | {row.contestant.name} | {row.rating:.0f} | "
                    f"{row.lower:.0f} - {row.upper:.0f} | {row.votes} | {row.win_rate:.3f} |"
                )
            return lines

        accuracy = {name: accuracy_by_kind(v) for name, v in verdicts.items()}
        kinds = sorted({k for a in accuracy.values() for k in a} - {"all"})
        acc = [
            "| contestant | all | " + " | ".join(kinds) + " |",
            "|---|---:|" + "---:|" * len(kinds),
        ]
        for name, values in accuracy.items():
            cells = " | ".join(f"{100 * values.get(k, 0):.1f}%" for k in kinds)
            acc.append(f"| {name} | {100 * values.get('all', 0):.1f}% | {cells} |")
        pairs = json.loads((Path(options["out"]) / "dpo" / "pairs.json").read_text())
        summary = (
            f"Run time {seconds / 60:.1f} min; {report_1.votes} votes in round 1, "
            f"{report_2.votes} in round 2; {pairs['train']} training and {pairs['heldout']} "
            f"held-out pairs (dropped: {pairs['dropped']})."
        )
        kept = json.loads((Path(options["out"]) / "dpo" / "merged" / "dpo.json").read_text())
        held = (
            f" (held-out loss {kept['heldout_loss']:.3f}, accuracy {kept['heldout_accuracy']:.2f})"
            if "heldout_loss" in kept
            else ""
        )
        dpo = (
            f"DPO of {base_name}'s checkpoint: {options['dpo_steps']} steps, "
            f"beta {options['beta']}, "
            f"LoRA rank {options['rank']}, lr {options['lr']}; pairs: {options['pairs']} "
            f"({options['base_samples']} images of the base per prompt in round 1); "
            f"merged the adapters of step {kept['step']} ({kept['kept']}){held}."
        )
        return "\n".join(
            [
                "# DPO loop report",
                "",
                summary,
                dpo,
                "",
                "## Round 1 (before DPO): leaderboard",
                "",
                *board_table(before),
                "",
                "## Round 2 (after DPO, new prompts): leaderboard",
                "",
                *board_table(after),
                "",
                leaderboard_verdict(after, base_name, tuned_name),
                "",
                "## Scorer accuracy on round 2's prompts (all attributes right)",
                "",
                *acc,
                "",
                "## Tuned against base on the same prompts (paired)",
                "",
                *paired_scorer_lines(
                    verdicts[base_name], verdicts[tuned_name], seed=options["seed"]
                ),
                "",
            ]
        )


def accuracy_by_kind(verdicts: dict[int, tuple[str, float]]) -> dict[str, float]:
    """Share right per prompt kind and over all prompts ("all")."""
    totals: dict[str, list[float]] = {}
    for kind, right in verdicts.values():
        for key in ("all", kind):
            totals.setdefault(key, []).append(right)
    return {key: sum(values) / len(values) for key, values in totals.items()}


def leaderboard_verdict(
    board: Board, base_name: str = BASE_CONTESTANT, tuned_name: str = TUNED_CONTESTANT
) -> str:
    """Whether the tuned model is above the base with non-overlapping 95 % intervals."""
    rows = {row.contestant.name: row for row in board.rows}
    base, tuned = rows.get(base_name), rows.get(tuned_name)
    if base is None or tuned is None:
        return f"{tuned_name} and {base_name} are not both on the leaderboard."
    separated = tuned.lower > base.upper
    return (
        f"{tuned_name} {tuned.rating:.0f} ({tuned.lower:.0f} - {tuned.upper:.0f}) against "
        f"{base_name} {base.rating:.0f} ({base.lower:.0f} - {base.upper:.0f}): "
        + ("above, the intervals do not overlap." if separated else "not separated.")
    )


def paired_scorer_lines(
    base: dict[int, tuple[str, float]], tuned: dict[int, tuple[str, float]], *, seed: int = 0
) -> list[str]:
    """Markdown rows: tuned - base on the prompts both have images of, over all and per kind,
    with a bootstrap interval over prompts and McNemar's exact p (arena.ratings.paired)."""
    from arena.ratings.paired import paired_difference

    shared = sorted(base.keys() & tuned.keys())
    lines = [
        "| prompts | kind | base | tuned | tuned - base | 95% interval | only base right | "
        "only tuned right | McNemar p |",
        "|---:|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    kinds = sorted({base[key][0] for key in shared})
    for kind in ["all", *kinds]:
        keys = [key for key in shared if kind == "all" or base[key][0] == kind]
        if not keys:
            continue
        first = [base[key][1] for key in keys]
        second = [tuned[key][1] for key in keys]
        diff = paired_difference(first, second, seed=seed)
        p = "-" if diff.p_value is None else f"{diff.p_value:.3f}"
        lines.append(
            f"| {diff.n} | {kind} | {100 * sum(first) / len(first):.1f}% | "
            f"{100 * sum(second) / len(second):.1f}% | {100 * diff.difference:+.1f} | "
            f"{100 * diff.lower:+.1f} to {100 * diff.upper:+.1f} | {diff.first_only} | "
            f"{diff.second_only} | {p} |"
        )
    return lines


def _has_truth(metadata: dict) -> bool:
    try:
        truth_of(metadata)
    except (KeyError, TypeError, ValueError):
        return False
    return True


class _Server:
    """This project's ASGI server in a subprocess on a free port, for the simulated raters,
    serving battles of one suite only (``ARENA_SERVED_SUITES``)."""

    def __init__(self, served_suite: str):
        self.served_suite = served_suite

    def __enter__(self) -> str:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        uvicorn = str(Path(sys.executable).parent / "uvicorn")
        self.process = subprocess.Popen(
            [uvicorn, "config.asgi:application", "--port", str(port), "--log-level", "warning"],
            cwd=settings.BASE_DIR,
            env={
                **os.environ,
                "DJANGO_LOG_LEVEL": "WARNING",
                "ARENA_SERVED_SUITES": self.served_suite,
            },
        )
        url = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return url
            except OSError:
                time.sleep(0.5)
        self.process.kill()
        raise CommandError("the arena server did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
