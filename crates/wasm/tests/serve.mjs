// A tiny static file server for the page, bound to 127.0.0.1.
//
//   node crates/wasm/tests/serve.mjs [root] [port]   # serve until Ctrl-C
//   import { serve } from "./serve.mjs"              # tests start and stop it
//
// Serves files under `root` only, with the MIME types the page needs
// (application/wasm lets the browser compile while downloading).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".toml": "text/plain; charset=utf-8",
  ".png": "image/png",
};

/**
 * Serves `root` on 127.0.0.1 (`port` 0 picks a free one).
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serve(root, port = 0) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
      let file = resolve(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        response.writeHead(403).end();
        return;
      }
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      response.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", done);
  });
  const { port: bound } = server.address();
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? join(fileURLToPath(new URL(".", import.meta.url)), "..", "www");
  const port = Number(process.argv[3] ?? 8080);
  const { url } = await serve(root, port);
  console.log(`serving ${resolve(root)} at ${url} (Ctrl-C to stop)`);
}
