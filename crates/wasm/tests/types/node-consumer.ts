// The Node build has the same API and types, without init.
import { Programme, evaluate } from "../../pkg-node/stegvis.js";
import type { Report } from "../../pkg-node/stegvis.js";

export function share(toml: string, participants: string): number | null {
  const report: Report = evaluate(Programme.fromToml(toml), { participants });
  const value = report.goals[0]?.share;
  return typeof value === "number" ? value : null;
}
