"""How the page is opened headless: Debian's Chromium, never a downloaded browser build."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
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
