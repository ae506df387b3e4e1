"""manage.py import_images: external images enter the pool anonymised, all or none."""

import io
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import Image as PILImage

from arena.models import Contestant, Prompt, PromptSuite
from generation.models import Image
from tests.factories import poisoned_png, write_manifest_folder

pytestmark = pytest.mark.django_db


@pytest.fixture
def suite():
    suite = PromptSuite.objects.create(name="s", version="1")
    for i in range(3):
        Prompt.objects.create(
            suite=suite, external_id=f"p{i}", text=f"prompt {i}", language="en", category="a/b"
        )
    return suite


def run(manifest, *args) -> str:
    out = StringIO()
    call_command("import_images", str(manifest), *args, stdout=out)
    return out.getvalue()


def test_import_registers_anonymised_images_with_settings(tmp_path, suite):
    manifest = write_manifest_folder(
        tmp_path / "closed-api", prompt_ids=["p0", "p1", "p2"], poison="acme-closed-v2"
    )
    output = run(
        manifest,
        "--contestant",
        "acme-closed-v2",
        "--create-contestant",
        "--display-name",
        "Acme v2",
    )
    assert "3 images added" in output
    contestant = Contestant.objects.get(name="acme-closed-v2")
    assert contestant.display_name == "Acme v2"
    images = Image.objects.order_by("seed")
    assert [(i.prompt.external_id, i.seed) for i in images] == [("p0", 0), ("p1", 1), ("p2", 2)]
    assert images[0].settings == {"steps": 30, "sampler": "euler"}
    for image in images:
        assert "acme" not in image.file.name and "acme" not in image.display_file.name
        stored = default_storage.open(image.file.name).read()
        assert b"acme-closed-v2" not in stored
        with PILImage.open(io.BytesIO(stored)) as decoded:
            assert decoded.format == "PNG" and decoded.mode == "RGB"
            assert not decoded.info and not decoded.getexif()
            # The master keeps the pixels exactly.
            source = (tmp_path / "closed-api").glob(f"*_{image.prompt.external_id}_*.png")
            with PILImage.open(next(source)) as original:
                assert decoded.tobytes() == original.convert("RGB").tobytes()


def test_reimport_is_harmless(tmp_path, suite):
    manifest = write_manifest_folder(tmp_path / "m", prompt_ids=["p0", "p1"], poison="m1")
    run(manifest, "--contestant", "m1", "--create-contestant")
    output = run(manifest, "--contestant", "m1")
    assert "0 images added, 2 already in the pool" in output
    assert Image.objects.count() == 2


def test_a_bad_row_imports_nothing_and_leaves_no_files(tmp_path, suite):
    folder = tmp_path / "m"
    manifest = write_manifest_folder(folder, prompt_ids=["p0", "p1"], poison="m2")
    (folder / "broken.png").write_bytes(b"this is not an image")
    with manifest.open("a") as handle:
        handle.write("broken.png,p2,7,30,euler\n")
    Contestant.objects.create(name="m2")
    files_before = _stored_files()
    with pytest.raises(
        CommandError, match=r"manifest\.csv:4: file: broken\.png: not a readable image"
    ):
        run(manifest, "--contestant", "m2")
    assert not Image.objects.exists()
    assert _stored_files() == files_before


@pytest.mark.parametrize(
    "row, message",
    [
        ("missing.png,p0,1", r":2: file: no such file"),
        ("{file},p9,1", r":2: prompt_id: no prompt 'p9' in suite s@1"),
        ("{file},p0,abc", r":2: seed: must be an integer"),
        ("{file},,1", r":2: prompt_id: missing"),
    ],
)
def test_manifest_errors_name_line_and_field(tmp_path, suite, row, message):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "ok.png").write_bytes(poisoned_png((1, 2, 3), poison="x"))
    manifest = folder / "manifest.csv"
    manifest.write_text("file,prompt_id,seed\n" + row.format(file="ok.png") + "\n")
    Contestant.objects.create(name="m3")
    with pytest.raises(CommandError, match=message):
        run(manifest, "--contestant", "m3")
    assert not Image.objects.exists()


def test_duplicate_prompt_and_seed_in_one_manifest(tmp_path, suite):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "a.png").write_bytes(poisoned_png((1, 2, 3), poison="x"))
    manifest = folder / "manifest.jsonl"
    manifest.write_text(
        '{"file": "a.png", "prompt_id": "p0", "seed": 1, "settings": {"steps": 4}}\n'
        '{"file": "a.png", "prompt_id": "p0", "seed": 1}\n'
    )
    Contestant.objects.create(name="m4")
    with pytest.raises(
        CommandError, match=r"manifest\.jsonl:2: seed: prompt 'p0' with seed 1 is also on line 1"
    ):
        run(manifest, "--contestant", "m4")


def test_unknown_contestant_and_suite_are_explained(tmp_path, suite):
    manifest = write_manifest_folder(tmp_path / "m", prompt_ids=["p0"], poison="m5")
    with pytest.raises(CommandError, match=r"No contestant 'nobody'.*--create-contestant"):
        run(manifest, "--contestant", "nobody")
    with pytest.raises(CommandError, match="No prompt suite 'other'"):
        run(manifest, "--contestant", "m5", "--create-contestant", "--suite", "other")


def _stored_files() -> set[str]:
    root = default_storage.path("")
    import os

    return {os.path.join(d, f) for d, _, files in os.walk(root) for f in files}
