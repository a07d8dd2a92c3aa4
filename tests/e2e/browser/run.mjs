// Bundles src/app.js with esbuild, serves it from a tiny static server on its own port (another origin
// than the Bugsink server, so CORS is exercised for real), and opens it in Debian's Chromium through
// playwright-core. Input (environment): E2E_DSN, E2E_MARKER, E2E_RELEASE, E2E_ENVIRONMENT, E2E_ATTACHMENT;
// optional E2E_CHROMIUM (default /usr/bin/chromium).
// Output: the page's console (the SDK's debug log, E2E_EVENT and E2E_SEND lines), and one "E2E_NET {...}"
// line per request Chromium made to the server: path, status, CORS header, envelope item types and
// client-report outcomes, or the network error.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`E2E_FATAL missing ${name}`);
    process.exit(2);
  }
  return value;
};

const dsn = new URL(env('E2E_DSN'));
const serverOrigin = dsn.origin;
const config = {
  dsn: dsn.href,
  marker: env('E2E_MARKER'),
  release: env('E2E_RELEASE'),
  environment: env('E2E_ENVIRONMENT'),
  attachmentBase64: readFileSync(env('E2E_ATTACHMENT')).toString('base64'),
};

// The "development" condition picks the SDK build that keeps its debug logging.
const bundle = await esbuild.build({
  entryPoints: [join(here, 'src', 'app.js')],
  bundle: true,
  write: false,
  format: 'iife',
  target: 'es2022',
  conditions: ['development'],
  logLevel: 'warning',
});
const files = {
  '/': { type: 'text/html; charset=utf-8', body: readFileSync(join(here, 'src', 'index.html')) },
  '/app.js': { type: 'text/javascript; charset=utf-8', body: Buffer.from(bundle.outputFiles[0].contents) },
  '/favicon.ico': { type: 'image/x-icon', body: Buffer.alloc(0) },
};
const pageServer = createServer((request, response) => {
  const file = files[new URL(request.url, 'http://x').pathname];
  response.writeHead(file ? 200 : 404, { 'Content-Type': file ? file.type : 'text/plain' });
  response.end(file ? file.body : 'not found');
});
await new Promise((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
const pageOrigin = `http://127.0.0.1:${pageServer.address().port}`;
console.log(`E2E_INFO page origin ${pageOrigin}, server origin ${serverOrigin}`);

// Envelope lines: header, then item header + payload pairs. Binary payloads carry a length.
function describeEnvelope(body) {
  const types = [];
  const discarded = [];
  if (!body) {
    return { types, discarded };
  }
  let offset = body.indexOf(0x0a) + 1;
  while (offset > 0 && offset < body.length) {
    let end = body.indexOf(0x0a, offset);
    if (end < 0) end = body.length;
    const header = JSON.parse(body.subarray(offset, end).toString('utf8'));
    offset = end + 1;
    let payloadEnd = typeof header.length === 'number' ? offset + header.length : body.indexOf(0x0a, offset);
    if (payloadEnd < 0) payloadEnd = body.length;
    types.push(header.type);
    if (header.type === 'client_report') {
      discarded.push(...(JSON.parse(body.subarray(offset, payloadEnd).toString('utf8')).discarded_events ?? []));
    }
    offset = payloadEnd + 1;
  }
  return { types, discarded };
}

const browser = await chromium.launch({
  executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
// Waits until every request Chromium started to the server has finished or failed (at most 10 s).
async function settle(pending) {
  const deadline = Date.now() + 10000;
  while (pending.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (pending.size > 0) {
    console.log(`E2E_INFO ${pending.size} request(s) to the server still pending`);
  }
}

// Requests made while the page is being left are keepalive fetches: Chromium may report them as
// aborted to Playwright although they reached the server, so the runner only notes those.
let phase = 'page';
let exitCode = 0;
try {
  const context = await browser.newContext();
  const pending = new Set();
  const toServer = (request) => request.url().startsWith(serverOrigin + '/');
  context.on('request', (request) => toServer(request) && pending.add(request));
  context.on('requestfinished', async (request) => {
    if (!toServer(request)) return;
    const response = await request.response();
    const headers = response ? await response.allHeaders() : {};
    const { types, discarded } = describeEnvelope(request.postDataBuffer());
    console.log('E2E_NET ' + JSON.stringify({
      phase,
      method: request.method(),
      path: new URL(request.url()).pathname,
      status: response?.status() ?? null,
      allowOrigin: headers['access-control-allow-origin'] ?? null,
      types,
      discarded,
    }));
    pending.delete(request);
  });
  context.on('requestfailed', (request) => {
    if (!toServer(request)) return;
    const { types, discarded } = describeEnvelope(request.postDataBuffer());
    console.log('E2E_NET ' + JSON.stringify({
      phase,
      method: request.method(),
      path: new URL(request.url()).pathname,
      status: null,
      error: request.failure()?.errorText ?? 'failed',
      types,
      discarded,
    }));
    pending.delete(request);
  });

  const page = await context.newPage();
  page.on('console', (message) => console.log(message.type() === 'log' ? message.text() : `[console.${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => console.log(`[pageerror] ${error.message}`));
  await page.addInitScript((value) => {
    window.__E2E = value;
  }, config);
  await page.goto(pageOrigin + '/');
  await page.waitForFunction(() => window.__E2E_STATE?.done && window.__E2E_STATE.unhandledSent, null, { timeout: 30000 });

  // The SDK sends client reports (and streamed spans) when the page becomes hidden. Headless Chromium
  // never hides a tab, so the page is told it is hidden, and the SDK's own listener does the rest
  // while this page still reports what it sent.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForFunction(() => window.__E2E_STATE.clientReportsSent > 0, null, { timeout: 15000 });
  await settle(pending);

  // Then the person leaves: the real unload path (keepalive fetches, which Playwright does not report).
  await page.evaluate(() => delete document.visibilityState);
  phase = 'unload';
  await page.goto('about:blank');
  await settle(pending);
  await context.close();
} catch (error) {
  console.log(`E2E_FATAL ${error?.stack ?? error}`);
  exitCode = 1;
} finally {
  await browser.close();
  pageServer.close();
}
process.exit(exitCode);
