#!/usr/bin/env python3
"""Writes the synthetic data set of the bundled example "nordost".

The programme is examples/nordost/programme.toml (Arbetsliv och hälsa Nordost,
ESF 2020/00551, 2021-02-01..2023-01-31, parameters `step` and `swedish`).
Every person in the data is invented: ids are pseudonyms N0001..N0200, there
are no names, and birth dates, entries, levels and outcomes are drawn from
`random.Random(SEED)`, so the files are the same on every machine.

    python3 examples/nordost/generate.py          # rewrite the three CSVs
    python3 examples/nordost/generate.py --check  # exit 1 if they differ

Deliberate mess (real registers look like this; the report must show it):

  1. Gender spelled in a mix of aliases: K, kvinna, Kvinna, woman, Woman, F
     for women; M, man, Man, male for men.
  2. Exit outcomes mostly in English, some as Swedish aliases ("arbete",
     "Arbete", "studier", "utbildning", "arbetssökande", "vård",
     "anställning med stöd").
  3. Step levels written sometimes as numbers (1..6), sometimes as the
     ladder's labels exactly as in programme.toml.
  4. Missing baselines: MISSING_BASELINE_LATE participants have their first
     assessment only months after entry; ONE_ASSESSMENT participants have a
     single assessment date (step and swedish cannot be evaluated).
  5. Exactly one conflicting duplicate: CONFLICT_ID has two `step` rows on
     one date with different levels (data-quality kind
     `conflicting_duplicate`).
  6. One participant with an empty gender (UNKNOWN_GENDER_ID ->
     `unknown_gender`).
  7. Out-of-window assessments (`outside_window`): one dated 45 days before
     entry (a pre-screening) for EARLY_ASSESSMENT_ID, and two dated 40 and 55
     days after exit (late registrations) for LATE_ASSESSMENT_IDS.
  8. One assessment for a participant id not in the participants table
     (UNKNOWN_ID -> `unknown_participant`).
  9. One participant aged 66 at entry, outside eligible_age 16-64
     (OVER_AGE_ID -> `age_outside_eligible`).
 10. One exited participant without an exit outcome (MISSING_OUTCOME_ID ->
     `missing_exit_outcome`).
 11. Some follow-ups without `receives_assistance` (not an issue: unknown).
 12. A `district` column (for the breakdown `column:district`) with four
     invented districts and some empty cells, drawn from its own
     `random.Random(DISTRICT_SEED)` so that every other value is unchanged.
 13. Re-entrants (docs/data.md#episodes): REENTRANTS participants come back
     for a second, short episode in January 2023, written as a second row of
     their id at the end of participants.csv (same gender, birth date, tags
     and district; the same exit outcome). They are drawn from their own
     `random.Random(REENTRY_SEED)` among participants who exited between
     July and November 2022 without follow-ups, so that under the
     programme's `reentry = "once"` every figure of the report as of any date
     up to 2022-12-31 is unchanged, and as of the end only the re-entry
     counts and the re-entrants' days in the programme change.

Status columns (`docs/data.md#status-columns`), drawn from their own
`random.Random(STATUS_SEED)` after everything else, so that no other value
changes: `labour_status` at entry (mostly long-term unemployed, unemployed
or inactive, as for long-term recipients of assistance; a few in Swedish or
with spaces, a few empty), `education` (mostly ISCED 0-2 and 3-4, a few
empty), `assistance_at_entry` (nearly all on assistance), and for those who
exited `assistance_at_exit` (off assistance more often after work or
studies; some not recorded) and `qualification`.

Early leavers: a share EARLY_LEAVERS of those who exit leave after three to
six months instead (drawn from a second generator, `Random(SEED + 1)`), so
that a good number are due for the 12-month follow-up before the end and the
retention goal of programme.toml has people to count.

Comparison group (docs/comparison.md#example): COMPARISON_SIZE invented
long-term recipients of assistance in the same district who did not take
part, ids J0001..J0150, written to comparison_*.csv from their own
generator `random.Random(COMPARISON_SEED)`, so that no value above changes.
Their entry_date is the index date (the day they met the same eligibility,
spread over the recruitment period), their exit_date the end of their
observation (when they left assistance or were last followed), and their
step and Swedish levels come from the social services' own follow-up of
long-term recipients. Fewer are newly arrived, every one has the tag
long_term_assistance, and their steps rise less often than the
participants' (the programme's selection and support both play a part).

Everything else is clean: no other levels outside the scale, no other
duplicates, follow-ups dated after the exit and on or before 2023-01-31.
Participants whose drawn exit falls after the programme's end have no exit
date (still active when the data were extracted).
"""

