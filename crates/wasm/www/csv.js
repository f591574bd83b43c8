// The report as one tidy CSV table: section, item, group, measure, value.
// `item` is the goal or parameter id, the outcome or horizon; `group` is the
// gender for per-gender figures ("all" otherwise); `measure` is the report's
// field name (dotted for nested fields). Suppressed values stay "suppressed".

const HEADER = ["section", "item", "group", "measure", "value"];

function quote(value) {
  const s = value === null || value === undefined ? "" : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Scalar fields of `object` as [measure, value], nested objects dotted. */
function fields(object, prefix = "") {
  const out = [];
  for (const [key, value] of Object.entries(object)) {
    const name = prefix + key;
    if (key === "byGender") continue; // written per gender by the caller
    if (Array.isArray(value)) {
      if (value.every((v) => Array.isArray(v))) {
        value.forEach((row, i) => row.forEach((v, j) => out.push([`${name}.${i + 1}.${j + 1}`, v])));
      } else {
        out.push([name, value.join(" ")]);
      }
    } else if (value !== null && typeof value === "object") {
      out.push(...fields(value, `${name}.`));
    } else {
      out.push([name, value]);
    }
  }
  return out;
}

export function reportCsv(report) {
  const rows = [HEADER];
  const add = (section, item, group, pairs) => {
    for (const [measure, value] of pairs) rows.push([section, item, group, measure, value]);
  };
  const byGender = (section, item, object) => {
    for (const [gender, values] of Object.entries(object.byGender ?? {})) {
      add(section, item, gender, fields(values));
    }
  };

  add("programme", report.programme.id, "all", [["name", report.programme.name], ["asOf", report.asOf]]);
  add("enrolment", "", "all", fields(report.enrolment));
  byGender("enrolment", "", report.enrolment);
  for (const goal of report.goals) {
    add("goals", goal.id, "all", fields(goal));
    byGender("goals", goal.id, goal);
  }
  for (const parameter of report.parameters) {
    add("parameters", parameter.id, "all", fields(parameter));
    byGender("parameters", parameter.id, parameter);
  }
  add("exits", "", "all", [["exited", report.exits.exited]]);
  for (const [outcome, values] of Object.entries(report.exits.byOutcome)) {
    add("exits", outcome, "all", fields(values));
  }
  for (const followUp of report.followUps) {
    add("followUps", `${followUp.afterMonths}`, "all", fields(followUp));
  }
  for (const issue of report.dataQuality) {
    add("dataQuality", issue.kind, "all", fields({ table: issue.table, count: issue.count, rows: issue.rows }));
  }
  return rows.map((row) => row.map(quote).join(",")).join("\n") + "\n";
}
