// A TypeScript consumer of the web build's types, checked by `tsc --noEmit`.
// The @ts-expect-error lines must be errors: if the types were `any`, or
// named fields in snake_case, tsc would fail on them.
import init, { Partial, Programme, combine, evaluate, explain, newcombeDifference, partial, partitionOf, tableOf, wilsonInterval, workbookTables } from "../../pkg/stegvis.js";
import type {
  Bounds,
  Count,
  Difference,
  ErrorCode,
  Explanation,
  GoalResult,
  GoalStatus,
  Issue,
  PartialOptions,
  Progress,
  Report,
  Share,
  StegvisError,
  Suppressed,
  TableKey,
  Tables,
} from "../../pkg/stegvis.js";

export async function main(toml: string, participants: string): Promise<string> {
  await init();
  const programme: Programme = Programme.fromToml(toml);
  const tables: Tables = {
    participants,
    assessments: [{ participant_id: "a", date: new Date(2021, 2, 1), parameter: "step", level: 2 }],
    followUps: null,
  };
  const report: Report = evaluate(programme, tables, { asOf: "2023-01-31", strict: false });
  // Progress for a bar (docs/page.md#progress): a reading step names its table.
  const told: string[] = [];
  evaluate(programme, tables, {
    progress: (p: Progress) => {
      told.push(p.stage === "reading" ? `${p.table ?? "workbook"} ${p.rows}` : `${p.participants}`);
      // @ts-expect-error an evaluating step has no table
      if (p.stage === "evaluating") told.push(p.table);
    },
  });
  const goal: GoalResult = report.goals[0];
  const share: Share = goal.share;
  const status: GoalStatus | Suppressed = goal.status;
  const women: Count = report.enrolment.byGender.woman.count;
  const nonBinary: Share = goal.byGender.non_binary.share;
  const employed: Count = report.exits.byOutcome.subsidised_employment.count;
  const sixMonths: Count | undefined = report.followUps[0]?.byStatus.missing;
  const issue: Issue | undefined = report.dataQuality[0];
  const gap: number | null | "suppressed" = goal.genderGap?.difference ?? null;
  const ladder: Count[][] | null = report.parameters[0].transitions;
  const publishable: Report = report.suppress(5);
  const text: string = publishable.toText("sv");
  const csv: string = publishable.toCsv();
  const slot: TableKey | null = tableOf(participants);
  const xlsx: Uint8Array = publishable.toXlsx("sv");
  const sheets: TableKey[] = workbookTables(xlsx);
  const fromWorkbook: Report = evaluate(programme, { workbook: xlsx.buffer as ArrayBuffer }, { asOf: "2023-01-31" });
  const sheet: string | undefined = (null as unknown as StegvisError).sheet;
  const again: Programme = Programme.fromJson(programme.toJSON());
  const planned: number = again.toJSON().planned_participants;
  const explained = explain(programme, tables, { participant: "a" });
  const reasons: string[] = Array.isArray(explained)
    ? explained.flatMap((e: Explanation) => e.goals.map((g) => g.reason))
    : explained?.goals.map((g) => g.reason) ?? [];
  const w: Bounds | null = wilsonInterval(81, 263);
  const d: Difference | null = newcombeDifference(56, 70, 48, 80, 0.95);

  // Partial reports (docs/partials.md#javascript).
  const partialOptions: PartialOptions = { asOf: "2023-01-31", every: "quarter", profile: "esf" };
  const east: Partial = partial(programme, tables, partialOptions);
  const west: Partial = Partial.fromJson(east.toJson());
  const region: Partial = combine([east, west]).combine(west);
  const combined: Report = region.report();
  const counted: number = region.participants;
  const asOf: string = region.asOf;
  const partition: number = partitionOf("A1", 7) + partitionOf(12345, 7);
  const partialCode: ErrorCode = "partial_as_of_differs";
  region.free();
  // @ts-expect-error a partial carries no comparison group
  partial(programme, tables, { comparison: tables });
  // @ts-expect-error combine takes an array of partials
  combine(east, west);
  // @ts-expect-error a partial is read from text
  Partial.fromJson({ format: "stegvis-partial", version: 1 });
  // @ts-expect-error the number of participants is a number, not a bigint
  const big: bigint = east.participants;

  // @ts-expect-error JavaScript field names are camelCase
  report.as_of;
  // @ts-expect-error a share may be null or "suppressed", not only a number
  const plain: number = goal.share;
  // @ts-expect-error genders are a closed set of data keys
  report.enrolment.byGender.female;
  // @ts-expect-error data keys keep their snake_case
  goal.byGender.nonBinary;
  // @ts-expect-error statuses are a closed set
  const wrong: GoalStatus = "passed";
  // @ts-expect-error toText takes "sv" or "en"
  report.toText("de");
  // @ts-expect-error participants are required
  evaluate(programme, { assessments: "" });
  // @ts-expect-error options are camelCase
  evaluate(programme, tables, { as_of: "2023-01-31" });
  // @ts-expect-error a table is CSV text or an array of records
  evaluate(programme, { participants: 42 });

  try {
    Programme.fromToml("id = [");
  } catch (e) {
    const error = e as StegvisError;
    const code: ErrorCode = error.code;
    const row: number | undefined = error.row;
    const where: string = `${error.table ?? ""} ${error.column ?? ""} ${error.path ?? ""}`;
    // @ts-expect-error codes are a closed set
    const bogus: ErrorCode = "no_such_code";
    return `${code} ${row} ${where} ${bogus}`;
  }
  return JSON.stringify([share, status, women, nonBinary, employed, sixMonths, issue, gap, ladder,
    text, csv, slot, planned, reasons, w?.lower, d?.difference, plain, wrong,
    combined.asOf, counted, asOf, partition, partialCode, big]);
}

import type { Feed, Participants as WebParticipants, Dataset as WebDataset } from "../../pkg/stegvis.js";

/** A CSV file read as it arrives (docs/data.md#feed). */
export async function fed(read: WebParticipants, file: Blob): Promise<WebDataset> {
  const feed: Feed = read.feed({ encoding: "auto" });
  const reader = file.stream().getReader();
  for (let piece = await reader.read(); !piece.done; piece = await reader.read()) {
    feed.push("assessments", piece.value);
  }
  // @ts-expect-error: the participants are read by readParticipants.
  feed.push("participants", new Uint8Array());
  return feed.finish();
}
