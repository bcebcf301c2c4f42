"""The README and docs/ARCHITECTURE.md hold for a fresh clone, and say what the code does."""

from __future__ import annotations

import configparser
import re
import subprocess
from pathlib import Path

import pytest

from app.demo import DEMO_ACCOUNTS
from forum.demo_content import read_people

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"
NUMBERS = {12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen"}


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [ROOT / name for name in listed if (ROOT / name).is_file()]


def test_nothing_points_outside_the_repository():
    # a clone has no design folder beside it: the design is docs/ARCHITECTURE.md
    outside = re.compile(r"\.\./" + "shared|" + "DESIGN" + r"\.md")
    mentions = [
        str(path.relative_to(ROOT))
        for path in tracked_files()
        if path.suffix not in {".png", ".mo"}
        and outside.search(path.read_text(encoding="utf-8", errors="ignore"))
    ]
    assert mentions == []


def test_the_readme_links_the_architecture_and_its_modules_exist():
    assert "(docs/ARCHITECTURE.md)" in README and ARCHITECTURE.exists()
    text = ARCHITECTURE.read_text(encoding="utf-8")
    for heading in ("## Packages", "## A request", "## Content states", "## Search and indexing"):
        assert heading in text
    named = set(re.findall(r"`((?:app|forum|moderation|news|search|tests)/[\w/]+\.py)`", text))
    assert {"app/tasks.py", "search/whoosh_store.py", "moderation/claims.py"} <= named
    assert [path for path in sorted(named) if not (ROOT / path).exists()] == []


def test_the_readme_counts_the_demo_accounts_it_lists():
    count = len(DEMO_ACCOUNTS) + len(read_people())
    assert f"has {NUMBERS[count]} accounts" in README
    listed = set(re.findall(r"(\w+)@", README.split("### Demo accounts")[1].split("###")[0]))
    assert {email.split("@")[0] for _, email, *_ in DEMO_ACCOUNTS} <= listed
    assert {person.email.split("@")[0] for person in read_people()} <= listed


def test_the_readme_names_the_python_version_setup_cfg_requires():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    required = config["options"]["python_requires"].strip()
    assert required == ">=3.11"
    assert "Python 3.11 or later" in README


def test_make_run_takes_a_port_and_the_readme_says_so():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "PORT ?= 5000" in makefile and "--port $(PORT)" in makefile
    assert "make run PORT=" in README


@pytest.mark.parametrize(
    "queue",
    re.findall(r"\| `/<lang>(/moderation/[\w/-]*)` \|", README),
)
def test_each_staff_queue_in_the_readme_is_a_page(app, queue):
    assert app.url_map.bind("localhost").match(f"/en{queue}", method="GET")


def test_the_readme_lists_every_queue(app):
    queues = re.findall(r"\| `/<lang>(/moderation/[\w/-]*)` \|", README)
    assert len(queues) >= 8
