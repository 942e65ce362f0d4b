"""Likely-duplicate search (contacts/duplicates.py): 100,000 generated people, and blocked vs. naive all-pairs.

Usage: python benchmarks/contacts_duplicates.py [--people N] [--sample N]
Prints the time for N people (target: a few seconds for 100,000) and, on a sample small enough for the naive
run, both times, their ratio and whether both found the same pairs.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from inklusio.contacts.duplicates import Record, find_pairs, find_pairs_naively  # noqa: E402

FIRST = ["Anna", "Ben", "Clara", "Jörg", "Elif", "Mehmet", "Sophie", "Lars", "Ida", "Noah", "Greta", "Umut", "David"]
SYLLABLES = ["mül", "schmi", "wei", "ka", "ya", "bek", "krü", "neu", "öz", "wolf", "al", "brecht", "ßen", "ler", "ge"]


def generate(count: int, seed: int = 7) -> list[Record]:
    """People with realistic collisions: about 2 % typed again with a typo, an umlaut spelled out or a +tag."""
    rng = random.Random(seed)
    people = []
    for i in range(count):
        last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        last = (last + "".join(rng.choice("bdfgklmnrstz") + rng.choice("aeiouy") for _ in range(2))).capitalize()
        first = rng.choice(FIRST)
        organisations = frozenset({rng.randrange(count // 20 + 1)}) if rng.random() < 0.7 else frozenset()
        people.append(Record(i, first, last, f"p{i}@example.org", organisations))
        if rng.random() < 0.02:
            variant = rng.choice(["typo", "umlaut", "email"])
            if variant == "typo":
                last = last[:-1] + rng.choice("aeiou")
            elif variant == "umlaut":
                last = last.replace("ü", "ue").replace("ö", "oe").replace("ß", "ss")
            email = f"p{i}+news@example.org" if variant == "email" else ""
            people.append(Record(count + i, first, last, email, organisations))
    return people


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=3_000)
    args = parser.parse_args()

    people = generate(args.people)
    result, seconds = timed(find_pairs, people)
    print(
        f"blocked: {len(people):,} people, {len(result.pairs):,} candidate pairs, {result.comparisons:,} comparisons,"
        f" {len(result.oversized_blocks)} oversized blocks, {seconds:.2f} s"
    )

    sample = generate(args.sample, seed=11)
    blocked, blocked_seconds = timed(find_pairs, sample)
    naive, naive_seconds = timed(find_pairs_naively, sample)
    all_pairs = len(sample) * (len(sample) - 1) // 2
    same = set(blocked.pairs) == set(naive)
    print(
        f"sample of {len(sample):,}: blocked {blocked_seconds:.3f} s ({blocked.comparisons:,} comparisons), "
        f"naive {naive_seconds:.3f} s ({all_pairs:,} comparisons), ratio {naive_seconds / blocked_seconds:.0f}x, "
        f"same pairs: {'yes' if same else 'NO'} ({len(naive)})"
    )
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
