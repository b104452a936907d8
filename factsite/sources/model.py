"""What every reader produces: a source's paragraphs and the metadata it carries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..quotes import Normalized, normalize_with_map

if TYPE_CHECKING:
    from .joined import JoinedParagraphs

META_KEYS = (
    "title",
    "publisher",
    "author",
    "url",
    "published",
    "retrieved",
    "archive_url",
    "language",
    "notes",
    "paragraphs",
    # how this source relates to others (lists: see factsite.independence)
    "same_story_as",
    "relies_on",
    "independent_of",
    # written by a capture (`build.py add-source URL`): see factsite/capture.py
    "final_url",
    "http_status",
    "content_type",
    "sha256",
)
RELATION_KEYS = ("same_story_as", "relies_on", "independent_of")


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based, the N of #pN
    text: str  # trimmed, whitespace runs as one space
    line: int  # 1-based line in the source file where it starts


@dataclass
class ReadResult:
    """A reader's output: paragraphs, metadata found in the file, and findings.

    Findings are (line, severity, code, message, hint) tuples; the loader adds the path.
    """

    paragraphs: list[Paragraph]
    meta: dict = field(default_factory=dict)
    meta_lines: dict = field(default_factory=dict)
    findings: list[tuple] = field(default_factory=list)


@dataclass
class Source:
    id: str
    path: str  # relative to the project root, with forward slashes
    format: str  # "txt", "md" or "html"
    meta: dict
    paragraphs: list[Paragraph]
    sidecar: str | None = None
    digest: str = ""  # sha256 of the file bytes and sidecar bytes
    meta_lines: dict = field(default_factory=dict)  # relation key -> (file, line) where it is declared
    relations: object = None  # its `independence.Relations` (family, detected links), once related

    @cached_property
    def joined(self) -> "JoinedParagraphs":
        """Every paragraph joined by single spaces, normalized once (ranges, windows)."""
        from .joined import JoinedParagraphs

        return JoinedParagraphs([p.text for p in self.paragraphs], self.normalized[:])

    @cached_property
    def normalized(self) -> "NormalizedParagraphs":
        """Each paragraph normalized once, when first needed, for quote matching."""
        return NormalizedParagraphs(self.paragraphs)

    @property
    def title(self) -> str:
        return self.meta.get("title") or self.id


class NormalizedParagraphs(Sequence):
    """A source's paragraphs normalized on demand: checking one page normalizes only
    the paragraphs it cites, not every paragraph of every source it touches."""

    def __init__(self, paragraphs: list[Paragraph]):
        self._paragraphs = paragraphs
        self._done: list[Normalized | None] = [None] * len(paragraphs)

    def __len__(self) -> int:
        return len(self._done)

    def _one(self, index: int) -> Normalized:
        done = self._done[index]
        if done is None:
            done = self._done[index] = normalize_with_map(self._paragraphs[index].text)
        return done

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._one(i) for i in range(*index.indices(len(self._done)))]
        if index < 0:
            index += len(self._done)
        if not 0 <= index < len(self._done):
            raise IndexError(index)
        return self._one(index)
