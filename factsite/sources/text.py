"""Plain-text sources: one paragraph per non-empty line, or blocks for hard-wrapped text."""

from __future__ import annotations

from .model import Paragraph, ReadResult
from .whitespace import squash

WRAP_WIDTH = 100  # a line at most this long can be a hard-wrapped one
WRAP_RUN = 3  # this many mid-sentence breaks in a row look like hard wrapping
_SENTENCE_END = set('.!?:;"”’\')]»')


def read_text(text: str, meta: dict) -> ReadResult:
    lines = text.split("\n")
    if meta.get("paragraphs") == "blocks":
        return ReadResult(_blocks(lines))
    paragraphs = []
    for i, line in enumerate(lines):
        if line.strip():
            paragraphs.append(Paragraph(len(paragraphs) + 1, squash(line), i + 1))
    result = ReadResult(paragraphs)
    wrapped_at = _looks_hard_wrapped(lines)
    if wrapped_at:
        result.findings.append(
            (
                wrapped_at,
                "warning",
                "hard-wrapped-source",
                "this text looks hard-wrapped: each line would be numbered as its own paragraph",
                "add 'paragraphs: blocks' to the sidecar so blank lines separate paragraphs",
            )
        )
    return result


def _blocks(lines: list[str]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    block: list[str] = []
    start = 0
    for i, line in enumerate(lines + [""]):
        if line.strip():
            if not block:
                start = i + 1
            block.append(line)
        elif block:
            paragraphs.append(Paragraph(len(paragraphs) + 1, squash(" ".join(block)), start))
            block = []
    return paragraphs


def _looks_hard_wrapped(lines: list[str]) -> int | None:
    """Line of the first run of mid-sentence line breaks, if there is one."""
    run = 0
    for i in range(len(lines) - 1):
        here, nxt = lines[i].rstrip(), lines[i + 1].lstrip()
        mid_sentence = (
            here
            and nxt
            and len(here) <= WRAP_WIDTH
            and here[-1] not in _SENTENCE_END
            and (nxt[0].islower() or here[-1] in ",-")
        )
        run = run + 1 if mid_sentence else 0
        if run >= WRAP_RUN:
            return i - run + 2
    return None