import calendar
import csv
import io
import random
import sys
from datetime import date, timedelta
from pathlib import Path

SEED = 20210201
PARTICIPANTS = 200
START = date(2021, 2, 1)
END = date(2023, 1, 31)
LAST_ENTRY = date(2022, 7, 31)  # entries spread over the first ~18 months
EARLY_LEAVERS = 0.3  # share of leavers who leave after 90-182 days
DISTRICT_SEED = SEED + 2  # SEED + 1 draws the early leavers
REENTRY_SEED = SEED + 91  # the re-entrants' own generator (issue 9)
REENTRANTS = 5
STATUS_SEED = SEED + 5  # the status columns (labour_status, education, assistance)
# (value as written, weight): long-term recipients of assistance at entry.
LABOUR_STATUSES = [
    ("long_term_unemployed", 40),
    ("Long-term unemployed", 3),
    ("långtidsarbetslös", 2),
    ("unemployed", 18),
    ("arbetslös", 2),
    ("inactive", 28),
    ("employed", 4),
    ("", 3),
]
EDUCATIONS = [("isced_0_2", 50), ("ISCED 0-2", 3), ("isced_3_4", 33), ("gymnasium", 2),
              ("isced_5_8", 8), ("", 4)]
# Invented districts, with weights; "" is an empty cell (group "unknown").
DISTRICTS = [("Centrum", 30), ("Norr", 25), ("Väster", 20), ("Öster", 15), ("", 10)]

STEP_LABELS = [
    "Ingen aktivitet",
    "Social/hälsoinsats",
    "Arbetsträning",
    "Praktik",
    "Studier/anställning med stöd",
    "Arbete/studier",
]

# (outcome, weight, aliases sometimes written instead of the English name)
OUTCOMES = [
    ("employment", 14, ["arbete", "Arbete"]),
    ("subsidised_employment", 12, ["anställning med stöd"]),
    ("education", 13, ["studier", "utbildning"]),
    ("job_seeking", 12, ["arbetssökande"]),
    ("labour_market_programme", 16, []),
    ("health_care", 14, ["vård"]),
    ("parental_leave", 5, []),
    ("moved", 6, []),
    ("other", 8, []),
]
WOMAN_SPELLINGS = ["K", "K", "K", "kvinna", "Kvinna", "woman", "Woman", "F"]
MAN_SPELLINGS = ["M", "M", "M", "man", "Man", "male"]

# The participants who carry the deliberate mess (see the list above).
UNKNOWN_GENDER_ID = "N0042"
OVER_AGE_ID = "N0077"
MISSING_OUTCOME_ID = "N0023"
CONFLICT_ID = "N0015"
EARLY_ASSESSMENT_ID = "N0031"
LATE_ASSESSMENT_IDS = ["N0003", "N0064"]
MISSING_BASELINE_LATE = ["N0050", "N0103", "N0149"]
ONE_ASSESSMENT = ["N0088", "N0121"]
UNKNOWN_ID = "N0213"

# The comparison group: its own generator (SEED + 90, clear of the
# participants' SEED, SEED + 1 and SEED + 2).
COMPARISON_SEED = SEED + 90
COMPARISON_SIZE = 150

HERE = Path(__file__).resolve().parent
FILES = [
    "participants.csv",
    "assessments.csv",
    "follow_ups.csv",
    "comparison_participants.csv",
    "comparison_assessments.csv",
    "comparison_follow_ups.csv",
]


