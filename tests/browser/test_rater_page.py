"""A rater votes with the keyboard only, sees each reveal, and gets a new battle each time."""

import pytest

from arena.models import Battle, Vote
from tests.factories import make_arena

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHASE = "document.getElementById('arena').dataset.phase"


def wait_for_phase(page, phase: str) -> None:
    page.wait_for_function(f"{PHASE} === '{phase}'", timeout=15_000)


def shown_battle(page) -> tuple[str, str, str]:
    wait_for_phase(page, "voting")
    page.wait_for_function(
        "['img-left', 'img-right'].every((id) => document.getElementById(id).complete)"
    )
    return (
        page.text_content("#prompt"),
        page.get_attribute("#img-left", "src"),
        page.get_attribute("#img-right", "src"),
    )


def test_three_keyboard_votes_each_revealed_then_a_new_battle(live_server, page):
    arena = make_arena(prompts=6, contestants=3)
    names = {c.display_name for c in arena.contestants}
    page.goto(live_server.url + "/")
    seen = []
    keys = {"1": "left", "ArrowRight": "right", "3": "tie"}
    for number, key in enumerate(keys, start=1):
        prompt, left_src, right_src = shown_battle(page)
        assert prompt.startswith("A red cube")
        assert page.text_content("#reveal-left") == "" and page.text_content("#reveal-right") == ""
        seen.append((left_src, right_src))
        page.keyboard.press(key)
        wait_for_phase(page, "revealed")
        assert page.text_content("#reveal-left") in names
        assert page.text_content("#reveal-right") in names
        assert page.text_content("#reveal-left") != page.text_content("#reveal-right")
        assert page.text_content("#vote-count") == str(number)
        page.keyboard.press("Enter")
    shown_battle(page)
    assert len({src for pair in seen for src in pair}) == 6  # every battle had new image URLs
    votes = list(Vote.objects.order_by("created_at").values_list("choice", flat=True))
    assert votes == list(keys.values())
    # Battles showed different images each time (a rater never sees a revealed image again).
    voted = Battle.objects.filter(status=Battle.Status.VOTED)
    image_ids = [i for b in voted for i in (b.left_image_id, b.right_image_id)]
    assert len(image_ids) == len(set(image_ids)) == 6


def test_next_battle_is_fetched_while_the_rater_looks_at_the_current_one(live_server, page):
    make_arena(prompts=4, contestants=2)
    page.goto(live_server.url + "/")
    shown_battle(page)
    page.wait_for_function(
        "performance.getEntriesByType('resource').filter(e => e.name.includes('/i/')).length >= 4"
    )
    assert Battle.objects.count() == 2


def test_click_enlarges_and_escape_closes(live_server, page):
    make_arena(prompts=2, contestants=2)
    page.goto(live_server.url + "/")
    shown_battle(page)
    page.click("button.zoom[data-side='right']")
    assert page.is_visible("#lightbox")
    enlarged = page.get_attribute("#lightbox-img", "src")
    assert enlarged.endswith(page.get_attribute("#img-right", "src"))
    page.keyboard.press("Escape")
    assert not page.is_visible("#lightbox")
    # Keys typed while the image was enlarged did not vote.
    assert not Vote.objects.exists()


def test_narrow_screens_stack_the_images(live_server, browser):
    make_arena(prompts=2, contestants=2)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/")
    shown_battle(page)
    left = page.locator("#side-left").bounding_box()
    right = page.locator("#side-right").bounding_box()
    assert right["y"] >= left["y"] + left["height"]
    context.close()


def test_empty_pool_says_how_to_fill_it(live_server, page):
    page.goto(live_server.url + "/")
    wait_for_phase(page, "empty")
    assert "import_images" in page.text_content("#status")


def test_leaderboard_page_renders_the_votes_just_cast(live_server, page):
    arena = make_arena(prompts=6, contestants=3)
    page.goto(live_server.url + "/")
    for _ in range(4):
        shown_battle(page)
        page.keyboard.press("1")
        wait_for_phase(page, "revealed")
        page.keyboard.press("Enter")
    page.goto(live_server.url + "/leaderboard/")
    rows = page.locator("table.leaderboard tbody tr")
    assert rows.count() == len(
        {c for v in Vote.objects.all() for c in (v.left_contestant_id, v.right_contestant_id)}
    )
    table_text = page.text_content("table.leaderboard")
    shown = [c.display_name for c in arena.contestants if c.display_name in table_text]
    assert len(shown) == rows.count()
    assert "4 votes" in page.text_content(".scope")
    assert page.locator("svg.chart").count() >= 2  # intervals and the timeline
    assert page.locator(".heatmap td").count() == rows.count() ** 2
