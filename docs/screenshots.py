"""Regenerate the screenshots in docs/ of the site of the shipped data, in headless Chromium:

    .venv/bin/python docs/screenshots.py

writes docs/site-index.png and docs/site-pledge.png (1280 px wide) and docs/site-index-phone.png
and docs/site-pledge-phone.png (400 px wide). It needs Debian's chromium (`apt-get install
chromium`) and the playwright package (in the `test` extra); no browser is downloaded.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent
AS_OF = "2026-11-26"  # the day of the docs' other examples
PLEDGE = "eu-clasi-2023/22.html"  # has an update, related pledges and an original text
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARGS += ["--disable-component-update", "--no-first-run"]
SHOTS = {
    "site-index.png": ("index.html", 1280, 900),
    "site-pledge.png": (PLEDGE, 1280, 900),
    "site-index-phone.png": ("index.html", 400, 860),
    "site-pledge-phone.png": (PLEDGE, 400, 860),
}


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("error: no chromium (apt-get install chromium)", file=sys.stderr)
        return 1
    tracker = str(Path(sys.executable).with_name("tracker"))
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        root = DOCS.parent
        subprocess.run(
            [tracker, "site", str(site), "--as-of", AS_OF, "--root", str(root)], check=True
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            for name, (page_path, width, height) in SHOTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto((site / page_path).as_uri())
                page.screenshot(path=DOCS / name)
                page.close()
                print(f"wrote docs/{name}")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
