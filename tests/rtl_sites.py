"""The two sites of the right-to-left browser tests (tests/test_rtl.py), never the
repository's content/: the Persian fixture site (tests/fixtures/persian-site), and an
English site citing a Persian source whose sidecar gives no language (detected)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import write_project
from sitebuild import build

PERSIAN_SITE = Path(__file__).resolve().parent / "fixtures" / "persian-site"
PERSIAN_PAGE = "آب-هرات.html"
HERAT = (PERSIAN_SITE / "sources" / "shahrdari-herat.txt").read_text(encoding="utf-8")

ENGLISH_PAGE = """---
title: "Herat's water network: what the municipality said"
summary: "The municipality of Herat says work on a drinking water network starts in Hamal, the first month of the Solar Hijri year."
date: 2025-03-05
authors: [Test desk]
---

The municipality's statement names the month «ماه حمل» 3 times in its first paragraph, a reader's count.[^hamal]

The municipality puts the cost at 120 million afghanis.[^cost]

The wire report says residents had waited years for the work.[^wait]

[^hamal]: herat#p1 "کار لوله‌کشی آب آشامیدنی در ناحیهٔ یازدهم شهر در ماه حمل آغاز می‌شود"
[^cost]: herat#p2 "هزینهٔ این طرح ۱۲۰ میلیون افغانی است"
[^wait]: wire#p3 "Residents told reporters they had waited years for the work"
"""


def build_persian_site(base: Path, *extra: str) -> Path:
    project = shutil.copytree(PERSIAN_SITE, base / "project")
    assert build(project, base / "site", *extra) == 0
    return base / "site"


def build_english_site(base: Path, *extra: str) -> Path:
    project = write_project(base / "project", {
        "site.yml": 'title: "Herat checks"\nlanguage: en\n',
        "content/herat-water.md": ENGLISH_PAGE,
        "sources/herat.txt": HERAT,
        # no `language:`: the letters say Persian (script.py)
        "sources/herat.yml": "title: آغاز لوله‌کشی آب در ناحیهٔ یازدهم هرات\npublisher: شهرداری هرات\npublished: 2025-03-03\n",
        "sources/wire.txt": (PERSIAN_SITE / "sources" / "wire-report.txt").read_text(encoding="utf-8"),
        "sources/wire.yml": "title: Herat water network to reach eleventh district\npublisher: Example Wire\n"
                            "published: 2025-03-04\nlanguage: en\n",
    })
    assert build(project, base / "site", *extra) == 0
    return base / "site"
