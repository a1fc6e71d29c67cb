"""The README's two commands on a fresh machine (only Python 3.11 and the OS installed).

    python3 scripts/run.py build [ARGS]   # = uv run orggraph build [ARGS]
    python3 scripts/run.py test [ARGS]    # = uv run pytest [ARGS]

Standard library only. Installs what is missing first: ``uv`` (pip, user or private venv),
and for ``test`` Debian's ``chromium`` and a CJK font (``fonts-wqy-microhei``) through
apt-get when it is there and may be used (root, or sudo without a password). A browser
elsewhere is used through ``ORGGRAPH_CHROMIUM`` or ``PATH``. ``.ci/run`` runs exactly
``python3 scripts/run.py test``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRIVATE = Path.home() / ".cache" / "orggraph" / "uv-venv"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def say(message: str) -> None:
    print(f"[run.py] {message}", file=sys.stderr, flush=True)


def find_uv() -> str | None:
    candidates = [
        shutil.which("uv"),
        str(Path(sysconfig.get_path("scripts", f"{os.name}_user")) / "uv"),
        str(Path(sysconfig.get_path("scripts")) / "uv"),
        str(PRIVATE / "bin" / "uv"),
    ]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def ensure_uv() -> str:
    found = find_uv()
    if found:
        return found
    say("uv not found: installing it with pip")
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "uv"]
    attempts = [[*pip, "--user"], [*pip, "--user", "--break-system-packages"]]
    for command in attempts:  # PEP 668 systems refuse the first: say nothing about it
        done = subprocess.run(command, check=False, capture_output=True, text=True)
        if done.returncode == 0 and find_uv():
            return str(find_uv())
    subprocess.run([sys.executable, "-m", "venv", str(PRIVATE)], check=True)
    subprocess.run(
        [str(PRIVATE / "bin" / "python"), "-m", "pip", "install", "-q", "uv"], check=True
    )
    return str(PRIVATE / "bin" / "uv")


def apt_install(*packages: str) -> bool:
    """Install Debian packages when apt-get may be used; False when it may not."""
    if not shutil.which("apt-get"):
        return False
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        if not shutil.which("sudo") or subprocess.run(["sudo", "-n", "true"]).returncode:
            return False
        prefix = ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    say(f"installing {' '.join(packages)} with apt-get")
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=False, env=env)
    done = subprocess.run(
        [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        check=False,
        env=env,
    )
    return done.returncode == 0


def has_browser() -> bool:
    given = os.environ.get("ORGGRAPH_CHROMIUM")
    return Path(given).is_file() if given else any(shutil.which(b) for b in BROWSERS)


def has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return bool(out.stdout.strip())


def packaged_browser() -> str | None:
    """The browser binary Debian's ``chromium`` package installed, found through dpkg."""
    if not shutil.which("dpkg"):
        return None
    listed = subprocess.run(["dpkg", "-L", "chromium"], capture_output=True, text=True)
    names = [line for line in listed.stdout.splitlines() if "/bin/" in line]
    return next((n for n in names if Path(n).name in BROWSERS and Path(n).is_file()), None)


def ensure_test_tools() -> None:
    if not has_browser():
        if not apt_install("chromium"):
            say("no Chromium and no way to install it: set ORGGRAPH_CHROMIUM (page tests fail)")
        elif not has_browser() and (found := packaged_browser()):
            say(f"Chromium is not on PATH: using {found} (ORGGRAPH_CHROMIUM)")
            os.environ["ORGGRAPH_CHROMIUM"] = found
    if not has_cjk_font() and not apt_install("fontconfig", "fonts-wqy-microhei"):
        say("no CJK font installed: the page embeds its own, screenshots may show boxes")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("build", "test"):
        print(__doc__, file=sys.stderr)
        return 2
    uv = ensure_uv()
    if argv[0] == "test":
        ensure_test_tools()
        command = [uv, "run", "pytest", *argv[1:]]
    else:
        command = [uv, "run", "orggraph", "build", *argv[1:]]
    say(" ".join(["uv", *command[1:]]))
    return subprocess.run(command, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
