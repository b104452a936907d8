"""A small project of its own for the reader-experience browser tests (never the
repository's content/): three sources, one of them with a long name, and an explainer
with a cited summary, a rating, recorded conflicts, a claim marked `{.differ}`, a tall
panel, two markers side by side and plain notes."""

from __future__ import annotations

from pathlib import Path

from conftest import write_project
from sitebuild import build

LONG_ID = "harbour-authority-minutes-of-the-extraordinary-general-meeting-2025"

GAZETTE = [
    "Harbour dredging to start in spring, council says",
    "The town council said on Monday that dredging of the old harbour will start in March. "
    "Work had been postponed twice since 2023. The council expects the channel to be open "
    "to fishing boats by the end of the summer, a spokesperson said.",
    "The cost of the work is put at 4.2 million euros, most of it paid by the regional fund. "
    "The remainder comes from the town's own reserves, which the council says are sufficient. "
    "Opposition councillors have asked for the full budget to be published before work begins.",
    "Residents near the quay have complained about noise from earlier surveys. The council "
    "promised that no work would take place at night. Boats will be moved to the northern "
    "pier while the channel is closed.",
    "A public meeting on the plans is to be held at the library on the first Thursday of February.",
]
COURIER = [
    "# Dredging plan costs more than announced",
    "According to documents seen by the Courier, the dredging of the old harbour will cost "
    "5.1 million euros, nearly a million more than the council has said in public. The "
    "difference comes from disposal of contaminated silt, which was left out of earlier figures.",
    "A council spokesperson said the higher figure included optional work that might not be "
    "needed. Work is due to begin in April, the documents show.",
    "The regional fund has agreed to pay most of the cost, according to a letter from its director.",
]
MINUTES = [
    "The meeting opened at seven in the evening with eleven members present and the chair in the seat.",
    "Members approved the dredging contract by nine votes to two. The contract names a budget of "
    "4.2 million euros, with a reserve for contaminated silt to be drawn on only if tests require it. "
    "Two members asked that the reserve be disclosed to the public; the chair said it would be.",
    "The harbour master reported that the channel now has less than two metres of water at low tide. "
    "Larger fishing boats have been unable to leave at low water since October. He said that every "
    "week of delay costs the fleet several days of fishing, and that the northern pier cannot hold "
    "all the boats for long. He asked members to approve the contract without further delay.",
    "The meeting closed at half past nine.",
]

PAGE = """---
title: "The harbour dredging: what it costs and when it starts"
summary: "Dredging of the old harbour is to start in spring, the council says.[^start] The council puts the cost at 4.2 million euros;[^price] a newspaper says 5.1 million;[^price-news] the minutes explain the gap.[^gap]"
date: 2025-02-01
authors: [Test desk]
---

{.editorial}
This page compares three saved documents about the harbour dredging, paragraph by paragraph.

## When

{.differ}
The council says dredging of the old harbour will start in March.[^march]

The Courier's documents give April as the start instead.[^april]

## Cost

The council puts the cost at 4.2 million euros, most of it paid by a regional fund.[^cost]

{#cost-check rating="Misleading" reviewed="The dredging costs 4.2 million euros" claimant="Town council"}
The Courier says the true cost is 5.1 million euros because the disposal of contaminated silt was left out of the council's figure, and the minutes show a reserve for that silt which the council had not disclosed to the public at the time.[^courier-cost] [^reserve]

The harbour master told members that the channel is too shallow at low tide, that the larger boats cannot leave, and that every week of delay costs the fleet days of fishing.[^harbour-master] [^everything]

A public meeting is planned at the library.[^meeting]

[^march]: gazette#p2 "dredging of the old harbour will start in March"
[^april]: courier#p3 "Work is due to begin in April"; gazette#p2 "will start in March" -- Sources differ: the council says March, the Courier's documents say April.
[^cost]: gazette#p3 "The cost of the work is put at 4.2 million euros, most of it paid by the regional fund"
[^courier-cost]: courier#p2 "will cost 5.1 million euros"; courier#p2 "disposal of contaminated silt" -- Conflict: the council's figure is 4.2 million euros.
[^reserve]: {long}#p2 "a reserve for contaminated silt"
[^harbour-master]: {long}#p3 "less than two metres of water at low tide"
[^everything]: {long}#p2 "Members approved the dredging contract"; {long}#p3 "every week of delay costs the fleet several days of fishing"; gazette#p2 "Work had been postponed twice since 2023"; gazette#p3 "Opposition councillors have asked for the full budget"; gazette#p4 "Boats will be moved to the northern pier"; courier#p2 "which was left out of earlier figures"; courier#p3 "optional work that might not be needed"; courier#p4 "The regional fund has agreed to pay most of the cost"
[^meeting]: gazette#p5 "A public meeting on the plans is to be held at the library"
[^start]: gazette#p2 "The town council said on Monday that dredging of the old harbour will start in March"
[^price]: gazette#p3 "The cost of the work is put at 4.2 million euros"
[^price-news]: courier#p2 "will cost 5.1 million euros"
[^gap]: {long}#p2 "a reserve for contaminated silt to be drawn on only if tests require it"
""".replace("{long}", LONG_ID)

EXPLAINER = "harbour.html"


def reader_project(root: Path) -> Path:
    return write_project(root, {
        "site.yml": 'title: "Harbour checks"\nlanguage: en\nsearch: true\n',
        "content/harbour.md": PAGE,
        "sources/gazette.txt": "\n".join(GAZETTE) + "\n",
        "sources/gazette.yml": "title: Harbour dredging to start in spring\npublisher: The Gazette\npublished: 2025-01-13\n"
                               "url: https://example.org/gazette/dredging\n",
        "sources/courier.md": "\n\n".join(COURIER) + "\n",
        "sources/courier.yml": "title: Dredging plan costs more than announced\npublisher: The Courier\npublished: 2025-01-20\n",
        f"sources/{LONG_ID}.txt": "\n".join(MINUTES) + "\n",
        f"sources/{LONG_ID}.yml": "title: Minutes of the extraordinary general meeting of the harbour authority\n",
    })


def build_reader_site(base: Path, *extra: str) -> Path:
    """The project under base/project, built into base/site (asserting a clean build)."""
    project = reader_project(base / "project")
    assert build(project, base / "site", *extra) == 0
    return base / "site"
