"""How the page is opened headless: a system Chromium, never a downloaded browser build.

The browser is located, not assumed: ``$ORGGRAPH_CHROMIUM`` if set, else the first of
``chromium``, ``chromium-browser``, ``google-chrome`` on ``PATH``. ``scripts/run.py test``
installs Debian's ``chromium`` where it is missing and the platform allows.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> Path | None:
    """The Chromium to drive, or None when there is none."""
    given = os.environ.get("ORGGRAPH_CHROMIUM")
    if given:
        return Path(given) if Path(given).is_file() else None
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


# The located browser; a path that does not exist when none was found (callers check).
CHROMIUM = find_chromium() or Path("chromium-not-found")
MISSING = (
    "no Chromium found: install Debian's chromium (python3 scripts/run.py test does) "
    "or set ORGGRAPH_CHROMIUM to a Chromium binary"
)
# Background networking off: this workplace's closed network refuses those connections.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
