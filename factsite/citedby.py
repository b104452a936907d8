"""What source pages and the sources index show of the pages citing them, gathered
from the pages' packed outcomes (`PageOutcome.unpacked`) for the sources wanted."""

from __future__ import annotations

from array import array
from bisect import bisect_left

from .outcome import ClaimInfo, PageOutcome, Use


class Finder:
    """Where some sources stand in a page's sorted `shown_in`: looked up one by one
    (bisect) when they are few, as after an edit; by one pass over it when many."""

    def __init__(self, wanted):
        self.wanted = set(wanted)
        self.few = sorted(self.wanted) if len(self.wanted) <= 16 else None

    def __call__(self, shown_in: tuple) -> list[int]:
        if self.few is None:
            wanted = self.wanted
            return [i for i, sid in enumerate(shown_in) if sid in wanted]
        found = []
        for sid in self.few:
            i = bisect_left(shown_in, sid)
            if i < len(shown_in) and shown_in[i] == sid:
                found.append(i)
        return found


class Slices:
    """The live preview's memory of what each page shows on the source pages it last
    rendered after an edit: (rows, marks, claims) of one page for one source, so the
    next edit of a claim unpacks only its own page, not the ~140 others each cited
    source lists. Kept for the `keep` sources rendered most recently, and only for
    small passes (a full pass over every source would hold every page twice)."""

    def __init__(self, keep: int = 64):
        self.keep = keep
        self.of: dict[str, dict[int, tuple]] = {}  # source -> id(page outcome) -> (outcome, slice)

    def get(self, sid: str, outcome: PageOutcome):
        entry = self.of.get(sid, {}).get(id(outcome))
        return entry[1] if entry is not None and entry[0] is outcome else None

    def update(self, fresh: dict[str, dict[int, tuple]]) -> None:
        """What this pass gathered replaces what was kept of its sources (only the pages
        citing them now); the least recently rendered sources are dropped."""
        for sid, pages in fresh.items():
            self.of.pop(sid, None)
            self.of[sid] = pages
        while len(self.of) > self.keep:
            del self.of[next(iter(self.of))]


class CitedBy:
    """What the wanted source pages show of the pages citing them, gathered in one pass
    over the pages, compactly (flat arrays of page and claim numbers, of quoted spans,
    so the workers forked to render them inherit little); `uses_of(source)` makes the
    objects the template reads, one source at a time. Only pages that cite a wanted
    source are unpacked (unless `slices` holds what they show of it), and only their
    rows for wanted sources are read."""

    def __init__(self, wanted: list[str], published: list[PageOutcome], slices: Slices | None = None):
        self.published = published
        self.rows: dict[str, dict[int, array]] = {sid: {} for sid in wanted}  # page, claim, page, claim...
        self.marks: dict[str, dict[int, array]] = {sid: {} for sid in wanted}  # start, end, start, end...
        self.claims: dict[int, list | dict] = {}  # page -> its claims (those listed, with slices), (anchor, text)
        if slices is not None and len(wanted) > slices.keep:
            slices = None
        fresh: dict[str, dict[int, tuple]] = {sid: {} for sid in wanted}
        find = Finder(wanted)
        for i, o in enumerate(published):
            found = find(o.shown_in)
            if not found:
                continue  # cites none of them: left packed
            if slices is None:
                claims, rows_of, marks_of = o.unpacked()
                self.claims[i] = claims
                for j in found:
                    sid = o.shown_in[j]
                    self._add(i, sid, rows_of.get(sid, ()), marks_of.get(sid, {}))
                continue
            claims = self.claims[i] = {}
            unpacked = None
            for j in found:
                sid = o.shown_in[j]
                part = slices.get(sid, o)
                if part is None:
                    if unpacked is None:
                        unpacked = o.unpacked()
                    page_claims, rows_of, marks_of = unpacked
                    rows = rows_of.get(sid, ())
                    part = (rows, marks_of.get(sid, {}), {c: page_claims[c] for _, c in rows})
                fresh[sid][id(o)] = (o, part)
                claims.update(part[2])
                self._add(i, sid, part[0], part[1])
        if slices is not None:
            slices.update(fresh)

    def _add(self, i: int, sid: str, rows, marks: dict) -> None:
        """Page `i`'s rows (paragraph, claim) and quoted spans for source `sid`."""
        by_number = self.rows[sid]
        for number, claim in rows:
            if number not in by_number:
                by_number[number] = array("l")
            by_number[number].extend((i, claim))
        by_number = self.marks[sid]
        for number, spans in marks.items():
            if number not in by_number:
                by_number[number] = array("l")
            for start, end in spans:
                by_number[number].extend((start, end))

    def uses_of(self, sid: str) -> tuple[dict, dict]:
        """(paragraph -> [Use], paragraph -> quoted spans) of one source."""
        published, claims = self.published, self.claims
        uses = {n: [Use(published[flat[k]].info, ClaimInfo(*claims[flat[k]][flat[k + 1]])) for k in range(0, len(flat), 2)]
                for n, flat in self.rows[sid].items()}
        marks = {n: [(flat[k], flat[k + 1]) for k in range(0, len(flat), 2)] for n, flat in self.marks[sid].items()}
        return uses, marks


def cite_counts(sources: dict, published: list[PageOutcome]) -> dict[str, tuple[int, int]]:
    """source -> (claims citing it, paragraphs cited), for the sources index."""
    times = dict.fromkeys(sources, 0)
    paragraphs: dict[str, set] = {sid: set() for sid in sources}
    for o in published:
        for sid, count, numbers in o.cites:
            if sid in times:
                times[sid] += count
                paragraphs[sid].update(numbers)
    return {sid: (times[sid], len(paragraphs[sid])) for sid in sources}
