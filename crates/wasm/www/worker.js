// The page's evaluation in a Web Worker (docs/page.md#worker): reads the
// chosen files, evaluates them with stegvis and keeps the report, so the
// page's own thread stays free to draw and answer while 1 000 000
// participants are read. The page (evaluation.js) sends:
//
//   { type: "init", module, example }   the compiled WebAssembly module and
//                                        the Nordost example, to warm up on
//   { type: "evaluate", id, programme, tables, comparison, options }
//   { type: "export", id, report, copy, method, lang }   toCsv/toXlsx/toHtml
//                                        of the report evaluated as job
//                                        `report` ("full" or "publishable")
//
// and hears back "ready", "progress", "report", "exported" and "error".
// Nothing leaves the browser: the worker loads nothing and sends only to
// the page.
import init, { Programme, evaluate, readParticipants } from "./pkg/stegvis.js";

/** The module instantiated (a promise, awaited by every job). */
let ready = null;
/** The last report and its publishable copy, which carry the core's methods. */
let kept = null;

/**
 * The participants of the last evaluation, read once (docs/data.md#participants-once):
 * `{ key, bytes, participants }`, the programme and encoding they were read
 * for, the file's bytes and the `Participants` object; `null` when none.
 */
let readOnce = null;

/** Progress is told at most this often (ms), besides every change of stage. */
const PROGRESS_EVERY_MS = 50;

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    ready = init({ module_or_path: data.module });
    try {
      await ready;
      warmUp(data.example);
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "error", error: plain(error) });
    }
    return;
  }
  try {
    await ready;
    if (data.type === "evaluate") await evaluateJob(data);
    else if (data.type === "export") exportJob(data);
  } catch (error) {
    self.postMessage({ type: "error", id: data.id, error: plain(error) });
  }
};

/** How many copies of the example the worker warms up on (about 5 000 participants). */
const WARM_UP_COPIES = 25;

/**
 * Evaluates the Nordost example, each row repeated under other ids, once
 * as soon as the worker starts. The browser first runs WebAssembly through
 * a quick baseline compiler and optimises a function only after it has
 * run a while, and a loop already running keeps its slow code, so the
 * first large file read ran several times slower than the second. Warmed
 * up while the user still chooses files, the reading and evaluating
 * functions are optimised before the user's data arrive. The copies are
 * interleaved, so a participant's rows are far apart, as in real exports.
 * Nothing of it is kept or shown.
 */
function warmUp(example) {
  if (!example) return;
  const repeated = (bytes) => {
    const [header, ...rows] = new TextDecoder().decode(bytes).split(/\r?\n/).filter((line) => line !== "");
    const out = [header];
    // Every table of the example has the participant's id first.
    for (const row of rows) for (let copy = 0; copy < WARM_UP_COPIES; copy++) out.push(`w${copy}-${row}`);
    return out.join("\n");
  };
  const tables = {};
  for (const [key, bytes] of Object.entries(example.tables)) tables[key] = repeated(bytes);
  const programme = Programme.fromToml(example.programme);
  try {
    evaluate(programme, tables, { asOf: "2023-01-31", profile: "esf", progress: () => {} }).suppress();
  } catch {
    // The example always evaluates; were it not to, the page works unwarmed.
  } finally {
    programme.free();
  }
}

/** The fields of a stegvis error (docs/data.md#errors) that the page shows;
 * an Error's own properties do not survive postMessage. */
function plain(error) {
  if (error === null || typeof error !== "object") return { message: String(error) };
  const out = { message: String(error.message ?? error) };
  for (const key of ["code", "table", "row", "column", "sheet", "path"]) {
    if (error[key] !== undefined) out[key] = error[key];
  }
  return out;
}

/**
 * About how many lines `bytes` holds, from the first 256 KiB: a progress
 * bar needs an estimate, and counting every line of a 350 MB file would
 * cost more than the bar is worth.
 */
function lines(bytes) {
  const sample = Math.min(bytes.length, 256 * 1024);
  let count = 0;
  for (let at = bytes.indexOf(10); at !== -1 && at < sample; at = bytes.indexOf(10, at + 1)) count++;
  if (sample === bytes.length) return Math.max(count, 1);
  return Math.max(1, Math.round((count * bytes.length) / sample));
}

/** A table's bytes: a File (read here, off the page's thread) or bytes. */
async function bytesOf(content) {
  return content instanceof Blob ? new Uint8Array(await content.arrayBuffer()) : content;
}

/** Every table of a group (own or comparison) as bytes, `undefined` for no
 * group. The files are read side by side: the browser reads them off this
 * thread, so one file's reading need not wait for the other's. */
async function readTables(group) {
  if (!group) return undefined;
  const read = Object.entries(group).map(async ([key, content]) => [key, await bytesOf(content)]);
  return Object.fromEntries(await Promise.all(read));
}

