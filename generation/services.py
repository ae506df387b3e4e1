"""Adding images to the pool: the one way rows and files of ``Image`` come into being."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from generation.models import Image
from generation.storage import ImageDecodeError, StoredImage, delete_stored, store_image


@dataclass(frozen=True)
class NewImage:
    """An image to add: its key (contestant, prompt, seed), its bytes or file, its settings."""

    prompt_id: int
    contestant_id: int
    seed: int
    content: bytes | Path
    settings: dict = field(default_factory=dict)
    source: str = Image.Source.IMPORTED
    generation_seconds: float | None = None

    def read(self) -> bytes:
        return self.content.read_bytes() if isinstance(self.content, Path) else self.content


@dataclass(frozen=True)
class ImagesAdded:
    created: list[Image]
    already_present: int


class ImageAddError(ValueError):
    """An image could not be added; ``index`` says which of the given images."""

    def __init__(self, index: int, reason: str):
        super().__init__(f"image #{index + 1}: {reason}")
        self.index = index
        self.reason = reason


def images_add(*, new_images: Sequence[NewImage]) -> ImagesAdded:
    """Store and register ``new_images`` all together, or none of them.

    Images whose (contestant, prompt, seed) is already in the pool are skipped, so re-running an
    import or a redelivered generation task makes no second image. Files are written first and
    deleted again if the database write fails, so a failure leaves neither rows nor files.
    """
    present = _present_keys(new_images)
    stored: list[StoredImage] = []
    rows: list[Image] = []
    skipped = 0
    try:
        for index, new in enumerate(new_images):
            key = (new.contestant_id, new.prompt_id, new.seed)
            if key in present:
                skipped += 1
                continue
            present.add(key)
            try:
                files = store_image(new.read())
            except (ImageDecodeError, OSError) as exc:
                raise ImageAddError(index, str(exc)) from exc
            stored.append(files)
            rows.append(
                Image(
                    prompt_id=new.prompt_id,
                    contestant_id=new.contestant_id,
                    seed=new.seed,
                    settings=new.settings,
                    file=files.file_name,
                    display_file=files.display_name,
                    width=files.width,
                    height=files.height,
                    pixel_sha256=files.pixel_sha256,
                    source=new.source,
                    generation_seconds=new.generation_seconds,
                )
            )
        with transaction.atomic():
            created = Image.objects.bulk_create(rows)
    except BaseException:
        for files in stored:
            delete_stored(files)
        raise
    return ImagesAdded(created=created, already_present=skipped)


def _present_keys(new_images: Sequence[NewImage]) -> set[tuple[int, int, int]]:
    contestants = {new.contestant_id for new in new_images}
    prompts = {new.prompt_id for new in new_images}
    if not new_images:
        return set()
    return set(
        Image.objects.filter(contestant_id__in=contestants, prompt_id__in=prompts).values_list(
            "contestant_id", "prompt_id", "seed"
        )
    )