def add_months(day, months):
    """Calendar months later, clamped to the end of the month."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def pid(i):
    return "N{:04d}".format(i)


def draw_outcome(rng):
    names = [o[0] for o in OUTCOMES]
    weights = [o[1] for o in OUTCOMES]
    return rng.choices(names, weights=weights)[0]


def spell_outcome(rng, outcome):
    aliases = next(o[2] for o in OUTCOMES if o[0] == outcome)
    if aliases and rng.random() < 0.3:
        return rng.choice(aliases)
    return outcome


def birth_date_for(rng, entry, age):
    """A birth date that makes the participant `age` full years old at entry."""
    birthday = date(entry.year - age, entry.month, min(entry.day, 28))
    return birthday - timedelta(days=rng.randint(1, 360))


def make_participants(rng):
    people = []
    span = (LAST_ENTRY - START).days
    for i in range(1, PARTICIPANTS + 1):
        p = {"id": pid(i)}
        woman = rng.random() < 0.555
        p["woman"] = woman
        spellings = WOMAN_SPELLINGS if woman else MAN_SPELLINGS
        p["gender"] = rng.choice(spellings)
        p["entry"] = START + timedelta(days=rng.randint(0, span))
        age = int(round(rng.triangular(20, 60, 36)))
        p["birth"] = birth_date_for(rng, p["entry"], age)
        tags = []
        if rng.random() < 0.7:
            tags.append("long_term_assistance")
        p["newly_arrived"] = rng.random() < 0.3
        if p["newly_arrived"]:
            tags.append("newly_arrived")
        if rng.random() < 0.4:
            tags.append("children_at_home")
        p["tags"] = ";".join(tags)
        exit_day = p["entry"] + timedelta(days=rng.randint(183, 456))
        p["exit"] = exit_day if exit_day <= END else None
        p["outcome"] = draw_outcome(rng) if p["exit"] else None
        p["outcome_text"] = spell_outcome(rng, p["outcome"]) if p["outcome"] else ""
        people.append(p)
    early = random.Random(SEED + 1)
    for p in people:
        if p["exit"] and early.random() < EARLY_LEAVERS:
            p["exit"] = p["entry"] + timedelta(days=early.randint(90, 182))
    by_id = {p["id"]: p for p in people}
    by_id[UNKNOWN_GENDER_ID]["gender"] = ""
    over = by_id[OVER_AGE_ID]
    over["birth"] = birth_date_for(rng, over["entry"], 66)
    missing = by_id[MISSING_OUTCOME_ID]
    assert missing["exit"] is not None, "the missing-outcome participant must have exited"
    missing["outcome_text"] = ""
    return people


def assessment_dates(rng, p):
    """Entry assessment, then every ~3 months, then an exit assessment."""
    last = p["exit"] or END
    first = p["entry"] + timedelta(days=rng.randint(0, 10))
    dates = [first]
    while True:
        nxt = dates[-1] + timedelta(days=rng.randint(80, 100))
        if nxt > last - timedelta(days=20):
            break
        dates.append(nxt)
    if p["exit"]:
        dates.append(p["exit"] - timedelta(days=rng.randint(0, 5)))
    return dates


def step_start(rng):
    return rng.choices([1, 2, 3, 4], weights=[30, 40, 22, 8])[0]


def swedish_start(rng, newly_arrived):
    if newly_arrived:
        return rng.choices([1, 2, 3], weights=[45, 40, 15])[0]
    return rng.choices([1, 2, 3, 4, 5], weights=[10, 20, 30, 25, 15])[0]


def drift(rng, level, top, up, down):
    r = rng.random()
    if r < up:
        return min(top, level + 1)
    if r < up + down:
        return max(1, level - 1)
    return level


def final_step(rng, outcome, level):
    """Outcomes that mean work or studies come with a high last step."""
    if outcome in ("employment", "education"):
        return max(level, 6 if rng.random() < 0.7 else 5)
    if outcome == "subsidised_employment":
        return max(level, 5)
    return level


def write_step(rng, level):
    return STEP_LABELS[level - 1] if rng.random() < 0.5 else str(level)


def make_assessments(rng, people):
    rows = []
    for p in people:
        dates = assessment_dates(rng, p)
        if p["id"] in MISSING_BASELINE_LATE:
            # The entry and first quarterly assessments were never registered.
            dates = [d for d in dates if (d - p["entry"]).days > 120] or dates[-1:]
        if p["id"] in ONE_ASSESSMENT:
            dates = dates[:1]
        step = step_start(rng)
        swedish = swedish_start(rng, p["newly_arrived"])
        for n, day in enumerate(dates):
            if n > 0:
                step = drift(rng, step, 6, 0.27, 0.08)
                swedish = drift(rng, swedish, 5, 0.2, 0.05)
            if p["exit"] and n == len(dates) - 1 and n > 0:
                step = final_step(rng, p["outcome"], step)
            rows.append([p["id"], day, "step", write_step(rng, step), step])
            rows.append([p["id"], day, "swedish", str(swedish), swedish])
    by_id = {p["id"]: p for p in people}
    extra = []
    # The one conflicting duplicate: a second step level on an existing date.
    conflict = [r for r in rows if r[0] == CONFLICT_ID and r[2] == "step"][1]
    other = conflict[4] + 1 if conflict[4] < 6 else conflict[4] - 1
    extra.append([CONFLICT_ID, conflict[1], "step", str(other), other])
    early = by_id[EARLY_ASSESSMENT_ID]
    extra.append([EARLY_ASSESSMENT_ID, early["entry"] - timedelta(days=45), "swedish", "2", 2])
    for who, days in zip(LATE_ASSESSMENT_IDS, [40, 55]):
        late = by_id[who]
        assert late["exit"] and late["exit"] + timedelta(days=days) <= END
        extra.append([who, late["exit"] + timedelta(days=days), "step", "Praktik", 4])
    extra.append([UNKNOWN_ID, date(2022, 3, 14), "swedish", "3", 3])
    rows.extend(extra)
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows


def follow_up_status(rng, outcome):
    """Where someone is months after leaving, given where they went."""
    stay = {
        "employment": 0.8,
        "subsidised_employment": 0.7,
        "education": 0.7,
        "job_seeking": 0.4,
        "labour_market_programme": 0.5,
        "health_care": 0.6,
        "parental_leave": 0.5,
        "moved": 0.9,
        "other": 0.5,
    }
    if outcome and rng.random() < stay[outcome]:
        return outcome
    return draw_outcome(rng)


def receives_assistance(rng, status):
    working = status in ("employment", "subsidised_employment", "education")
    p_assist = 0.15 if working else 0.7
    if rng.random() < 0.08:
        return ""
    return "true" if rng.random() < p_assist else "false"


def make_follow_ups(rng, people):
    rows = []
    for p in people:
        if not p["exit"]:
            continue
        reach = 0.5 if p["outcome"] == "moved" else 0.88
        status = p["outcome"]
        for months in (6, 12):
            if rng.random() >= reach:
                break
            day = add_months(p["exit"], months) + timedelta(days=rng.randint(-20, 20))
            if day > END:
                break
            status = follow_up_status(rng, status)
            rows.append([p["id"], day, status, receives_assistance(rng, status)])
            reach = 0.85
    return rows


def make_reentries(people, follow_ups):
    """Second episodes of REENTRANTS participants (see 13. above): each
    begins on a day from 2023-01-01 to 2023-01-14 and lasts 3 to 14 days,
    ending with the first episode's outcome, as written then."""
    rng = random.Random(REENTRY_SEED)
    followed = {row[0] for row in follow_ups}
    mess = {UNKNOWN_GENDER_ID, OVER_AGE_ID, MISSING_OUTCOME_ID, CONFLICT_ID,
            EARLY_ASSESSMENT_ID, *LATE_ASSESSMENT_IDS, *MISSING_BASELINE_LATE,
            *ONE_ASSESSMENT}
    candidates = [
        p for p in people
        if p["exit"] and date(2022, 7, 1) <= p["exit"] <= date(2022, 11, 30)
        and p["id"] not in followed and p["id"] not in mess
    ]
    episodes = []
    for p in sorted(rng.sample(candidates, REENTRANTS), key=lambda p: p["id"]):
        entry = date(2023, 1, 1) + timedelta(days=rng.randint(0, 13))
        again = dict(p, entry=entry, exit=entry + timedelta(days=rng.randint(3, 14)))
        assert again["exit"] <= END
        episodes.append(again)
    return episodes


