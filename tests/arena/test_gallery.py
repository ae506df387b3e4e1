"""The prompt gallery: staff browse a suite by category and language and compare models."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from arena.gallery import category_tree, suite_prompts
from arena.models import Prompt, PromptSuite
from tests.factories import make_arena

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client():
    user = get_user_model().objects.create_user("res", password="pw-long-enough-1", is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def mixed_suite() -> PromptSuite:
    suite = PromptSuite.objects.create(name="mixed", version="1")
    rows = [
        ("a", "en", "text_rendering/en/word"),
        ("b", "zh", "text_rendering/zh/couplet"),
        ("c", "zh", "text_rendering/zh/word"),
        ("d", "en", "general/animals"),
        ("e", "en", "general/animals_extra"),
    ]
    for external_id, language, category in rows:
        Prompt.objects.create(
            suite=suite,
            external_id=external_id,
            text=f"text {external_id}",
            language=language,
            category=category,
        )
    return suite


def test_category_tree_counts_every_level():
    suite = mixed_suite()
    tree = {node.path: node.count for node in category_tree(suite=suite)}
    assert tree["text_rendering"] == 3
    assert tree["text_rendering/zh"] == 2
    assert tree["general/animals"] == 1
    zh = {node.path: node.count for node in category_tree(suite=suite, language="zh")}
    assert zh == {
        "text_rendering": 2,
        "text_rendering/zh": 2,
        "text_rendering/zh/couplet": 1,
        "text_rendering/zh/word": 1,
    }


def test_filtering_by_category_takes_the_subtree_not_siblings_with_a_shared_prefix():
    suite = mixed_suite()
    assert [p.external_id for p in suite_prompts(suite=suite, category="general/animals")] == ["d"]
    assert [
        p.external_id for p in suite_prompts(suite=suite, category="text_rendering", language="zh")
    ] == ["b", "c"]


def test_gallery_pages_show_every_contestants_images_with_names(staff_client):
    arena = make_arena(prompts=2, seeds=2)
    suites = staff_client.get("/research/suites/")
    assert "test-suite" in suites.content.decode()
    listing = staff_client.get(
        f"/research/suites/{arena.suite.pk}/?category=composition&language=en"
    )
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "A red cube on top of a blue sphere, number 0" in html
    assert "composition/spatial" in html
    detail = staff_client.get(f"/research/prompts/{arena.prompts[0].pk}/").content.decode()
    for contestant in arena.contestants:
        assert contestant.name in detail
    assert detail.count("<figure>") == len(arena.contestants) * 2
    assert detail.count("<figcaption>seed 1") == len(arena.contestants)


def test_gallery_is_closed_to_raters():
    arena = make_arena(prompts=1)
    client = Client()
    client.get("/")  # an anonymous rater session
    for url in (
        "/research/suites/",
        f"/research/suites/{arena.suite.pk}/",
        f"/research/prompts/{arena.prompts[0].pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_admin_links_to_the_gallery(staff_client):
    arena = make_arena(prompts=1)
    admin = get_user_model().objects.create_superuser("boss", "b@example.com", "pw-long-enough-1")
    client = Client()
    client.force_login(admin)
    suites = client.get("/admin/arena/promptsuite/").content.decode()
    assert f'href="/research/suites/{arena.suite.pk}/"' in suites
    prompts = client.get("/admin/arena/prompt/").content.decode()
    assert f'href="/research/prompts/{arena.prompts[0].pk}/"' in prompts
