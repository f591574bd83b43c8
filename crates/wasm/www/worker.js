// The page's evaluation in a Web Worker (docs/page.md#worker): reads the
// chosen files, evaluates them with stegvis and keeps the report, so the
// page's own thread stays free to draw and answer while 1 000 000
// participants are read. The page (evaluation.js) sends:
//
//   { type: "init", module, example }   the compiled WebAssembly module and
//                                        the Nordost example, to warm up on
//   { type: "evaluate", id, programme, tables, comparison, options, versions }
//   { type: "export", id, report, copy, method, lang }   toCsv/toXlsx/toHtml
//                                        of the report evaluated as job
//                                        `report` ("full" or "publishable")
//   { type: "stale", id }                a newer choice was made: evaluation
//                                        `id` and those before it are not shown
//
// and hears back "ready", "progress", "report", "skipped", "exported" and
// "error".
// Nothing leaves the browser: the worker loads nothing and sends only to
// the page.
import init, { Programme, evaluate, readParticipants } from "./pkg/stegvis.js";

/** The module instantiated (a promise, awaited by every job). */
let ready = null;
/** The last report and its publishable copy, which carry the core's methods. */
let kept = null;

/**
 * What the last evaluations read (docs/page.md#worker, docs/data.md#participants-once):
 * the participants, `{ key, participants, rows }` (a `Participants` and
 * about how many rows its file had), and the tables, `{ key, dataset }`
 * (a `Dataset`); each keyed by the programme, the encoding and the
 * versions of the files it was read from; `null` when none.
 */
let keptParticipants = null;
let keptTables = null;

/** The evaluation jobs queued, run one after another. */
let jobs = Promise.resolve();

/** The newest evaluation the page has said is stale: a job up to it ends
 * before it evaluates (docs/page.md#worker). */
let staleUpTo = 0;
/** How many jobs ended so, since the worker started (told with each report). */
let skipped = 0;

/** Progress is told at most this often (ms), besides every change of stage. */
const PROGRESS_EVERY_MS = 50;

self.onmessage = async ({ data }) => {
  // Heard at once, even while a job awaits its files.
  if (data.type === "stale") {
    staleUpTo = Math.max(staleUpTo, data.id);
    return;
  }
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
    if (data.type === "evaluate") {
      // One job at a time: a job reading a file as it arrives awaits
      // between its pieces, and the next must find what it kept.
      const job = jobs.then(() => evaluateJob(data));
      jobs = job.catch(() => {});
      await job;
    } else if (data.type === "export") exportJob(data);
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

/**
 * The keys of the participants and of the own tables a job reads, from
 * the versions the page gives its files (evaluation.js): the same key, the
 * same content. `null` where a table has no version, which is then read
 * each time.
 */
function keysOf(source, options, versions) {
  const base = `${source.name}\n${options.encoding ?? ""}\n${source.text}`;
  const v = versions ?? {};
  if (v.participants == null || v.participants === "none") return { participants: null, tables: null };
  const participants = `${base}\n${v.participants}`;
  const later = [v.assessments, v.followUps];
  return { participants, tables: later.includes(null) ? null : `${participants}\n${later.join("\n")}` };
}

async function evaluateJob({ id, programme: source, tables: files, comparison: otherFiles, options, versions }) {
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
  // What was read before is not read again: no own table when they are
  // all kept, the others when the participants are.
  const keys = keysOf(source, options, versions);
  const tablesKept = keys.tables !== null && keptTables?.key === keys.tables;
  const participantsKept = !tablesKept && keys.participants !== null && keptParticipants?.key === keys.participants;
  const later = Object.fromEntries(Object.entries(files).filter(([key]) => key !== "participants"));
  // The later tables are read as they arrive (docs/data.md#feed) when
  // they are all CSV files and the participants are read once.
  const streamed = !tablesKept && keys.participants !== null && (await csvFiles(later)) ? later : {};
  const toRead = Object.fromEntries(
    Object.entries(tablesKept ? {} : participantsKept ? later : files).filter(([key]) => !(key in streamed)),
  );
  // Reading the files is part of reading the first table read.
  const first = participantsKept ? Object.keys(later)[0] : "participants";
  tell(tablesKept || first === undefined
    ? { stage: "evaluating", fraction: 0 }
    : { stage: "reading", table: first, comparison: false, fraction: 0 }, true);
  const reading = performance.now();
  const [tables, comparison] = await Promise.all([readTables(toRead), readTables(otherFiles)]);
  const readMs = performance.now() - reading;
  // Rows to read per table, about: none for an .xlsx workbook, whose
  // bytes are compressed (its bar then shows no share).
  const estimate = {};
  for (const [group, set] of [["own", tables], ["comparison", comparison]]) {
    for (const [key, bytes] of Object.entries(set ?? {})) {
      // Less the header row.
      if (!isWorkbook(bytes)) estimate[`${group}:${key}`] = Math.max(1, lines(bytes) - 1);
    }
  }
  if (participantsKept || tablesKept) estimate["own:participants"] = keptParticipants?.rows;
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
    // A streamed table's share is that of its bytes pushed.
    const pushed = (key, fraction) => tell({ stage: "reading", table: key, comparison: false, fraction });
    const dataset = keys.participants === null
      ? null
      : await datasetOf(keys, programme, { tables, streamed, pushed }, estimate, options, progress);
    // A newer choice made while the files were read (its "stale" message
    // waits for this turn of the event loop): this report would not be
    // shown, so the job ends here, what it read kept for the newer one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (id <= staleUpTo) {
      skipped++;
      self.postMessage({ type: "skipped", id });
      return;
    }
    const report = dataset === null ? evaluate(programme, tables, all) : dataset.evaluate(all);
    const ended = performance.now();
    const ms = ended - started;
    // The core's reading (parsing the tables) and its evaluation, apart.
    const parseMs = (evaluating ?? ended) - started;
    // suppress() without an argument: the core's default minimum cell size.
    const publishable = report.suppress();
    kept = { id, full: report, publishable };
    // The reports' methods are not enumerable, so postMessage copies the
    // data alone; the methods stay here (exportJob).
    const reused = tablesKept ? "tables" : participantsKept ? "participants" : "none";
    // The tables read as they arrived (docs/data.md#feed), unless kept.
    const fed = Object.keys(streamed).join(" ");
    self.postMessage({ type: "report", id, report, publishable, definition, ms, readMs, parseMs, reused, fed, skipped });
  } catch (error) {
    self.postMessage({ type: "error", id, error: plain(error), definition });
  } finally {
    programme.free();
  }
}