def make_comparison():
    """The comparison group's three tables, from COMPARISON_SEED only."""
    rng = random.Random(COMPARISON_SEED)
    span = (LAST_ENTRY - START).days
    people = []
    for i in range(1, COMPARISON_SIZE + 1):
        woman = rng.random() < 0.5
        entry = START + timedelta(days=rng.randint(0, span))
        age = int(round(rng.triangular(20, 62, 40)))
        tags = ["long_term_assistance"]
        newly_arrived = rng.random() < 0.18
        if newly_arrived:
            tags.append("newly_arrived")
        if rng.random() < 0.35:
            tags.append("children_at_home")
        exit_day = entry + timedelta(days=rng.randint(183, 456))
        exit_day = exit_day if exit_day <= END else None
        outcome = None
        if exit_day:
            outcome = rng.choices(
                ["employment", "subsidised_employment", "education", "job_seeking",
                 "labour_market_programme", "health_care", "other"],
                weights=[8, 6, 7, 20, 15, 24, 20],
            )[0]
        people.append({
            "id": "J{:04d}".format(i),
            "gender": "K" if woman else "M",
            "birth": birth_date_for(rng, entry, age),
            "entry": entry,
            "exit": exit_day,
            "outcome": outcome,
            "newly_arrived": newly_arrived,
            "tags": ";".join(tags),
        })
    assessments = []
    for p in people:
        step = rng.choices([1, 2, 3, 4], weights=[40, 38, 17, 5])[0]
        swedish = swedish_start(rng, p["newly_arrived"])
        for n, day in enumerate(assessment_dates(rng, p)):
            if n > 0:
                step = drift(rng, step, 6, 0.13, 0.09)
                swedish = drift(rng, swedish, 5, 0.12, 0.05)
            assessments.append([p["id"], day, "step", str(step)])
            assessments.append([p["id"], day, "swedish", str(swedish)])
    follow_ups = []
    for p in people:
        if not p["exit"]:
            continue
        status = p["outcome"]
        for months in (6, 12):
            if rng.random() >= 0.8:
                break
            day = add_months(p["exit"], months) + timedelta(days=rng.randint(-20, 20))
            if day > END:
                break
            status = follow_up_status(rng, status)
            follow_ups.append([p["id"], day, status, receives_assistance(rng, status)])
    participants = [
        [p["id"], p["gender"], p["birth"], p["entry"], p["exit"] or "", p["outcome"] or "",
         p["tags"]]
        for p in people
    ]
    return participants, assessments, follow_ups


