#!/usr/bin/env python3
"""Check and build this site with factsite: `python build.py --help` lists the options."""

import sys
from pathlib import Path

from factsite.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], default_root=Path(__file__).resolve().parent, prog="build.py"))
