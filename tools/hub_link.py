"""Print the nbgitpuller link that gives every student their own copy of the collection.

    .venv/bin/python tools/hub_link.py --hub https://hub.example.school
    .venv/bin/python tools/hub_link.py --hub https://hub.example.school --repo https://git.example.school/class/balkans-claims

The repository is the address your hub can clone the collection from (by default this
checkout's `origin` remote). A student who opens the link logs in, and nbgitpuller clones
the collection into `~/balkans-claims` the first time, or merges your new commits into it
later without overwriting what the student changed, then opens the start notebook.
tests/hub/test_hub.py follows a link made here.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
TARGET = "balkans-claims"
START = "notebooks/00_start_here.ipynb"


def origin() -> str | None:
    answer = subprocess.run(["git", "-C", str(REPO), "remote", "get-url", "origin"], capture_output=True, text=True)
    return answer.stdout.strip() or None


def link(hub: str, repo: str, branch: str = "main", notebook: str = START, app: str = "lab") -> str:
    """The link; app is 'lab' (JupyterLab) or 'voila' (the app view, code hidden)."""
    urlpath = f"lab/tree/{TARGET}/{notebook}" if app == "lab" else f"voila/render/{TARGET}/{notebook}"
    query = urlencode({"repo": repo, "branch": branch, "targetpath": TARGET, "urlpath": urlpath})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.school")
    parser.add_argument("--repo", default=origin(), help="the address the hub clones from (default: git remote origin)")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--notebook", default=START, help=f"the notebook it opens (default {START})")
    parser.add_argument("--app", choices=("lab", "voila"), default="lab",
                        help="open it in JupyterLab (default) or as an app with the code hidden (voila)")
    args = parser.parse_args(argv)
    if not args.repo:
        parser.error("this checkout has no `origin` remote: give --repo, the address your hub can clone from")
    print(link(args.hub, args.repo, args.branch, args.notebook, args.app))
    return 0


if __name__ == "__main__":
    sys.exit(main())
