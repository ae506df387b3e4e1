"""Stored images keep their pixels and lose everything else."""

import io

import pytest
from PIL import Image as PILImage
from PIL import PngImagePlugin

from generation.storage import (
    ImageDecodeError,
    canonical_rgb,
    encode_display,
    encode_master,
    pixel_digest,
)
from tests.factories import poisoned_png


def test_canonical_rgb_drops_all_metadata_and_keeps_pixels():
    data = poisoned_png((10, 20, 30), poison="leaky-model")
    image = canonical_rgb(data)
    assert image.mode == "RGB" and image.info == {}
    with PILImage.open(io.BytesIO(data)) as original:
        assert image.tobytes() == original.convert("RGB").tobytes()
    master = encode_master(image)
    assert b"leaky-model" not in master
    with PILImage.open(io.BytesIO(master)) as reread:
        assert reread.info == {} and not reread.getexif()
        assert pixel_digest(reread.convert("RGB")) == pixel_digest(image)


def test_transparency_is_composited_on_white():
    rgba = PILImage.new("RGBA", (4, 4), (255, 0, 0, 0))
    rgba.putpixel((1, 1), (0, 0, 255, 255))
    buffer = io.BytesIO()
    rgba.save(buffer, format="PNG")
    image = canonical_rgb(buffer.getvalue())
    assert image.getpixel((0, 0)) == (255, 255, 255)
    assert image.getpixel((1, 1)) == (0, 0, 255)


def test_exif_orientation_is_applied_before_it_is_dropped():
    image = PILImage.new("RGB", (4, 2), (0, 0, 0))
    image.putpixel((0, 0), (255, 255, 255))
    exif = PILImage.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise when displayed
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes(), quality=100)
    upright = canonical_rgb(buffer.getvalue())
    assert upright.size == (2, 4)


@pytest.mark.parametrize(
    "size, expected", [((96, 64), (512, 341)), ((2000, 1000), (512, 256)), ((50, 50), (512, 512))]
)
def test_display_copy_has_the_canonical_size_and_no_metadata(size, expected):
    image = PILImage.new("RGB", size, (200, 100, 50))
    data = encode_display(image, max_side=512, quality=80)
    with PILImage.open(io.BytesIO(data)) as display:
        assert display.format == "WEBP"
        assert display.size == expected
        assert "exif" not in display.info and "icc_profile" not in display.info


def test_text_chunks_of_png_are_gone():
    info = PngImagePlugin.PngInfo()
    info.add_text("prompt", "secret workflow of model X")
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(buffer, format="PNG", pnginfo=info)
    assert b"model X" in buffer.getvalue()
    assert b"model X" not in encode_master(canonical_rgb(buffer.getvalue()))


def test_garbage_is_a_decode_error():
    with pytest.raises(ImageDecodeError, match="not a readable image"):
        canonical_rgb(b"GIF89a but not really")