def render(rows, header):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([c.isoformat() if isinstance(c, date) else c for c in row])
    return out.getvalue()


def add_status(people):
    """The status columns, from their own generator (see the docstring)."""
    status = random.Random(STATUS_SEED)
    labour, labour_w = zip(*LABOUR_STATUSES)
    education, education_w = zip(*EDUCATIONS)
    working = ("employment", "subsidised_employment")
    for p in people:
        p["labour_status"] = status.choices(labour, labour_w)[0]
        p["education"] = status.choices(education, education_w)[0]
        p["assistance_at_entry"] = "true" if status.random() < 0.97 else "false"
        on_at_exit = status.random()
        recorded = status.random() >= 0.08
        qualified = status.random()
        if not p["exit"]:
            p["assistance_at_exit"] = ""
            p["qualification"] = ""
            continue
        still = 0.3 if p["outcome"] in working else 0.55 if p["outcome"] == "education" else 0.85
        p["assistance_at_exit"] = ("true" if on_at_exit < still else "false") if recorded else ""
        gains = 0.4 if p["outcome"] == "education" else 0.1
        p["qualification"] = "true" if qualified < gains else "false"


def generate():
    rng = random.Random(SEED)
    people = make_participants(rng)
    districts = random.Random(DISTRICT_SEED)
    names, weights = zip(*DISTRICTS)
    for p in people:
        p["district"] = districts.choices(names, weights)[0]
    assessments = make_assessments(rng, people)
    follow_ups = make_follow_ups(rng, people)
    add_status(people)
    # A second episode repeats its person's status columns.
    episodes = make_reentries(people, follow_ups)
    participants = render(
        [
            [
                p["id"],
                p["gender"],
                p["birth"],
                p["entry"],
                p["exit"] or "",
                p["outcome_text"],
                p["tags"],
                p["district"],
                p["labour_status"],
                p["education"],
                p["assistance_at_entry"],
                p["assistance_at_exit"],
                p["qualification"],
            ]
            for p in people + episodes
        ],
        [
            "id",
            "gender",
            "birth_date",
            "entry_date",
            "exit_date",
            "exit_outcome",
            "tags",
            "district",
            "labour_status",
            "education",
            "assistance_at_entry",
            "assistance_at_exit",
            "qualification",
        ],
    )
    c_participants, c_assessments, c_follow_ups = make_comparison()
    return {
        "comparison_participants.csv": render(
            c_participants,
            ["id", "gender", "birth_date", "entry_date", "exit_date", "exit_outcome", "tags"],
        ),
        "comparison_assessments.csv": render(
            c_assessments, ["participant_id", "date", "parameter", "level"]
        ),
        "comparison_follow_ups.csv": render(
            c_follow_ups, ["participant_id", "date", "status", "receives_assistance"]
        ),
        "participants.csv": participants,
        "assessments.csv": render(
            [r[:4] for r in assessments], ["participant_id", "date", "parameter", "level"]
        ),
        "follow_ups.csv": render(
            follow_ups, ["participant_id", "date", "status", "receives_assistance"]
        ),
    }


def main(argv):
    files = generate()
    if "--check" in argv[1:]:
        stale = [
            name
            for name in FILES
            if not (HERE / name).exists()
            or (HERE / name).read_text(encoding="utf-8") != files[name]
        ]
        for name in stale:
            print("examples/nordost/{} differs from generate.py's output".format(name))
        return 1 if stale else 0
    for name in FILES:
        (HERE / name).write_text(files[name], encoding="utf-8", newline="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
