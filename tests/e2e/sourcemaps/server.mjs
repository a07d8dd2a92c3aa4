// The real server as a child process (`dotnet bugsink.dll serve`) on a free loopback port with a fresh
// data folder, its CLI commands, and a small HTTP client for its API and (logged-in) pages.
import { spawn, execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startServer(serverDll, logPath) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bugsink-sourcemaps-'));
  const baseUrl = `http://127.0.0.1:${await freePort()}`;
  const settings = [`--Bugsink:DataDir=${dataDir}`, `--Bugsink:BaseUrl=${baseUrl}`];
  const cli = async (...args) => {
    const { stdout } = await run('dotnet', [serverDll, ...args, ...settings], { timeout: 120000 });
    return stdout.trim().split('\n').map((line) => line.trim()).filter(Boolean);
  };
  const log = createWriteStream(logPath);
  const child = spawn('dotnet', [serverDll, 'serve', '--urls', baseUrl, ...settings], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.pipe(log);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start; see ${logPath}`)), 60000);
    child.on('exit', (code) => reject(new Error(`server exited (${code}) during start-up; see ${logPath}`)));
    child.stdout.on('data', (chunk) => {
      log.write(chunk);
      if (chunk.toString().includes('Bugsink is listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    baseUrl,
    dataDir,
    cli,
    stop: () => child.kill('SIGKILL'),
  };
}

// A cookie-keeping client: API calls with the bearer token, pages after logging in through the form.
export function client(baseUrl, token) {
  const cookies = new Map();
  const remember = (response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = async (path, init = {}) => {
    const response = await fetch(new URL(path, baseUrl), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), cookie: cookieHeader() },
    });
    remember(response);
    if (response.status >= 300 && response.status < 400) {
      return page(response.headers.get('location'));
    }
    return { status: response.status, url: response.url, text: await response.text() };
  };
  return {
    async api(path) {
      const response = await fetch(new URL(path, baseUrl), { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) {
        throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
      }
      return response.json();
    },
    page,
    async logIn(email, password) {
      const form = await page('/accounts/login/');
      const antiforgery = /name="__RequestVerificationToken"[^>]*value="([^"]+)"/.exec(form.text)?.[1];
      if (!antiforgery) {
        throw new Error('the login page carries no antiforgery token');
      }
      const body = new URLSearchParams({ Email: email, Password: password, __RequestVerificationToken: antiforgery });
      const after = await page('/accounts/login/', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      if (after.text.includes('error-text')) {
        throw new Error(`logging in as ${email} failed`);
      }
    },
  };
}
