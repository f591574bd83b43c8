# Independent check of the Nordost comparison group as of 2022-12-31, from the CSVs and docs/ only
# (crates/cli/tests/comparison.rs pins these numbers). Run from the repository root:
#     python3 crates/cli/tests/comparison_check.py [AS_OF]   (default 2022-12-31; the page test uses 2023-01-31)
import csv, math
from datetime import date
D = lambda s: date.fromisoformat(s)
import sys
AS_OF = date.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else date(2022, 12, 31)
def read(name): return list(csv.DictReader(open("examples/nordost/" + name, encoding="utf-8")))
people = [p for p in read("comparison_participants.csv") if D(p["entry_date"]) <= AS_OF]
n = len(people)
women = sum(p["gender"] == "K" for p in people); men = sum(p["gender"] == "M" for p in people)
def age(p):
    b, e = D(p["birth_date"]), D(p["entry_date"])
    return e.year - b.year - ((e.month, e.day) < (b.month, b.day))
bands = {"<18": 0, "18-29": 0, "30-54": 0, "55+": 0}
for p in people:
    a = age(p); bands["<18" if a < 18 else "18-29" if a < 30 else "30-54" if a < 55 else "55+"] += 1
tags = {t: sum(t in p["tags"].split(";") for p in people) for t in ["newly_arrived", "long_term_assistance"]}
rows = {}
for r in read("comparison_assessments.csv"):
    rows.setdefault((r["participant_id"], r["parameter"]), []).append((D(r["date"]), int(r["level"])))
def gain(p, q):
    e = D(p["entry_date"]); x = D(p["exit_date"]) if p["exit_date"] and D(p["exit_date"]) <= AS_OF else None
    lo = e.toordinal() - 30; hi = min(AS_OF, x).toordinal() + 30 if x else AS_OF.toordinal()
    r = sorted(d for d in rows.get((p["id"], q), []) if lo <= d[0].toordinal() <= hi and d[0] <= AS_OF)
    return None if len(r) < 2 or r[0][0] == r[-1][0] else r[-1][1] - r[0][1]
def improved(p, qs):
    gs = [gain(p, q) for q in qs]
    if any(g is not None and g >= 1 for g in gs): return True
    return None if any(g is None for g in gs) else False
prog = [improved(p, ["step", "swedish"]) for p in people]
GOOD = {"employment", "subsidised_employment", "education", "job_seeking"}
def closer(p):
    s = improved(p, ["step"])
    exited = p["exit_date"] and D(p["exit_date"]) <= AS_OF
    o = (p["exit_outcome"] in GOOD) if exited else False
    if s is True or o: return True
    return None if s is None else False
clos = [closer(p) for p in people]
print("enrolled", n, "women", women, "men", men, "bands", bands, "tags", tags)
print("progression", sum(v is True for v in prog), "of", n, "(unknown", sum(v is None for v in prog), ")")
print("closer", sum(v is True for v in clos), "of", n)
Z = 1.959963984540054
def wilson(k, m):
    c = (k + Z*Z/2)/(m + Z*Z); h = Z/(m + Z*Z)*math.sqrt(k*(m-k)/m + Z*Z/4); return c-h, c+h
def newcombe(k1, n1, k2, n2):
    p1, p2 = k1/n1, k2/n2; l1, u1 = wilson(k1, n1); l2, u2 = wilson(k2, n2)
    return p1-p2, p1-p2-math.hypot(p1-l1, u2-p2), p1-p2+math.hypot(u1-p1, p2-l2)
k = sum(v is True for v in prog)
print("progression difference", newcombe(150, 200, k, n))
