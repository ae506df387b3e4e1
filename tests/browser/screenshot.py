"""The README's screenshot: the rater page of a running arena, in headless Chromium.

    make run                                   # in another terminal, until images are served
    .venv/bin/python -m tests.browser.screenshot http://127.0.0.1:8000/ docs/images/battle.png

Uses Debian's Chromium (``make browser-deps``) through Playwright, as the browser tests do.
"""

import sys

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, FLAGS


def screenshot(url: str, out: str, width: int = 1100, height: int = 720) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(url)
        # The vote buttons are enabled once both images have decoded.
        page.wait_for_selector("button[data-choice]:not([disabled])", timeout=60_000)
        page.screenshot(path=out)
        browser.close()


if __name__ == "__main__":
    screenshot(sys.argv[1], sys.argv[2])
