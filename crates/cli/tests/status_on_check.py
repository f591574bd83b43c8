"""Independent check of the Nordost status on a date (docs/method.md#status-on-a-date).

Reads the example's CSV files with the standard library only and counts, for
a status date D and tolerance T, the participants exited by D (under the
example's reentry = "once": the exit of the last episode begun by D), those
with a follow-up dated from max(exit, D - T) to D (the latest date chosen),
its status and its assistance. Usage: python3 status_on_check.py 2023-01-31 45
"""

import csv
import datetime as dt
import pathlib
import sys
from collections import Counter, defaultdict

HERE = pathlib.Path(__file__).resolve().parents[3] / "examples" / "nordost"
GENDER = {"woman": "woman", "women": "woman", "female": "woman", "f": "woman", "w": "woman",
          "kvinna": "woman", "k": "woman", "man": "man", "men": "man", "male": "man", "m": "man",
          "": "unknown", "unknown": "unknown", "-": "unknown"}


def day(text):
    return dt.date.fromisoformat(text.strip())


def main(d, t):
    d = day(d)
    t = int(t)
    episodes = defaultdict(list)
    for row in csv.DictReader(open(HERE / "participants.csv", encoding="utf-8")):
        episodes[row["id"].strip()].append(row)
    follow = defaultdict(lambda: defaultdict(set))
    for row in csv.DictReader(open(HERE / "follow_ups.csv", encoding="utf-8")):
        follow[row["participant_id"].strip()][day(row["date"])].add(
            (row["status"].strip(), row["receives_assistance"].strip()))
    counts = defaultdict(Counter)
    for pid, rows in episodes.items():
        rows.sort(key=lambda r: day(r["entry_date"]))
        begun = [r for r in rows if day(r["entry_date"]) <= d]
        if not begun:
            continue
        g = GENDER.get(rows[0]["gender"].strip().lower(), "non_binary")
        last = begun[-1]
        if not last["exit_date"].strip() or day(last["exit_date"]) > d:
            continue
        exit_ = day(last["exit_date"])
        c = counts[g]
        c["exited"] += 1
        start = max(exit_, d - dt.timedelta(days=t))
        dates = [x for x in follow[pid] if start <= x <= d]
        if not dates:
            c["no_follow_up"] += 1
            continue
        c["with_follow_up"] += 1
        values = follow[pid][max(dates)]
        if len(values) > 1:
            c["status:missing"] += 1
            c["assistance:not_recorded"] += 1
            continue
        (status, assistance), = values
        c["status:" + (status or "missing")] += 1
        c["assistance:" + {"true": "on", "false": "off"}.get(assistance.lower(), "not_recorded")] += 1
    total = Counter()
    for g, c in sorted(counts.items()):
        print(g, dict(sorted(c.items())))
        total.update(c)
    print("all", dict(sorted(total.items())))


if __name__ == "__main__":
    main(*sys.argv[1:3])
