// Re-entry on the page (docs/report.md#reentry): under the enrolment
// summary, the programme's re-entry rule and the counts of persons,
// episodes, re-entrants and re-entries begun by as-of. Every word comes
// from the catalogue (T), every number from the core's report; `count`
// is app.js's formatter (a hidden count reads as the hidden marker).

const RULES = { once: "reentryOnce", per_episode: "reentryPerEpisode", error: "reentryError" };

/** "Re-entry: each person counted once, … · Persons 200 · Episodes 205 · …". */
export function reentryLine(T, enrolment, count) {
  const r = enrolment.reentry;
  const L = T.label;
  const counts = [
    [L.persons, r.participants],
    [L.episodes, r.episodes],
    [L.reentrants, r.reentrants],
    [L.reentries, r.reentries],
  ].map(([label, value]) => `${label} ${count(value)}`);
  return [`${L.reentry}: ${L[RULES[r.policy]]}`, ...counts].join(" · ");
}

/** Fills the re-entry line and marks the rule on it for tests and styles. */
export function renderReentry(element, T, enrolment, count) {
  element.textContent = reentryLine(T, enrolment, count);
  element.dataset.policy = enrolment.reentry.policy;
}
