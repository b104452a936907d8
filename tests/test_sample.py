"""The repository's own site (content/, sources/, site.yml): the one test that reads it.

Every other test uses its own fixture project, so a desk that replaces the sample with
its own explainers keeps the suite green; this test then checks their site instead.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO


@pytest.mark.sample
def test_the_repository_site_passes_strict_check():
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--check", "--strict"],
                            capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
