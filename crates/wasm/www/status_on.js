// The page's status on a calendar date (docs/method.md#status-on-a-date):
// who had left by the date and who was followed up, per gender; their
// statuses, with those without a follow-up as a row of their own; and
// their assistance. Layout only: every figure comes from the report, every
// word and format from the catalogue, handed in by app.js.

/**
 * Renders `report.statusOn` into `container` (three tables); hides the
 * section without a status date.
 * `ui` = { T, f, cell, header, rowHeader, count, share, genders }.
 */
export function renderStatusOn(container, report, ui) {
  const { T, f, cell, header, rowHeader, count, share, genders } = ui;
  const C = T.column;
  const L = T.label;
  const s = report.statusOn;
  container.replaceChildren();
  container.closest("section").hidden = !s;
  if (!s) return;

  const line = document.createElement("p");
  line.id = "status-on-date";
  line.dataset.date = s.date;
  line.textContent = `${L.statusDate} ${s.date} (${L.statusTolerance}: ${s.toleranceDays})`;
  container.append(line);

  const wrap = (id) => {
    const div = document.createElement("div");
    div.className = "table-wrap";
    const table = document.createElement("table");
    table.id = id;
    div.append(table);
    container.append(div);
    return table;
  };
  // Everyone, then women and men, then any other gender someone has.
  const parts = [["all", s], ...genders
    .filter((g) => g === "woman" || g === "man" || s.byGender[g].exited !== 0)
    .map((g) => [g, s.byGender[g]])];
  const name = (g) => (g === "all" ? L.allGenders : T.gender[g]);

  const people = header(wrap("status-on-people"), T.section.statusOn, [
    C.gender, L.exitedByDate, L.withFollowUp, L.noFollowUp,
  ]);
  for (const [g, c] of parts) {
    const tr = document.createElement("tr");
    tr.dataset.gender = g;
    tr.append(
      rowHeader(name(g)),
      cell("td", c.exited, count, "exited"),
      cell("td", c.withFollowUp, count, "with_follow_up"),
      cell("td", c.noFollowUp, count, "no_follow_up"),
    );
    people.append(tr);
  }

  const statuses = header(wrap("status-on-statuses"), T.section.statusOn, [
    C.status, C.count, C.shareOfFollowedUp, C.shareOfExited,
  ]);
  for (const [key, n] of Object.entries(s.byStatus)) {
    if (n === 0) continue;
    const tr = document.createElement("tr");
    tr.dataset.status = key;
    tr.append(
      rowHeader(T.outcome[key] ?? key, true),
      cell("td", n, count, "count"),
      cell("td", s.statusShare[key], share, "share"),
      cell("td", s.statusShareOfExited[key], share, "share_of_exited"),
    );
    statuses.append(tr);
  }
  const none = document.createElement("tr");
  none.dataset.status = "no_follow_up";
  none.append(
    rowHeader(L.noFollowUp),
    cell("td", s.noFollowUp, count, "count"),
    document.createElement("td"),
    cell("td", s.noFollowUpShare, share, "share_of_exited"),
  );
  statuses.append(none);

  const assistance = header(wrap("status-on-assistance"), T.section.statusOn, [
    C.gender, L.onAssistance, L.notOnAssistance, L.assistanceNotRecorded,
    L.shareNotOnAssistance, C.interval, C.shareOfExited, C.interval,
  ]);
  for (const [g, c] of parts) {
    const tr = document.createElement("tr");
    tr.dataset.gender = g;
    tr.append(
      rowHeader(name(g)),
      cell("td", c.onAssistance, count, "on_assistance"),
      cell("td", c.notOnAssistance, count, "not_on_assistance"),
      cell("td", c.assistanceNotRecorded, count, "assistance_not_recorded"),
      cell("td", c.shareNotOnAssistance, share, "share"),
      cell("td", c.ci.lower, () => f().shareInterval(c.ci.lower, c.ci.upper), "ci"),
      cell("td", c.shareNotOnAssistanceOfExited, share, "share_of_exited"),
      cell("td", c.ciOfExited.lower, () => f().shareInterval(c.ciOfExited.lower, c.ciOfExited.upper), "ci_of_exited"),
    );
    assistance.append(tr);
  }
}
