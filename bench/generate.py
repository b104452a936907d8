"""A deterministic synthetic project of any size, for the benchmark and the fault tests.

    python bench/generate.py OUT --pages 1000 [--sources N] [--paragraphs P] [--seed 1]

S sources of P paragraphs of plain English-like prose; C explainer pages of about 40
claims, two citations each, most quoting words cut from the cited paragraph, some
citing a range, some with an omission or an insertion. Same seed, same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

WORDS = (
    "the council said on tuesday that three movements had agreed to speak with one voice about the crisis "
    "and would issue a joint statement calling for elections a new constitution and talks under united "
    "nations auspices while leaders in exile warned of serious consequences if the government refused to "
    "negotiate reports from the region suggested that neighbouring states had encouraged dialogue although "
    "officials denied any direct contact analysts described the alignment as an attempt to build a united "
    "front ahead of future negotiations women and youth must take part in any settlement humanitarian aid "
    "should resume under a neutral committee with transparency in mineral revenues and mining contracts"
).split()
NAMES = ("Ahmad", "Atta", "Yunus", "Hanif", "Mohammad", "Abdul", "Rashid", "Kabul", "Tehran", "Doha", "Geneva")


def sentence(rng: random.Random) -> str:
    n = rng.randint(8, 22)
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.5:
        words.insert(rng.randrange(n), rng.choice(NAMES))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice(".....?!")


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def cut_quote(rng: random.Random, text: str) -> str:
    words = text.split()
    k = rng.randint(4, 9)
    i = rng.randrange(max(len(words) - k, 1))
    chosen = words[i : i + k]
    roll = rng.random()
    if roll < 0.08 and len(chosen) >= 6:  # an omission
        chosen = chosen[:2] + ["..."] + chosen[-2:]
    elif roll < 0.14 and len(chosen) >= 5:  # an insertion standing for one word
        chosen = chosen[:2] + ["[they]"] + chosen[3:]
    return " ".join(chosen).strip(".?!,")


def generate(out: Path, pages: int, sources: int | None = None, paragraphs: int = 30, seed: int = 1,
             claims: int = 40) -> Path:
    rng = random.Random(seed)
    sources = sources or max(pages // 2, 5)
    (out / "content").mkdir(parents=True, exist_ok=True)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    texts: list[list[str]] = []
    for s in range(sources):
        paras = [paragraph(rng) for _ in range(paragraphs)]
        texts.append(paras)
        (out / "sources" / f"source-{s:05d}.txt").write_text("\n".join(paras) + "\n", encoding="utf-8")
        (out / "sources" / f"source-{s:05d}.yml").write_text(
            f'title: "Report number {s}"\npublisher: Agency {s % 17}\npublished: 2025-12-{1 + s % 28:02d}\n'
            "language: en\n", encoding="utf-8")
    for c in range(pages):
        body = [f'---\ntitle: "Explainer {c}: {sentence(rng)[:40]}"\nsummary: "{sentence(rng)[:80]}"\n'
                f"date: 2025-12-{1 + c % 28:02d}\n---\n"]
        notes = []
        for k in range(claims):
            if k % 10 == 0:
                body.append(f"## Section {k // 10 + 1}\n")
            refs = []
            for j in range(2):
                s = rng.randrange(sources)
                n = rng.randint(1, paragraphs)
                label = f"c{k}-{j}"
                refs.append(f"[^{label}]")
                if rng.random() < 0.05 and n < paragraphs:
                    notes.append(f"[^{label}]: source-{s:05d}#p{n}-{n + 1}")
                elif rng.random() < 0.1:
                    notes.append(f"[^{label}]: source-{s:05d}#p{n} -- context only")
                else:
                    notes.append(f'[^{label}]: source-{s:05d}#p{n} "{cut_quote(rng, texts[s][n - 1])}"')
            body.append(sentence(rng) + refs[0] + " " + sentence(rng) + refs[1] + "\n")
        (out / "content" / f"explainer-{c:05d}.md").write_text("\n".join(body) + "\n" + "\n".join(notes) + "\n",
                                                               encoding="utf-8")
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", type=Path)
    p.add_argument("--pages", type=int, default=100)
    p.add_argument("--sources", type=int, default=None)
    p.add_argument("--paragraphs", type=int, default=30)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    generate(args.out, args.pages, args.sources, args.paragraphs, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
