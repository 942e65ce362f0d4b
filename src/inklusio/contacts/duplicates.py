"""Likely duplicate people, found without comparing everyone with everyone (pure: no Django).

Two records are a candidate pair when

- their normalised email addresses are equal (case, surrounding space, a ``+tag`` in the local part, dots in a
  Gmail local part and ``googlemail.com`` do not count), or
- their folded names are equal or one edit apart (umlauts and "ß" spelled out, accents dropped, so "Müller",
  "Mueller" and "Muller" meet) and their organisations do not speak against it: they share one, or at least
  one of them has none. Two people of the same name at two different organisations are not paired; the
  contact base holds several real "David Albrecht".

Blocking keeps it near linear: names are grouped by their one-deletion neighbourhood (each folded name and
every string made by deleting one character from it, as in SymSpell), so names one edit apart always share a
key, and only records sharing a key are compared. A key shared by more than :data:`MAX_BLOCK` records (a very
common name) is not expanded into pairs but reported in :attr:`Result.oversized_blocks`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

MAX_BLOCK = 60
SEARCH_EVERY_HOURS = 1  # the worker searches the whole contact base this often (duplicates_search.py)
EMAIL = "email"
NAME_AND_ORGANISATION = "name_and_organisation"
SIMILAR_NAME = "similar_name"
_RANK = {EMAIL: 0, NAME_AND_ORGANISATION: 1, SIMILAR_NAME: 2}
_GMAIL = {"gmail.com", "googlemail.com"}
_NOT_ALNUM = re.compile(r"[\W_]+")
_SPELLED_OUT = str.maketrans({"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue"})


def fold(*parts: str) -> str:
    """Lower-case, German umlauts and sharp s spelled out, accents dropped, punctuation to spaces, collapsed."""
    text = " ".join(p for p in parts if p).casefold().translate(_SPELLED_OUT)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NOT_ALNUM.sub(" ", text).strip()


_SEPARATOR = "\x00"
_NOT_ALNUM_NOR_SEPARATOR = re.compile(r"(?:[^\w\x00]|_)+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_accents(match: re.Match) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", match.group()) if not unicodedata.combining(c))


def fold_each(values: list[str]) -> list[str]:
    """``[fold(value) for value in values]``, folded as one text (an import folds 100,000 names at once).

    The values are joined with a NUL character, which every step leaves alone and keeps apart: case folding and
    spelling out work character by character, accents are dropped from each run of non-ASCII characters (an
    ASCII character never combines with what follows it), and runs of punctuation are replaced within a value."""
    joined = _SEPARATOR.join(values)
    if joined.count(_SEPARATOR) != len(values) - 1:  # a value holds the separator itself
        return [fold(value) for value in values]
    text = joined.casefold().translate(_SPELLED_OUT)
    if not text.isascii():
        text = _NOT_ASCII.sub(_without_accents, text)
    return [part.strip() for part in _NOT_ALNUM_NOR_SEPARATOR.sub(" ", text).split(_SEPARATOR)] if values else []


def normalise_email(email: str) -> str:
    """The address as the mailbox sees it: lower-case, without a ``+tag``; Gmail without dots; '' if unusable."""
    email = (email or "").strip().casefold()
    local, at, domain = email.rpartition("@")
    if not at or not local or not domain:
        return ""
    local = local.split("+", 1)[0]
    if domain in _GMAIL:
        domain, local = "gmail.com", local.replace(".", "")
    return f"{local}@{domain}" if local else ""


def within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance at most 1 (or an adjacent swap), in O(len)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True  # one substitution
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]  # one insertion


def deletion_keys(name: str) -> set[str]:
    """The name and every string with one character deleted: two names one edit apart share one of these."""
    return {name} | {name[:i] + name[i + 1 :] for i in range(len(name))}


@dataclass(frozen=True)
class Record:
    id: int
    first_name: str
    last_name: str
    email: str = ""
    organisations: frozenset = frozenset()  # organisation ids (or folded names)


@dataclass(frozen=True)
class Pair:
    low: int
    high: int
    reason: str


@dataclass
class Result:
    pairs: list[Pair]
    comparisons: int
    oversized_blocks: list[str] = field(default_factory=list)


def _organisations_agree(a: Record, b: Record) -> bool:
    return not a.organisations or not b.organisations or bool(a.organisations & b.organisations)


def _name_reason(a: Record, b: Record, name_a: str, name_b: str) -> str | None:
    if not within_one_edit(name_a, name_b) or not _organisations_agree(a, b):
        return None
    if name_a == name_b and a.organisations & b.organisations:
        return NAME_AND_ORGANISATION
    return SIMILAR_NAME


def find_pairs(records: Iterable[Record], *, dismissed: Iterable[tuple[int, int]] = (), max_block=MAX_BLOCK):
    """Candidate pairs, strongest reason first (email, name and organisation, similar name), then by id."""
    records = list(records)
    dismissed = {(min(a, b), max(a, b)) for a, b in dismissed}
    names = {r.id: fold(r.first_name, r.last_name) for r in records}
    by_id = {r.id: r for r in records}
    found: dict[tuple[int, int], str] = {}
    comparisons = 0

    def offer(a_id, b_id, reason):
        key = (min(a_id, b_id), max(a_id, b_id))
        if key in dismissed:
            return
        if key not in found or _RANK[reason] < _RANK[found[key]]:
            found[key] = reason

    by_email = defaultdict(list)
    for r in records:
        if address := normalise_email(r.email):
            by_email[address].append(r.id)
    for ids in by_email.values():
        for a_id, b_id in combinations(ids, 2):
            comparisons += 1
            offer(a_id, b_id, EMAIL)

    # Most keys belong to one record only: remember its id, and start a list only for a second one.
    first_holder, blocks = {}, {}
    for r in records:
        if len(names[r.id]) >= 3:  # initials alone say nothing
            for key in deletion_keys(names[r.id]):
                holder = first_holder.setdefault(key, r.id)
                if holder != r.id:
                    blocks.setdefault(key, [holder]).append(r.id)
    oversized = []
    seen = set()
    for key, ids in blocks.items():
        if len(ids) > max_block:
            oversized.append(key)
            continue
        for a_id, b_id in combinations(ids, 2):
            pair_key = (a_id, b_id) if a_id < b_id else (b_id, a_id)
            if pair_key in seen:
                continue
            seen.add(pair_key)
            comparisons += 1
            reason = _name_reason(by_id[a_id], by_id[b_id], names[a_id], names[b_id])
            if reason:
                offer(a_id, b_id, reason)
    pairs = [Pair(low, high, reason) for (low, high), reason in found.items()]
    pairs.sort(key=lambda p: (_RANK[p.reason], p.low, p.high))
    return Result(pairs=pairs, comparisons=comparisons, oversized_blocks=sorted(oversized))


def find_pairs_naively(records: Iterable[Record]) -> list[Pair]:
    """Every record against every other: the reference :func:`find_pairs` is measured and tested against."""
    records = list(records)
    names = {r.id: fold(r.first_name, r.last_name) for r in records}
    pairs = []
    for a, b in combinations(records, 2):
        low, high = min(a.id, b.id), max(a.id, b.id)
        email_a = normalise_email(a.email)
        if email_a and email_a == normalise_email(b.email):
            pairs.append(Pair(low, high, EMAIL))
        elif min(len(names[a.id]), len(names[b.id])) >= 3 and (reason := _name_reason(a, b, names[a.id], names[b.id])):
            pairs.append(Pair(low, high, reason))
    pairs.sort(key=lambda p: (_RANK[p.reason], p.low, p.high))
    return pairs