async function evaluateJob({ id, programme: source, tables: files, comparison: otherFiles, options }) {
  let last = 0;
  let told = "";
  const tell = (progress, force = false) => {
    const now = performance.now();
    const stage = `${progress.stage}:${progress.table}:${progress.comparison}`;
    if (!force && stage === told && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    told = stage;
    self.postMessage({ type: "progress", id, progress });
  };
  // Reading the files is part of reading the participants, read first.
  tell({ stage: "reading", table: "participants", comparison: false, fraction: 0 }, true);
  const reading = performance.now();
  const [tables, comparison] = await Promise.all([readTables(files), readTables(otherFiles)]);
  const readMs = performance.now() - reading;
  // Rows to read per table, about: none for an .xlsx workbook, whose
  // bytes are compressed (its bar then shows no share).
  const estimate = {};
  for (const [group, set] of [["own", tables], ["comparison", comparison]]) {
    for (const [key, bytes] of Object.entries(set ?? {})) {
      const workbook = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
      // Less the header row.
      if (!workbook) estimate[`${group}:${key}`] = Math.max(1, lines(bytes) - 1);
    }
  }
  // Rows the core has said it read, per table.
  const rowsRead = {};

  const programme = source.name.toLowerCase().endsWith(".json")
    ? Programme.fromJson(source.text)
    : Programme.fromToml(source.text);
  const definition = programme.toJSON();
  try {
    const started = performance.now();
    // The core tells how far it has come every 1 024 rows or participants
    // (docs/page.md#progress); the page shows the share of the estimate.
    let evaluating = null;
    // The participants to evaluate: as estimated, else as many as read.
    const participants = (group) => estimate[`${group}:participants`] ?? rowsRead[`${group}:participants`] ?? 0;
    const progress = (p) => {
      // A share below one until the report is there; null when unknown.
      const share = (done, of) => (of ? Math.min(0.99, done / of) : null);
      if (p.stage === "reading") {
        const table = `${p.comparison ? "comparison" : "own"}:${p.table}`;
        rowsRead[table] = p.rows;
        tell({ stage: "reading", table: p.table, comparison: p.comparison, fraction: share(p.rows, estimate[table]) });
      } else {
        evaluating ??= performance.now();
        const of = participants("own") + (comparison ? participants("comparison") : 0);
        tell({ stage: "evaluating", fraction: share(p.participants, of) });
      }
    };
    const all = comparison ? { ...options, comparison, progress } : { ...options, progress };
    const { participants: read, kept: participantsKept } = participantsOf(source, programme, tables, options, progress);
    const report = read
      ? read.evaluate({ assessments: tables.assessments, followUps: tables.followUps }, all)
      : evaluate(programme, tables, all);
    const ended = performance.now();
    const ms = ended - started;
    // The core's reading (parsing the tables) and its evaluation, apart.
    const parseMs = (evaluating ?? ended) - started;
    // suppress() without an argument: the core's default minimum cell size.
    const publishable = report.suppress();
    kept = { id, full: report, publishable };
    // The reports' methods are not enumerable, so postMessage copies the
    // data alone; the methods stay here (exportJob).
    self.postMessage({ type: "report", id, report, publishable, definition, ms, readMs, parseMs, participantsKept });
  } catch (error) {
    self.postMessage({ type: "error", id, error: plain(error), definition });
  } finally {
    programme.free();
  }
}

/**
 * `{ participants, kept }`: the participants of `tables` read for
 * `programme`, those of the last evaluation (`kept`) when its programme,
 * encoding and participants file are the same, else read now and kept
 * for the next: when only another file or the date changes, they are not
 * read again. `participants` is `null` for tables not given as bytes,
 * which `evaluate` reads.
 */
function participantsOf(source, programme, tables, options, progress) {
  if (!(tables.participants instanceof Uint8Array)) return { participants: null, kept: false };
  const key = `${source.name}\n${options.encoding ?? ""}\n${source.text}`;
  if (readOnce?.key === key && sameBytes(readOnce.bytes, tables.participants)) {
    return { participants: readOnce.participants, kept: true };
  }
  readOnce?.participants.free();
  readOnce = null;
  const participants = readParticipants(programme, tables.participants, { encoding: options.encoding, progress });
  readOnce = { key, bytes: tables.participants, participants };
  return { participants, kept: false };
}

/** Whether two files' bytes are the same, compared four bytes at a time. */
function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  const aligned = a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0;
  const words = aligned ? a.length >> 2 : 0;
  const x = new Int32Array(a.buffer, a.byteOffset, words);
  const y = new Int32Array(b.buffer, b.byteOffset, words);
  for (let i = 0; i < words; i++) if (x[i] !== y[i]) return false;
  for (let i = words * 4; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The printable document, the spreadsheet CSV or the workbook of the last report. */
function exportJob({ id, report, copy, method, lang }) {
  // The page asks for the report it shows; a newer one evaluated since
  // (for a choice the page has not shown yet) is not it.
  if (kept?.id !== report || !["toCsv", "toXlsx", "toHtml"].includes(method)) throw new Error(`nothing to ${method}`);
  const result = kept[copy === "publishable" ? "publishable" : "full"][method](lang);
  self.postMessage({ type: "exported", id, result }, result instanceof Uint8Array ? [result.buffer] : []);
}
