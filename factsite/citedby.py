"""What source pages and the sources index show of the pages citing them, gathered
from the pages' packed outcomes (`PageOutcome.unpacked`) for the sources wanted."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import accumulate, chain, islice

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
    next edit of a claim unpacks only its own page, not the many others each cited
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


class Texts:
    """Strings packed end to end in one string, read back as slices of it.

    The workers forked to render source pages read every listed claim; as Python
    objects they were copied into each worker as they were read (reading an object
    writes its reference count; see bench/README.md for the size). Read from one
    string, nothing of this process's memory is written. (One string is as wide as its
    widest character: text beyond the Basic Multilingual Plane anywhere takes 4 bytes a
    character, about what the objects took, but only in this process.)
    """

    def __init__(self):
        self.parts: list[str] | None = []
        self.ends = array("q")  # claim k: its anchor ends at ends[2k], its text at ends[2k + 1]
        self.data = ""

    def add_claims(self, claims) -> int:
        """Add (anchor, text) pairs; the number of the first (`claim(k)` reads it back
        once `seal` has joined them)."""
        ends = self.ends
        first = len(ends) // 2
        flat = list(chain.from_iterable(claims))  # anchor, text, anchor, text...
        self.parts.append("".join(flat))  # (the pieces are freed now, not left among other objects)
        ends.extend(islice(accumulate(map(len, flat), initial=ends[-1] if ends else 0), 1, None))
        return first

    def seal(self) -> None:
        self.data, self.parts = "".join(self.parts), None

    def claim(self, k: int) -> ClaimInfo:
        ends, data, k = self.ends, self.data, 2 * k
        middle = ends[k]
        return ClaimInfo(data[ends[k - 1] if k else 0: middle], data[middle: ends[k + 1]])


class CitedBy:
    """What the wanted source pages show of the pages citing them, gathered in one pass
    over the pages, compactly (flat arrays of page and claim numbers, of quoted spans,
    so the workers forked to render them inherit little); `uses_of(source)` makes the
    objects the template reads, one source at a time. Only pages that cite a wanted
    source are unpacked (unless `slices` holds what they show of it), and only their
    rows for wanted sources are read; `citers` (places in `published`, in order), when
    the caller has found them, are the only pages looked at."""

    def __init__(self, wanted: list[str], published: list[PageOutcome], slices: Slices | None = None,
                 citers: list[int] | None = None):
        self.published = published
        self.rows: dict[str, dict[int, array]] = {sid: {} for sid in wanted}  # page, claim (in `texts`), page...
        self.marks: dict[str, dict[int, array]] = {sid: {} for sid in wanted}  # start, end, start, end...
        self.texts = Texts()  # the listed claims' anchors and texts, packed
        if slices is not None and len(wanted) > slices.keep:
            slices = None
        fresh: dict[str, dict[int, tuple]] = {sid: {} for sid in wanted}
        find = Finder(wanted)
        for i in range(len(published)) if citers is None else citers:  # (those that may cite them)
            o = published[i]
            found = find(o.shown_in)
            if not found:
                continue  # cites none of them: left packed
            if slices is None:
                claims, rows_of, marks_of = o.unpacked()
                first = self.texts.add_claims(claims)
                for j in found:
                    sid = o.shown_in[j]
                    self._add(i, sid, rows_of.get(sid, ()), marks_of.get(sid, {}), first)
                continue
            parts = []
            listed: dict[int, tuple] = {}  # this page's claims listed on these sources
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
                listed.update(part[2])
                parts.append((sid, part))
            first = self.texts.add_claims(listed.values())
            numbered = {c: first + n for n, c in enumerate(listed)}  # -> where they are in `texts`
            for sid, (rows, marks, _claims) in parts:
                self._add(i, sid, [(number, numbered[c]) for number, c in rows], marks)
        self.texts.seal()
        if slices is not None:
            slices.update(fresh)

    def _add(self, i: int, sid: str, rows, marks: dict, first: int = 0) -> None:
        """Page `i`'s rows (paragraph, claim: `first` + claim is its place in `texts`)
        and quoted spans for source `sid`."""
        by_number = self.rows[sid]
        for number, claim in rows:
            if number not in by_number:
                by_number[number] = array("l")
            by_number[number].extend((i, first + claim))
        by_number = self.marks[sid]
        for number, spans in marks.items():
            if number not in by_number:
                by_number[number] = array("l")
            for start, end in spans:
                by_number[number].extend((start, end))

    def uses_of(self, sid: str) -> tuple[dict, dict]:
        """(paragraph -> [Use], paragraph -> quoted spans) of one source."""
        published, claim = self.published, self.texts.claim
        uses = {n: [Use(published[flat[k]].info, claim(flat[k + 1])) for k in range(0, len(flat), 2)]
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
