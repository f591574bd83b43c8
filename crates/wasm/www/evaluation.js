// Where the page evaluates (docs/page.md#worker): in a Web Worker
// (worker.js), so that the page's thread stays free while a large file is
// read, with progress; on the page's thread when no worker can start. Both
// give the same answers through one interface:
//
//   evaluate(job, onProgress) → { report, publishable, definition, ms }
//                               or { error, definition }, or null when a
//                               newer job replaced it (REPLACE_AFTER_MS)
//   exported(copy, method, lang, id) → toCsv/toXlsx/toHtml of the report
//                               with that id (the one the page shows)
import { Programme, evaluate } from "./pkg/stegvis.js";
import { embeddedText } from "./embedded.js";

/**
 * A worker running worker.js: from the file next to this module, or in the
 * single file from its embedded classic script (scripts/build-page.mjs)
 * through a Blob URL, since Chromium starts no worker from a file:// URL
 * and no module worker from a Blob URL of a file:// page
 * (docs/page.md#worker).
 */
function startWorker() {
  const source = embeddedText("worker.js");
  if (source === null) return new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    return new Worker(url);
  } finally {
    // The worker has its script once it starts; the URL is not needed after.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** The fields of a stegvis error that the page shows (describe in app.js). */
function plain(error) {
  if (error === null || typeof error !== "object") return { message: String(error) };
  const out = { message: String(error.message ?? error) };
  for (const key of ["code", "table", "row", "column", "sheet", "path"]) {
    if (error[key] !== undefined) out[key] = error[key];
  }
  return out;
}

/** Evaluation on the page's thread, the fallback: the same answers, no progress. */
class OnThisThread {
  constructor() {
    this.kept = null;
    this.where = "page";
  }

  async evaluate({ programme: source, tables, comparison, options }) {
    const read = async (group) => {
      if (!group) return undefined;
      const out = {};
      for (const [key, content] of Object.entries(group)) {
        out[key] = content instanceof Blob ? new Uint8Array(await content.arrayBuffer()) : content;
      }
      return out;
    };
    const own = await read(tables);
    const other = await read(comparison);
    let programme;
    let definition;
    try {
      programme = source.name.toLowerCase().endsWith(".json")
        ? Programme.fromJson(source.text)
        : Programme.fromToml(source.text);
      definition = programme.toJSON();
      const started = performance.now();
      const report = evaluate(programme, own, other ? { ...options, comparison: other } : options);
      const ms = performance.now() - started;
      const publishable = report.suppress();
      this.kept = { full: report, publishable };
      return { id: undefined, report, publishable, definition, ms };
    } catch (error) {
      return { error: plain(error), definition };
    } finally {
      programme?.free();
    }
  }

  async exported(copy, method, lang) {
    return this.kept[copy === "publishable" ? "publishable" : "full"][method](lang);
  }
}

/**
 * How long a job may run, from its start, once a newer one is asked for,
 * before its worker is stopped (ms). Until then it is let finish and the
 * newer job runs in the same worker, whose memory is already grown: in a
 * fresh worker the first large job ran two to three times as long (100 000
 * participants chosen one file after the other: 1.8 s against 0.66 s, the
 * participants' evaluation stopped after 0.5 s), more than a stale job of
 * a million participants has left to do. Past it (a huge file chosen by
 * mistake, say) a fresh worker takes the newer job, since the core cannot
 * be told to stop from outside while it runs.
 */
const REPLACE_AFTER_MS = 5000;

/** A number per table content (a File or bytes) given to the worker, the
 * same while it is the same object. */
const versions = new WeakMap();
let lastVersion = 0;

/**
 * The versions of a job's own tables (docs/page.md#worker): for each, a
 * number that stays the same while the page gives the same File or bytes,
 * `"none"` for a table not given, `null` for text (not kept). A File is
 * the file as chosen, so the same File is the same content, and the worker
 * keeps what it read from it.
 */
function versionsOf(tables) {
  const version = (content) => {
    if (content === undefined || content === null) return "none";
    if (typeof content !== "object") return null;
    if (!versions.has(content)) versions.set(content, ++lastVersion);
    return versions.get(content);
  };
  return { participants: version(tables.participants), assessments: version(tables.assessments), followUps: version(tables.followUps) };
}

/** Evaluation in a worker; a newer job replaces the one asked for before it. */
class InWorker {
  constructor(module, fallback, example) {
    this.module = module;
    this.fallback = fallback;
    this.where = "worker";
    this.pending = new Map(); // id → { kind, resolve, onProgress, retry }
    this.next = 1;
    this.running = null; // { id, started } of the evaluation the worker runs
    this.waiting = null; // { id, job } to run when it is done
    this.timer = null;
    this.example = example;
    this.start();
  }

  start() {
    this.worker = startWorker();
    this.started = false;
    this.worker.onmessage = ({ data }) => this.heard(data);
    // A worker that cannot start (its script refused, say) leaves the
    // page's thread to do the work.
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      if (!this.started) this.giveUp();
    };
    // Every worker warms up (worker.js): a fresh worker's first large job
    // ran nearly as slowly as the page's very first.
    this.worker.postMessage({ type: "init", module: this.module, example: this.example });
  }

  giveUp() {
    this.worker.terminate();
    clearTimeout(this.timer);
    this.where = "page";
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.running = null;
    this.waiting = null;
    for (const job of pending) job.resolve(job.retry());
  }

  heard(data) {
    if (data.type === "ready") {
      this.started = true;
      return;
    }
    if (data.id === undefined) {
      // The module could not be instantiated in the worker.
      if (!this.started) this.giveUp();
      return;
    }
    if (data.type !== "progress" && this.running?.id === data.id) {
      this.running = null;
      clearTimeout(this.timer);
      // An evaluation's error without a stegvis code is no data problem but
      // the module itself failing (out of memory, say), after which its
      // instance cannot be trusted: the next job gets a fresh worker.
      if (data.type === "error" && data.error?.code === undefined) this.replace();
      else this.runWaiting();
    }
    // A job is made stale only once a newer one is asked for, which
    // answers it with null then (evaluate below): nothing is left to answer.
    if (data.type === "skipped") return;
    const job = this.pending.get(data.id);
    if (!job) return;
    if (data.type === "progress") {
      job.onProgress?.(data.progress);
      return;
    }
    this.pending.delete(data.id);
    if (data.type === "report") {
      job.resolve({ id: data.id, report: data.report, publishable: data.publishable, definition: data.definition, ms: data.ms, readMs: data.readMs, parseMs: data.parseMs, reused: data.reused, fed: data.fed, skipped: data.skipped });
    }
    else if (data.type === "exported") job.resolve(data.result);
    else job.resolve(job.kind === "export" ? Promise.reject(data.error) : { error: data.error, definition: data.definition });
  }

  /** Hands the worker the job waiting, if any. */
  runWaiting() {
    if (!this.waiting) return;
    const { id, job } = this.waiting;
    this.waiting = null;
    this.running = { id, started: performance.now() };
    this.worker.postMessage({ type: "evaluate", id, ...job });
  }

  /** Stops the worker running a stale job and starts another for the waiting one. */
  replace() {
    this.worker.terminate();
    for (const [id, pending] of this.pending) {
      if (pending.kind === "export") pending.resolve(Promise.reject(new Error(`job ${id} stopped`)));
    }
    for (const id of [...this.pending.keys()]) if (this.pending.get(id).kind === "export") this.pending.delete(id);
    this.running = null;
    this.start();
    this.runWaiting();
  }

  evaluate(job, onProgress) {
    if (this.where === "page") return this.fallback.evaluate(job);
    const id = this.next++;
    const answer = new Promise((resolve) => {
      this.pending.set(id, { kind: "evaluate", resolve, onProgress, retry: () => this.fallback.evaluate(job) });
    });
    // Only the newest job is answered; an older one, running or waiting, is stale.
    for (const [older, pending] of this.pending) {
      if (older !== id && pending.kind === "evaluate") {
        pending.resolve(null);
        this.pending.delete(older);
      }
    }
    this.waiting = { id, job: { ...job, versions: versionsOf(job.tables) } };
    // The running job's report would not be shown: the worker ends it
    // before it evaluates, when it has not begun to (worker.js).
    if (this.running && !this.running.stale) {
      this.running.stale = true;
      this.worker.postMessage({ type: "stale", id: this.running.id });
    }
    if (!this.running) {
      this.runWaiting();
    } else if (!this.timer || this.timerFor !== this.running.id) {
      clearTimeout(this.timer);
      this.timerFor = this.running.id;
      const left = REPLACE_AFTER_MS - (performance.now() - this.running.started);
      this.timer = setTimeout(() => { if (this.waiting) this.replace(); }, Math.max(0, left));
    }
    return answer;
  }

  exported(copy, method, lang, report) {
    if (this.where === "page") return this.fallback.exported(copy, method, lang);
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, { kind: "export", resolve, retry: () => Promise.reject(new Error("no worker")) });
      this.worker.postMessage({ type: "export", id, report, copy, method, lang });
    });
  }
}

/** The page's evaluator: in a worker when one can start, else on this
 * thread. `example` ({ programme, tables }, the Nordost example) is what a
 * worker warms up on (worker.js). */
export function evaluator(module, example) {
  const here = new OnThisThread();
  if (typeof Worker === "undefined") return here;
  try {
    return new InWorker(module, here, example);
  } catch {
    // The Content-Security-Policy or the browser refused the worker.
    return here;
  }
}
