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


class CitedBy:
    """What the wanted source pages show of the pages citing them, gathered in one pass
    over the pages, compactly (flat arrays of page and claim numbers, of quoted spans,
    so the workers forked to render them inherit little); `uses_of(source)` makes the
    objects the template reads, one source at a time. Only pages that cite a wanted
    source are unpacked, and only their rows for wanted sources are read."""

    def __init__(self, wanted: list[str], published: list[PageOutcome]):
        self.published = published
        self.rows: dict[str, dict[int, array]] = {sid: {} for sid in wanted}  # page, claim, page, claim...
        self.marks: dict[str, dict[int, array]] = {sid: {} for sid in wanted}  # start, end, start, end...
        self.claims: dict[int, list] = {}  # page -> its claims, (anchor, text)
        find = Finder(wanted)
        for i, o in enumerate(published):
            found = find(o.shown_in)
            if not found:
                continue  # cites none of them: left packed
            claims, rows_of, marks_of = o.unpacked()
            self.claims[i] = claims
            for j in found:
                sid = o.shown_in[j]
                by_number = self.rows[sid]
                for number, claim in rows_of.get(sid, ()):
                    if number not in by_number:
                        by_number[number] = array("l")
                    by_number[number].extend((i, claim))
                by_number = self.marks[sid]
                for number, spans in marks_of.get(sid, {}).items():
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
