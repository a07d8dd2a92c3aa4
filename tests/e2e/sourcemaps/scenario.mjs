// One scenario: build the app (minified, with external source maps), upload its maps with the real
// sentry-cli (with debug IDs injected, or by release and URL prefix), then make the app report its two
// errors, from Chromium (@sentry/browser) or Node (@sentry/node).
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);
const sentryCli = join(here, 'node_modules', '.bin', 'sentry-cli');

export async function build(target, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const browser = target === 'browser';
  await esbuild.build({
    entryPoints: [join(here, 'src', browser ? 'browser.js' : 'node.js')],
    outfile: join(outDir, browser ? 'app.min.js' : 'bundle.cjs'),
    bundle: true,
    minify: true,
    sourcemap: true,
    format: browser ? 'iife' : 'cjs',
    platform: browser ? 'browser' : 'node',
    target: 'es2022',
    // The Node SDK is loaded from node_modules at run time, as a server app would; only our code is bundled.
    external: browser ? [] : ['@sentry/node'],
    logLevel: 'warning',
  });
}

// Returns sentry-cli's output; throws (with it) on a non-zero exit.
export async function sentry(env, ...args) {
  try {
    const { stdout, stderr } = await run(sentryCli, args, { env: { ...process.env, ...env }, timeout: 120000 });
    return stdout + stderr;
  } catch (error) {
    throw new Error(`sentry-cli ${args.join(' ')} failed (exit ${error.code}):\n${error.stdout}\n${error.stderr}`);
  }
}

export async function upload(cliEnv, mode, outDir, release, urlPrefix) {
  if (mode === 'debug-ids') {
    await sentry(cliEnv, 'sourcemaps', 'inject', outDir);
    return sentry(cliEnv, 'sourcemaps', 'upload', '--release', release, outDir);
  }
  return sentry(cliEnv, 'sourcemaps', 'upload', '--release', release, '--url-prefix', urlPrefix, outDir);
}

// Serves the built app under /assets/ on its own port and opens it in Chromium until the SDK has sent
// both errors (two envelopes answered by the server).
export async function runInBrowser(outDir, config, chromiumPath) {
  const files = {
    '/': ['text/html; charset=utf-8', readFileSync(join(here, 'src', 'index.html'))],
    '/assets/app.min.js': ['text/javascript; charset=utf-8', readFileSync(join(outDir, 'app.min.js'))],
  };
  const pages = createServer((request, response) => {
    const file = files[new URL(request.url, 'http://x').pathname];
    response.writeHead(file ? 200 : 404, { 'Content-Type': file ? file[0] : 'text/plain' });
    response.end(file ? file[1] : 'not found');
  });
  await new Promise((resolve) => pages.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const context = await browser.newContext();
    let answered = 0;
    context.on('requestfinished', async (request) => {
      if (request.url().includes('/envelope/')) {
        const response = await request.response();
        if (response?.ok()) answered += 1;
      }
    });
    const page = await context.newPage();
    await page.addInitScript((value) => { window.__E2E = value; }, config);
    await page.goto(`http://127.0.0.1:${pages.address().port}/`);
    const deadline = Date.now() + 30000;
    while (answered < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (answered < 2) throw new Error(`the browser SDK had ${answered} of 2 envelopes accepted`);
  } finally {
    await browser.close();
    pages.close();
  }
}

// Runs the bundled script (.cjs: this folder's package.json says ESM) with Node; it ends with an uncaught exception, so a non-zero exit is expected.
export async function runInNode(outDir, config) {
  const child = spawn(process.execPath, [join(outDir, 'bundle.cjs')], {
    env: { ...process.env, E2E_DSN: config.dsn, E2E_RELEASE: config.release, E2E_MARKER: config.marker },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code === 0) throw new Error(`the node program exited 0; it should have died of its error:\n${output}`);
  return output;
}