/**
 * The `Dataset` of the job whose keys are `keys`: the one kept when its
 * tables are, else read from `read.tables` (bytes) and `read.streamed`
 * (CSV files read as they arrive, `read.pushed` told their share), the
 * participants from those kept when they are, and kept for the next job.
 * A `Dataset` of tables without a key is kept under none, so no job takes
 * it, and freed by the next.
 */
async function datasetOf(keys, programme, read, estimate, options, progress) {
  if (keys.tables !== null && keptTables?.key === keys.tables) return keptTables.dataset;
  keptTables?.dataset.free();
  keptTables = null;
  const { tables, streamed, pushed } = read;
  const reading = { encoding: options.encoding, progress };
  if (keptParticipants?.key !== keys.participants) {
    keptParticipants?.participants.free();
    keptParticipants = null;
    const participants = readParticipants(programme, tables.participants, reading);
    keptParticipants = { key: keys.participants, participants, rows: estimate["own:participants"] };
  }
  const dataset = Object.keys(streamed).length > 0
    ? await feedFiles(keptParticipants.participants.feed({ encoding: options.encoding }), streamed, pushed)
    : keptParticipants.participants.read({ assessments: tables.assessments, followUps: tables.followUps }, reading);
  keptTables = { key: keys.tables, dataset };
  return dataset;
}

/** Whether bytes start like a zip archive, as an .xlsx workbook does. */
function isWorkbook(bytes) {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

/** Whether every table of `group` is a CSV file: a `File`, and no workbook. */
async function csvFiles(group) {
  const contents = Object.values(group);
  if (contents.length === 0 || !contents.every((content) => content instanceof Blob)) return false;
  const heads = await Promise.all(contents.map(async (file) => new Uint8Array(await file.slice(0, 4).arrayBuffer())));
  return !heads.some(isWorkbook);
}

/** Pushes each file of `files` to `feed` as the browser reads it, telling
 * `pushed` each table's share pushed, and gives the `Dataset`. */
async function feedFiles(feed, files, pushed) {
  try {
    for (const key of ["assessments", "followUps"]) {
      if (files[key]) await feedFile(feed, key, files[key], pushed);
    }
  } catch (error) {
    feed.free();
    throw error;
  }
  return feed.finish();
}

/** Pushes `file`'s pieces to `feed` as table `key`; on an error the rest
 * of the file is not read. */
async function feedFile(feed, key, file, pushed) {
  // A reader, not `for await`: not every browser iterates streams.
  const reader = file.stream().getReader();
  let done = 0;
  try {
    for (let piece = await reader.read(); !piece.done; piece = await reader.read()) {
      feed.push(key, piece.value);
      done += piece.value.length;
      pushed(key, Math.min(0.99, done / Math.max(1, file.size)));
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  }
}

/** The printable document, the spreadsheet CSV or the workbook of the last report. */
function exportJob({ id, report, copy, method, lang }) {
  // The page asks for the report it shows; a newer one evaluated since
  // (for a choice the page has not shown yet) is not it.
  if (kept?.id !== report || !["toCsv", "toXlsx", "toHtml"].includes(method)) throw new Error(`nothing to ${method}`);
  const result = kept[copy === "publishable" ? "publishable" : "full"][method](lang);
  self.postMessage({ type: "exported", id, result }, result instanceof Uint8Array ? [result.buffer] : []);
}
