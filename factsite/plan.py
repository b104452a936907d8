"""The second step of a build: what it will do. The looks (templates, configuration,
the lock's history) the site is rendered with, and for each page whether the last
build's outcome and files still hold (`incremental.Reuse`) or it is to be done."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

from .cache import SavedState
from .evidence import alias_index
from .incremental import PreviewMemory, Reuse, environment, sources_stamp
from .keys import key
from .load import Inputs
from .lock import Lock
from .outcome import PageOutcome
from .render import Renderer, templates_key
from .sink import Sink

EVIDENCE_VERSION = 1  # raised when the evidence checks change what they find (cached outcomes go)


def evidence_checks_on() -> bool:
    """FACTSITE_EVIDENCE=off turns the evidence checks off (for measuring their cost)."""
    return os.environ.get("FACTSITE_EVIDENCE", "on").lower() not in ("off", "0", "no")


@dataclass(frozen=True)
class Plan:
    """What this build does, decided before any page is done."""

    inputs: Inputs
    lock: Lock  # sources.lock as read
    stamp: str  # the sources (`incremental.sources_stamp`)
    looks: str | None  # templates, configuration and lock history; None: a check
    renderer: Renderer | None  # None: a check
    reuse: Reuse
    evidence: dict | None  # the evidence checks' aliases; None: checks off
    evidence_key: str
    kept: list[PageOutcome | None]  # for each page, its outcome reused from the last build; None: to do
    memory: PreviewMemory | None  # the live preview's

    @property
    def todo(self) -> list[int]:
        """The pages to be done (places in `inputs.pages`)."""
        return [i for i, o in enumerate(self.kept) if o is None]


def make_plan(inputs: Inputs, lock: Lock, state: SavedState | None, memory: PreviewMemory | None,
              sink: Sink | None) -> Plan:
    stamp = sources_stamp(inputs.sources)
    renderer = looks = None
    if sink is not None:
        tkey = templates_key(inputs.root)
        renderer = Renderer(inputs.root, inputs.config, inputs.sources, environment(inputs.root, tkey, state, memory))
        renderer.evidence = dict(lock.history_key())  # source pages show the accepted changes
        looks = key(tkey, dataclasses.astuple(inputs.config), lock.history_key())
    aliases = alias_index(inputs.config.aliases) if evidence_checks_on() else None
    evidence_key = key("evidence", EVIDENCE_VERSION, aliases is not None, inputs.config.aliases)
    reuse = Reuse(state, sink, looks, inputs.sources, stamp, evidence_key)
    kept = [reuse.outcome(job) for job in inputs.pages]
    return Plan(inputs, lock, stamp, looks, renderer, reuse, aliases, evidence_key, kept, memory)
