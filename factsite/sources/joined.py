"""A source's paragraphs joined by single spaces and normalized once: where a range
`#pN-M` is searched (without re-joining it per citation) and where a quote missing
from single paragraphs is looked for across neighbouring ones (without rebuilding
every 2- and 3-paragraph window per quote). SPEC v2 section 5: linear and cached.
"""

from __future__ import annotations

from ..quotes import Normalized, join_normalized


class JoinedParagraphs:
    """The joined text, and per paragraph where it begins in it (original and
    normalized coordinates). Built once per source, on first use."""

    def __init__(self, texts: list[str], normalized: list[Normalized]):
        lengths = [len(t) for t in texts]
        self.starts: list[int] = []  # normalized position where paragraph n+1 begins
        self.text = join_normalized(normalized, lengths, self.starts)
        self.ends = [start + len(norm.text) for start, norm in zip(self.starts, normalized)]
        self.offsets: list[int] = []  # original position where paragraph n+1 begins
        pos = 0
        for length in lengths:
            self.offsets.append(pos)
            pos += length + 1
        self.lengths = lengths

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """Normalized [lo, hi) of paragraphs start..end (1-based, inclusive)."""
        return self.starts[start - 1], self.ends[end - 1]

    def paragraph_at(self, offset: int) -> int:
        """The 1-based number of the paragraph holding original position `offset`."""
        import bisect

        return max(bisect.bisect_right(self.offsets, offset), 1)
