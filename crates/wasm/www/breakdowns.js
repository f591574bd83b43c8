// The page's breakdowns (docs/report.md#breakdowns): one collapsible section
// per breakdown with its groups' enrolment, a table and a chart per goal,
// and a table per parameter. Layout only: every figure comes from the
// report and every word and format from the catalogue, handed in by app.js.
import { goalsChart } from "./charts.js";

/** A group's key as people read it: yes/no/unknown in the page's language. */
function groupName(kind, key, T) {
  if (key === "unknown") return T.label.unknownGroup;
  if (kind === "tag" && key === "yes") return T.label.yes;
  if (kind === "tag" && key === "no") return T.label.no;
  return key;
}

/** The breakdown's title: "By age at entry", "By tag: newly_arrived", … */
function title(b, T) {
  if (b.kind === "age") return T.label.byAge;
  if (b.kind === "cohort") return T.label.byCohort;
  const name = b.id.slice(b.id.indexOf(":") + 1);
  return `${b.kind === "tag" ? T.label.byTag : T.label.byColumn}: ${name}`;
}

/**
 * Renders `report.breakdowns` into `container`.
 * `ui` = { T, f, cell, header, rowHeader, count, share, genders }; `f()` gives
 * the current number formats.
 */
export function renderBreakdowns(container, report, ui) {
  const { T, f, cell, header, rowHeader, count, share, genders } = ui;
  const C = T.column;
  // Keep open the sections the reader opened, across re-renders.
  const open = new Set(
    [...container.querySelectorAll("details[open]")].map((d) => d.dataset.breakdown),
  );
  container.replaceChildren();
  container.closest("section").hidden = report.breakdowns.length === 0;
  for (const b of report.breakdowns) {
    const details = document.createElement("details");
    details.className = "breakdown";
    details.dataset.breakdown = b.id;
    details.open = open.has(b.id);
    const summary = document.createElement("summary");
    summary.textContent = title(b, T);
    details.append(summary);
    const names = b.groups.map((g) => groupName(b.kind, g.group, T));

    const wrap = () => {
      const div = document.createElement("div");
      div.className = "table-wrap";
      const table = document.createElement("table");
      div.append(table);
      details.append(div);
      return table;
    };

    const enrolment = header(wrap(), summary.textContent, [
      C.group, C.enrolled, C.exited, ...genders.map((g) => T.gender[g]),
    ]);
    b.groups.forEach((g, i) => {
      const tr = document.createElement("tr");
      tr.dataset.group = g.group;
      tr.append(
        rowHeader(names[i]),
        cell("td", g.enrolment.enrolled, count, "enrolled"),
        cell("td", g.enrolment.exited, count, "exited"),
        ...genders.map((k) => cell("td", g.enrolment.byGender[k].count, count, k)),
      );
      enrolment.append(tr);
    });

    const goals = b.groups[0]?.goals ?? [];
    goals.forEach((first, k) => {
      const heading = document.createElement("h4");
      heading.textContent = first.name;
      details.append(heading);
      const body = header(wrap(), first.name, [C.group, C.achieved, C.denominator, C.share, C.interval, C.status]);
      const rows = b.groups.map((g, i) => {
        const goal = g.goals[k];
        const tr = document.createElement("tr");
        tr.dataset.group = g.group;
        tr.dataset.goal = goal.id;
        const status = cell("td", goal.status, (v) => (v === "suppressed" ? f().suppressed : T.status[v] ?? v), "status");
        tr.append(
          rowHeader(names[i]),
          cell("td", goal.achieved, count, "achieved"),
          cell("td", goal.denominator, count, "denominator"),
          cell("td", goal.share, share, "share"),
          cell("td", goal.ci.lower, () => f().shareInterval(goal.ci.lower, goal.ci.upper), "ci"),
          status,
        );
        body.append(tr);
        // The chart draws each group as a bar against the goal's target.
        return { ...goal, id: `${goal.id}:${g.group}`, name: names[i] };
      });
      const figure = document.createElement("figure");
      figure.className = "chart";
      figure.append(...goalsChart(rows, {
        title: `${first.name} · ${summary.textContent}`,
        share,
        tick: (v) => f().percent(v, 0),
        // A hidden status (a publishable copy) reads as the hidden marker.
        status: { ...T.status, suppressed: f().suppressed },
      }));
      details.append(figure);
    });

    const parameters = b.groups[0]?.parameters ?? [];
    parameters.forEach((first, q) => {
      const heading = document.createElement("h4");
      heading.textContent = first.name;
      details.append(heading);
      const body = header(wrap(), first.name, [
        C.group, C.evaluable, C.improved, C.unchanged, C.worsened, C.meanGain,
      ]);
      const counted = (n, s) => (n === "suppressed" ? f().suppressed : `${count(n)} (${share(s)})`);
      b.groups.forEach((g, i) => {
        const p = g.parameters[q];
        const tr = document.createElement("tr");
        tr.dataset.group = g.group;
        tr.dataset.parameter = p.id;
        tr.append(
          rowHeader(names[i]),
          cell("td", p.evaluable, count, "evaluable"),
          cell("td", p.improved, () => counted(p.improved, p.improvedShare), "improved"),
          cell("td", p.unchanged, () => counted(p.unchanged, p.unchangedShare), "unchanged"),
          cell("td", p.worsened, () => counted(p.worsened, p.worsenedShare), "worsened"),
          cell("td", p.meanGain, (v) => f().meanGain(v), "meanGain"),
        );
        body.append(tr);
      });
    });
    container.append(details);
  }
}
