#!/usr/bin/env python3
"""Merges gold files (format v1) into one, for adding annotated passages to a set.

  merge-gold.py OUT.jsonl IN.jsonl [IN.jsonl ...]

Entities with the same id become one (labels united; optional only if optional everywhere; a
type conflict is an error). Facts with the same subject, relation and object become one (their
`in` lists united; optional only if optional everywhere). Deals, shares and meetings are kept as
they are. Entities come first, then facts, then records.
"""
import json
import sys


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    ents, facts, recs = {}, {}, []
    for path in sys.argv[2:]:
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            r = json.loads(line)
            k = r["kind"]
            if k == "entity":
                old = ents.get(r["id"])
                if old is None:
                    ents[r["id"]] = r
                    continue
                if old["type"] != r["type"]:
                    sys.exit(f"{path}:{n}: entity {r['id']} is {r['type']} here, {old['type']} before")
                old["labels"] += [l for l in r["labels"] if l not in old["labels"]]
                if not r.get("optional"):
                    old.pop("optional", None)
            elif k == "fact":
                key = (r["s"], r["p"], r["o"])
                old = facts.get(key)
                if old is None:
                    facts[key] = r
                    continue
                old["in"] = sorted(set(old.get("in", [])) | set(r.get("in", [])))
                if not r.get("optional"):
                    old.pop("optional", None)
            else:
                recs.append(r)
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        for r in list(ents.values()) + list(facts.values()) + recs:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{sys.argv[1]}: {len(ents)} entities, {len(facts)} facts, {len(recs)} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
