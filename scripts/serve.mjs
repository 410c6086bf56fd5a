// `npm start`'s server: the demo page (www/) and the browser build of the package (pkg/web/)
// on http://127.0.0.1:8080/ (PORT overrides; PORT=0 takes a free port). Loopback only.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { isMain, root } from './lib.mjs';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
// The page's own scripts and wasm only (and `scriptSources` more); the <meta> in index.html
// says the same for other servers.
const contentSecurityPolicy = (scriptSources, wasm) => [
  "default-src 'self'", ["script-src 'self'", ...(wasm ? ["'wasm-unsafe-eval'"] : []), ...scriptSources].join(' '), "style-src 'self'", "img-src 'self' data:",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');
/** The file a URL path names under `mounts` ([URL prefix, folder] pairs), or null. */
function resolveFile(mounts, pathname) {
  for (const [prefix, folder] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const file = normalize(join(folder, decodeURIComponent(pathname.slice(prefix.length)) || 'index.html'));
    if (!file.startsWith(folder + sep) && file !== folder) return null; // no escaping the folder
    try {
      const stats = statSync(file);
      return stats.isDirectory() ? resolveFile(mounts, `${pathname.replace(/\/?$/, '/')}index.html`) : file;
    } catch {
      return null;
    }
  }
  return null;
}

/** Answers GET and HEAD with the file under `mounts` that the URL names, or 404; `policy`
 *  is the Content-Security-Policy sent with it. */
function respond(mounts, policy, request, response) {
  let file = null;
  try {
    const wanted = request.method === 'GET' || request.method === 'HEAD';
    file = wanted ? resolveFile(mounts, new URL(request.url, 'http://localhost').pathname) : null;
  } catch {
    file = null; // a malformed URL is simply not found
  }
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  response.writeHead(200, {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
}

/**
 * Serves `mounts` ([URL prefix, folder] pairs, most specific first) on 127.0.0.1:`port`
 * (0 for a free port); resolves with the server and its address once listening. Pages get
 * the demo's Content-Security-Policy, with `extraScriptSources` added to its script-src, and
 * without 'wasm-unsafe-eval' where `wasm` is false (a page that refuses WebAssembly).
 */
export function serveFolders(mounts, port, extraScriptSources = [], { wasm = true } = {}) {
  const policy = contentSecurityPolicy(extraScriptSources, wasm);
  const server = createServer((request, response) => respond(mounts, policy, request, response));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, address: `http://127.0.0.1:${server.address().port}/` }));
  });
}

if (isMain(import.meta.url)) {
  // The demo page, and the browser build of the package under /pkg/.
  const mounts = [['/pkg/', join(root, 'pkg')], ['/', join(root, 'www')]];
  const { server, address } = await serveFolders(mounts, Number(process.env.PORT ?? 8080));
  console.log(`soei-rewards demo: ${address}`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
}
