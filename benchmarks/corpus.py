"""A deterministic synthetic archive in the contract's format, for benchmarks.

Words are generated from syllables (no copied text); term popularity follows a Zipf-like
law, as in real coverage where a few actors and places dominate; bodies have realistic
lengths. The same ``(count, seed)`` always writes the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

SYLLABLES = tuple("ka ri mo ta ne lu sa vi do re mi an el or ul is ar en on ba".split())  # noqa: SIM905
TAXONOMY_SIZES = {"actors": 2000, "locations": 800, "tags": 150, "sources": 60}
PER_ARTICLE = {"actors": (6, 14), "locations": (3, 7), "tags": (1, 4)}


def word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


def name(rng: random.Random) -> str:
    return " ".join(word(rng, rng.randint(2, 3)).capitalize() for _ in range(rng.randint(1, 3)))


def zipf_weights(count: int, exponent: float = 1.05) -> list[float]:
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


def write_registries(root: Path, rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    """Registries for every taxonomy; returns (slug, spelling) choices with aliases."""
    folder = root / "site_config"
    folder.mkdir(parents=True, exist_ok=True)
    choices: dict[str, list[tuple[str, str]]] = {}
    for taxonomy, size in TAXONOMY_SIZES.items():
        lines: list[str] = []
        spellings: list[tuple[str, str]] = []
        for index in range(size):
            label = f"{name(rng)} {index}"
            slug = label.lower().replace(" ", "-")
            alias = f"{label.split()[0]} alias {index}"
            lines += [f"{slug}:", f"  name: {label}", f"  aliases: [{alias}]"]
            lines.append(f"  description: Synthetic {taxonomy[:-1]} number {index}.")
            if taxonomy == "locations":
                lat, lon = rng.uniform(-60, 70), rng.uniform(-170, 170)
                lines += ["  country: SY", f"  coordinates: [{lat:.2f}, {lon:.2f}]"]
            spellings.append((slug, label))
            spellings.append((slug, alias))
        (folder / f"{taxonomy}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        choices[taxonomy] = spellings
    return choices


def write_corpus(root: Path, count: int, seed: int = 2017) -> None:
    """``count`` articles under ``root/content/articles``, and registries in ``site_config``."""
    rng = random.Random(seed)
    choices = write_registries(root, rng)
    weights = {t: zipf_weights(len(c)) for t, c in choices.items()}
    start = dt.date(2014, 1, 1)
    for index in range(count):
        date = start + dt.timedelta(days=int(index * 4000 / max(count, 1)))
        title = f"{name(rng)} {word(rng, 3)} {word(rng, 2)} report {index}"
        slug = f"{'-'.join(title.lower().split()[:6])}"
        terms = {}
        for taxonomy, (low, high) in PER_ARTICLE.items():
            picked = rng.choices(choices[taxonomy], weights[taxonomy], k=rng.randint(low, high))
            terms[taxonomy] = sorted({spelling for _, spelling in picked})
        source = rng.choices(choices["sources"], weights["sources"])[0][1]
        paragraphs = [
            " ".join(word(rng, rng.randint(1, 4)) for _ in range(rng.randint(40, 90))).capitalize()
            + "."
            for _ in range(rng.randint(4, 9))
        ]
        front = [
            "---",
            f"title: {title}",
            f"date: {date.isoformat()}",
            f"source: {source}",
            f"url: https://news{index % 50}.example/{date.year}/{index}",
            *(f"{taxonomy}: [{', '.join(names)}]" for taxonomy, names in terms.items()),
            "---",
        ]
        path = root / "content/articles" / f"{date.year}" / f"{date.month:02d}" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "\n".join(front) + "\n" + "\n\n".join(paragraphs) + "\n"
        path.write_text(text, encoding="utf-8")
    (root / "content/index.md").write_text("# Synthetic archive\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    write_corpus(args.folder, args.articles, args.seed)


if __name__ == "__main__":
    main()
