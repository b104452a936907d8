"""Worker processes get their context when they start (a pool initializer under fork),
never through a module global changed while a build runs."""

from __future__ import annotations

import os

import pytest

from factsite.workers import Workers


def _job(context: dict, item: int) -> tuple[int, int, str]:
    return os.getpid(), item * context["factor"], context["name"]


def test_each_job_sees_the_context_it_was_mapped_with():
    with Workers(2) as workers:
        items = range(40)
        assert workers.parallel(len(items))
        got = list(workers.map(_job, items, {"factor": 3, "name": "pages"}))
        assert [value for _, value, _ in got] == [3 * i for i in items]
        assert {name for _, _, name in got} == {"pages"}
        assert {pid for pid, _, _ in got} - {os.getpid()}, "the jobs ran in worker processes"
        with pytest.raises(ValueError):
            workers.map(_job, items, {"factor": 1, "name": "sources"})  # started for another context
        workers.close()
        assert {name for _, _, name in workers.map(_job, items, {"factor": 1, "name": "sources"})} == {"sources"}


def test_few_jobs_run_here_with_the_same_context():
    with Workers(2) as workers:
        got = list(workers.map(_job, range(3), {"factor": 2, "name": "few"}))
    assert got == [(os.getpid(), 0, "few"), (os.getpid(), 2, "few"), (os.getpid(), 4, "few")]
