"""Images made by the generation path reveal nothing of their contestant to raters.

The contestants have the distinctive names of the arena's anonymity tests, their weights
folders are named after them, and their pipeline's images come back carrying the name as
metadata (an ICC profile and a text entry), as metadata-writing pipelines do. The arena's own
scan (tests/arena/test_anonymity.py) then searches everything a rater receives.
"""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from PIL import Image as PILImage

from arena.models import Contestant
from generation.jobs import _png_bytes, contestant_spec, job_run
from generation.models import GenerationJob, Image
from generation.pipelines import pipeline_for
from tests.arena.test_anonymity import assert_anonymous, collect_pre_vote_traffic, secrets_of
from tests.factories import CONTESTANT_IDS, CONTESTANT_NAMES
from tests.generation.backends import SCRIPTED
from tests.generation.conftest import make_prompts, tiny_spec

pytestmark = pytest.mark.django_db


def test_generated_images_carry_no_trace_of_their_contestant(
    tiny_weights, tmp_path, django_capture_on_commit_callbacks, published, settings
):
    settings.GENERATION_PIPELINES_PER_WORKER = 2
    contestants = []
    for pk, name in zip(CONTESTANT_IDS[:2], CONTESTANT_NAMES[:2], strict=True):
        # The weights folder carries the name too (a link to the same tiny pipeline).
        folder = tmp_path / name
        folder.symlink_to(tiny_weights, target_is_directory=True)
        spec = tiny_spec(folder, backend_options={"poison": name})
        contestants.append(
            Contestant.objects.create(
                pk=pk, name=name, display_name=name.title(), backend=SCRIPTED, spec=spec
            )
        )
    make_prompts(3)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("fill_pool", "--limit", "100", stdout=io.StringIO())
    for job_id in GenerationJob.objects.values_list("id", flat=True):
        assert job_run(job_id=job_id, worker="w:1").status == "done"
    images = list(Image.objects.all())
    assert len(images) == 6 and {i.source for i in images} == {Image.Source.GENERATED}

    # The guard: what the pipeline hands over does carry the metadata.
    first = contestants[0]
    spec = contestant_spec(name=first.name, backend=first.backend, spec=first.spec)
    (raw,) = pipeline_for(spec)[0].generate(["a cube"], [0])
    assert b"iCCP" in _png_bytes(raw) and raw.info["parameters"].endswith(first.name)

    # Stored files keep pixels only: no metadata chunk, no name, no folder.
    for image in images:
        for name in (image.file.name, image.display_file.name):
            data = default_storage.open(name).read()
            for contestant in contestants:
                assert contestant.name.encode() not in data
            assert b"iCCP" not in data and b"tEXt" not in data and b"eXIf" not in data
            with PILImage.open(io.BytesIO(data)) as decoded:
                assert not decoded.info.get("icc_profile") and not decoded.getexif()
        assert image.settings["pipeline"] == "StableDiffusionPipeline"
        assert str(tmp_path) not in str(image.settings)  # no weights path recorded

    client = Client(enforce_csrf_checks=True)
    client.get("/")
    collected = collect_pre_vote_traffic(client, battles=6, csrf=client.cookies["csrftoken"].value)
    assert len(collected.images) == 12
    assert_anonymous(collected, [*secrets_of(contestants, images), str(tmp_path)])
