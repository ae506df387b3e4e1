"""Anonymous image storage: decode, strip, re-encode, save under random names.

Whatever an image file carried (EXIF, PNG text chunks with the generator's parameters, ICC
profiles, C2PA manifests, an alpha channel, a telling file name), what is stored is rebuilt from
its RGB pixels alone, so nothing but the pixels can reveal the model that made it. Two copies are
kept: a lossless master for exports and training, and a display copy at the arena's one
canonical size, format and quality for raters.
"""

import hashlib
import io
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

DISPLAY_FORMAT = "WEBP"
DISPLAY_CONTENT_TYPE = "image/webp"


class ImageDecodeError(ValueError):
    """The bytes are not an image Pillow can read."""


@dataclass(frozen=True)
class StoredImage:
    file_name: str
    display_name: str
    width: int
    height: int
    pixel_sha256: str


def canonical_rgb(data: bytes) -> PILImage.Image:
    """Decode ``data`` into a fresh RGB image that carries no metadata at all.

    EXIF orientation is applied first (the pixels must look as intended once the tag is gone);
    transparency is composited onto white; animations keep their first frame.
    """
    try:
        with PILImage.open(io.BytesIO(data)) as source:
            source.seek(0)
            oriented = ImageOps.exif_transpose(source)
            if oriented.mode in ("RGBA", "LA", "PA") or (
                oriented.mode == "P" and "transparency" in oriented.info
            ):
                rgba = oriented.convert("RGBA")
                background = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
                rgb = PILImage.alpha_composite(background, rgba).convert("RGB")
            else:
                rgb = oriented.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ImageDecodeError(f"not a readable image ({exc})") from exc
    # A new image from raw bytes: no info dict, no ICC profile, nothing inherited.
    return PILImage.frombytes("RGB", rgb.size, rgb.tobytes())


def pixel_digest(image: PILImage.Image) -> str:
    return hashlib.sha256(image.tobytes()).hexdigest()


def encode_master(image: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


def encode_display(image: PILImage.Image, *, max_side: int, quality: int) -> bytes:
    """Resize so the longer side is exactly ``max_side`` and encode as WebP, with no metadata."""
    width, height = image.size
    scale = max_side / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resized = image if size == image.size else image.resize(size, PILImage.Resampling.LANCZOS)
    buffer = io.BytesIO()
    resized.save(
        buffer, format=DISPLAY_FORMAT, quality=quality, method=4, exif=b"", icc_profile=None
    )
    return buffer.getvalue()


def _random_name(extension: str) -> str:
    token = secrets.token_hex(16)
    return f"pool/{token[:2]}/{token}.{extension}"


def store_image(data: bytes) -> StoredImage:
    """Write the master and display copies of ``data``; return their names and pixel facts."""
    image = canonical_rgb(data)
    master = encode_master(image)
    display = encode_display(
        image, max_side=settings.ARENA_DISPLAY_MAX_SIDE, quality=settings.ARENA_DISPLAY_QUALITY
    )
    file_name = default_storage.save(_random_name("png"), ContentFile(master))
    try:
        display_name = default_storage.save(_random_name("webp"), ContentFile(display))
    except Exception:
        default_storage.delete(file_name)
        raise
    return StoredImage(
        file_name=file_name,
        display_name=display_name,
        width=image.width,
        height=image.height,
        pixel_sha256=pixel_digest(image),
    )


def delete_stored(stored: StoredImage) -> None:
    """Remove both files of ``stored`` (used when the database write that needed them fails)."""
    for name in (stored.file_name, stored.display_name):
        default_storage.delete(name)
