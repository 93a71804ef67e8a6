#!/usr/bin/env python3
"""Checks a gold file (format v1) against the passages it annotates.

  check-gold.py GOLD.jsonl PASSAGE_DIR [PASSAGE_DIR ...]

Reports, with line numbers: malformed JSON, unknown kinds, types, relations, roles and deal
stages; entity ids used but not defined, defined twice with different types, or defined and
never used by any passage's text; `in` prefixes that name no passage; labels (Hindi ones) that
occur in no passage; a full Hindi name given to two ids. Exits 1 when anything is wrong.
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

TYPES = {"Person", "Country", "Organization", "Place", "WeaponSystem", "Event"}
RELATIONS = {"met", "holdsRole", "represents", "headOf", "visited", "attended", "invited", "condemned",
             "buys", "seeksToBuy", "supplies", "offers", "negotiatesWith", "cooperatesWith", "usedIn",
             "madeIn", "locatedIn"}
STAGES = {"Proposed", "Approved", "Negotiating", "Signed", "Delivered", "Cancelled"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DROP = {"\u093c", "\u200d", "\u200c", "\u00ad"}


def key(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    out = []
    for ch in s:
        if ch in DROP:
            continue
        if ch == "\u0901":
            ch = "\u0902"
        if "\u0966" <= ch <= "\u096f":
            ch = str(ord(ch) - 0x966)
        if ch.isspace() or ch in "-‐–—.'\"‘’“”()[]":
            continue
        out.append(ch.lower())
    return unicodedata.normalize("NFC", "".join(out))


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    gold = Path(sys.argv[1])
    passages = {}
    for d in sys.argv[2:]:
        for p in sorted(Path(d).glob("*.txt")):
            passages[p.name.split("_")[0]] = key(p.read_text(encoding="utf-8"))
    problems = []
    ents, used, recs = {}, set(), []
    for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{gold}:{n}: not JSON: {e}")
            continue
        k = r.get("kind")
        if k == "entity":
            if r.get("type") not in TYPES:
                problems.append(f"{gold}:{n}: entity {r.get('id')}: unknown type {r.get('type')!r}")
            if r["id"] in ents and ents[r["id"]][0]["type"] != r.get("type"):
                problems.append(f"{gold}:{n}: entity {r['id']} defined again with another type")
            if r["id"] in ents:
                problems.append(f"{gold}:{n}: entity {r['id']} defined twice (line {ents[r['id']][1]})")
            ents[r["id"]] = (r, n)
            continue
        if k not in {"fact", "deal", "share", "meeting"}:
            problems.append(f"{gold}:{n}: unknown kind {k!r}")
            continue
        recs.append((r, n))
        for a in r.get("in", []):
            if a not in passages:
                problems.append(f"{gold}:{n}: 'in' names {a!r}, which is no passage")
        if not r.get("in") and not r.get("optional"):
            problems.append(f"{gold}:{n}: no 'in'")
        refs = []
        if k == "fact":
            if r.get("p") not in RELATIONS:
                problems.append(f"{gold}:{n}: unknown relation {r.get('p')!r}")
            refs = [r.get("s")] + ([] if r.get("p") == "holdsRole" else [r.get("o")])
        elif k == "deal":
            refs = [r.get("buyer"), r.get("seller"), r.get("system")]
            if "status" in r and r["status"] not in STAGES:
                problems.append(f"{gold}:{n}: unknown deal status {r['status']!r}")
            if "date" in r and not DATE.match(str(r["date"])):
                problems.append(f"{gold}:{n}: date {r['date']!r} is not YYYY[-MM[-DD]]")
            if "value" in r and "currency" not in r:
                problems.append(f"{gold}:{n}: a value without a currency")
        elif k == "share":
            refs = [r.get("importer"), r.get("exporter")]
            for f in ("percent", "from", "to"):
                if f not in r:
                    problems.append(f"{gold}:{n}: share without {f}")
        elif k == "meeting":
            refs = list(r.get("participants", [])) + list(r.get("place", []))
            if len(r.get("participants", [])) < 2:
                problems.append(f"{gold}:{n}: a meeting needs two participants")
            if "date" in r and not DATE.match(str(r["date"])):
                problems.append(f"{gold}:{n}: date {r['date']!r} is not YYYY[-MM[-DD]]")
        for e in refs:
            used.add(e)
            if e not in ents:
                problems.append(f"{gold}:{n}: entity {e!r} is not defined (define entities before use)")
    for gid, (r, n) in ents.items():
        if gid not in used and not r.get("optional"):
            # an entity with no fact is fine, but it must be in some passage
            pass
        hindi = [l for l in r.get("labels", []) if re.search("[\u0900-\u097f]", l)]
        if hindi and not any(key(l) in t for l in hindi for t in passages.values()):
            problems.append(f"{gold}:{n}: entity {gid}: no Hindi label occurs in any passage")
        if not hindi:
            problems.append(f"{gold}:{n}: entity {gid}: no Hindi label")
    # a full name (more than one word) given to two ids makes one entity two (organisations
    # aside: every state has its रक्षा मंत्रालय; and events: every year has its जी20 शिखर सम्मेलन)
    owner = {}
    for gid, (r, n) in ents.items():
        for l in r.get("labels", []):
            if r.get("type") not in ("Organization", "Event") and " " in l.strip() and re.search("[\u0900-\u097f]", l):
                other = owner.setdefault(key(l), gid)
                if other != gid:
                    problems.append(f"{gold}:{n}: entity {gid}: label {l!r} also names {other}")
    for p in problems:
        print(p)
    print(f"{gold}: {len(ents)} entities, {len(recs)} records, {len(passages)} passages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
