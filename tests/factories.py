"""Builders for test data: prompts, contestants and images that try hard to leak their model.

Every image made here carries its contestant's name in every place an image file can hide it
(PNG text chunk, EXIF, ICC profile, the file name), so anonymity tests find a leak if any of it
survives into what a rater receives.
"""

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import PngImagePlugin

from arena.models import Contestant, Prompt, PromptSuite
from generation.models import Image
from generation.services import NewImage, images_add

# Distinctive names and ids that cannot appear in a page by accident.
CONTESTANT_NAMES = ("zorblax-secret-model", "quintessa-hidden-net", "vantablack-diffuser")
CONTESTANT_IDS = (48213, 77301, 93157)


def poisoned_png(color: tuple[int, int, int], *, poison: str, size=(96, 64)) -> bytes:
    """A PNG of one colour with ``poison`` in a text chunk, the EXIF and the ICC profile."""
    image = PILImage.new("RGB", size, color)
    # A few pixels that differ, so that two images of one colour are still distinct images.
    image.putpixel((0, 0), (255 - color[0], 255 - color[1], 255 - color[2]))
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", f"model: {poison}, steps: 50")
    info.add_text("Software", poison)
    exif = PILImage.Exif()
    exif[0x0131] = poison  # Software
    exif[0x010F] = poison  # Make
    buffer = io.BytesIO()
    image.save(
        buffer, format="PNG", pnginfo=info, exif=exif.tobytes(), icc_profile=poison.encode() * 8
    )
    return buffer.getvalue()


@dataclass
class ArenaData:
    suite: PromptSuite
    prompts: list[Prompt]
    contestants: list[Contestant]
    images: list[Image]


def make_arena(*, prompts: int = 4, seeds: int = 1, contestants: int = 3) -> ArenaData:
    suite = PromptSuite.objects.create(name="test-suite", version="1")
    prompt_rows = [
        Prompt.objects.create(
            suite=suite,
            external_id=f"t-{i:03d}",
            text=f"A red cube on top of a blue sphere, number {i}",
            language="en",
            category="composition/spatial",
        )
        for i in range(prompts)
    ]
    contestant_rows = [
        Contestant.objects.create(
            pk=CONTESTANT_IDS[i], name=CONTESTANT_NAMES[i], display_name=CONTESTANT_NAMES[i].title()
        )
        for i in range(contestants)
    ]
    new_images = [
        NewImage(
            prompt_id=prompt.pk,
            contestant_id=contestant.pk,
            seed=seed,
            content=poisoned_png(
                (40 * c % 256, 80 * p % 256, 30 * seed % 256), poison=contestant.name
            ),
            settings={"steps": 20, "guidance": 4.0, "model": contestant.name},
        )
        for p, prompt in enumerate(prompt_rows)
        for c, contestant in enumerate(contestant_rows)
        for seed in range(seeds)
    ]
    created = images_add(new_images=new_images).created
    return ArenaData(suite=suite, prompts=prompt_rows, contestants=contestant_rows, images=created)


def write_manifest_folder(folder: Path, *, prompt_ids: list[str], poison: str) -> Path:
    """Image files named after their model, and a CSV manifest for them."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["file,prompt_id,seed,steps,sampler"]
    for i, prompt_id in enumerate(prompt_ids):
        name = f"{poison}_{prompt_id}_seed{i}.png"
        (folder / name).write_bytes(poisoned_png((10 * i, 200, 30), poison=poison))
        lines.append(f"{name},{prompt_id},{i},30,euler")
    manifest = folder / "manifest.csv"
    manifest.write_text("\n".join(lines) + "\n")
    return manifest
