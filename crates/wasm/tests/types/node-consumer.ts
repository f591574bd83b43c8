// The Node build has the same API and types, without init.
import { Programme, evaluate } from "../../pkg-node/stegvis.js";
import type { Report } from "../../pkg-node/stegvis.js";

export function share(toml: string, participants: string): number | null {
  const report: Report = evaluate(Programme.fromToml(toml), { participants });
  const value = report.goals[0]?.share;
  return typeof value === "number" ? value : null;
}

import { Format, phrase, words } from "../../pkg-node/stegvis.js";
import type { Words } from "../../pkg-node/stegvis.js";

export function metInSwedish(): string {
  const w: Words = words("sv");
  const f = new Format("sv");
  return `${w.status.met} ${f.share(0.5)} ${phrase("sv", { phrase: "row", row: 5 })}`;
}

// The ESF+ profile and the before/after table (docs/esf.md#profile).
export function employedAfterLeaving(toml: string, participants: string): number | null {
  const report: Report = evaluate(Programme.fromToml(toml), { participants }, { profile: "esf" });
  const jobs = report.esf?.indicators.in_employment.byGender.woman;
  const off = report.assistance.steps[0]?.notOnAssistance;
  return typeof jobs === "number" && typeof off === "number" ? jobs + off : null;
}

import type { BalanceRow, Comparison } from "../../pkg-node/stegvis.js";

/** The comparison group's difference for the first goal (docs/comparison.md). */
export function compared(toml: string, participants: string, others: string): number | null {
  const report: Report = evaluate(Programme.fromToml(toml), { participants }, {
    comparison: { participants: others },
  });
  const comparison: Comparison | null = report.comparison;
  const rows: BalanceRow[] = comparison?.balance ?? [];
  const d = comparison?.goals[0]?.difference?.difference;
  return rows.length > 0 && typeof d === "number" ? d : null;
}

import { readParticipants } from "../../pkg-node/stegvis.js";
import type { Participants } from "../../pkg-node/stegvis.js";

/** Participants read once, evaluated with two sets of assessments (docs/data.md#participants-once). */
export function twice(toml: string, participants: Uint8Array, first: string, second: string): [Report, Report] {
  const read: Participants = readParticipants(Programme.fromToml(toml), participants, { encoding: "utf-8" });
  try {
    return [read.evaluate({ assessments: first }, { asOf: "2023-01-31" }), read.evaluate({ assessments: second })];
  } finally {
    read.free();
  }
}

import type { Dataset } from "../../pkg-node/stegvis.js";

/** Tables read once, evaluated at two dates (docs/data.md#participants-once). */
export function atTwoDates(read: Participants, assessments: string): [Report, Report] {
  const data: Dataset = read.read({ assessments }, { encoding: "auto" });
  try {
    return [data.evaluate({ asOf: "2022-06-30" }), data.evaluate({ asOf: "2022-12-31", profile: "esf" })];
  } finally {
    data.free();
  }
}
