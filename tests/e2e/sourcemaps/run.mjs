// Source maps end to end (issue 22's "Show it"): a small app of several modules is minified with esbuild,
// its maps are uploaded with the real sentry-cli (once with debug IDs injected, once by release and
// --url-prefix), and its errors are reported by @sentry/browser in Debian's Chromium and by @sentry/node.
// The checks read the API and the issue page: original files, functions, lines, columns and context
// lines match the sources, the culprit is the original function, and the raw (minified) frames are kept.
// Usage: node run.mjs [--server PATH/bugsink.dll] [--chromium PATH]. Prints "pass|FAIL NAME" lines and
// "SOURCEMAPS: N passed, N failed"; exits non-zero on any failure.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { client, startServer } from './server.mjs';
import { build, runInBrowser, runInNode, sentry, upload } from './scenario.mjs';
import { compareFrames, comparePage, expectations } from './checks.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const { values } = parseArgs({
  options: {
    server: { type: 'string', default: join(repo, 'src/Bugsink.Web/bin/Release/net10.0/bugsink.dll') },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});

let passed = 0;
let failed = 0;
function report(name, problems) {
  if (problems.length === 0) {
    passed += 1;
    console.log(`pass ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL ${name}\n  ${problems.join('\n  ')}`);
  }
}
async function check(name, body) {
  try {
    report(name, (await body()) ?? []);
  } catch (error) {
    report(name, [String(error.stack ?? error)]);
  }
}

// out/ is not in git: a fresh clone has none.
mkdirSync(join(here, 'out'), { recursive: true });
const server = await startServer(values.server, join(here, 'out', 'server.log'));
try {
  const dsn = (await server.cli('create-project', 'Sourcemaps E2E')).at(-1);
  const projectId = Number(new URL(dsn).pathname.replaceAll('/', ''));
  const token = (await server.cli('create-token', '--name', 'sentry-cli')).at(-1);
  await server.cli('create-user', 'admin@example.com', '--password', 'source maps e2e passphrase', '--admin');
  const http = client(server.baseUrl, token);
  const project = await http.api(`/api/canonical/0/projects/${projectId}/`);
  const cliEnv = {
    SENTRY_URL: server.baseUrl,
    SENTRY_AUTH_TOKEN: token,
    SENTRY_ORG: 'bugsink',
    SENTRY_PROJECT: project.slug ?? String(projectId),
    SENTRY_LOG_LEVEL: 'warn',
  };
  await http.logIn('admin@example.com', 'source maps e2e passphrase');

  await check('sentry-cli info', async () => { await sentry(cliEnv, 'info'); });

  for (const target of ['browser', 'node']) {
    for (const mode of ['debug-ids', 'url-prefix']) {
      const scenario = `${target} ${mode}`;
      const marker = `${target}-${mode}-${Date.now()}`;
      const release = `sourcemaps-e2e-${target}-${mode}@1.0.0`;
      const outDir = join(here, 'out', `${target}-${mode}`, 'dist');
      const minified = target === 'browser' ? 'app.min.js' : 'bundle.cjs';
      // Browser files are served at /assets/ on any host; Node frames carry the bundle's absolute path.
      const urlPrefix = target === 'browser' ? '~/assets' : `~${outDir}`;
      let ready = false;
      await check(`${scenario}: build, upload with sentry-cli, report`, async () => {
        await build(target, outDir);
        await upload(cliEnv, mode, outDir, release, urlPrefix);
        const config = { dsn, release, marker };
        if (target === 'browser') await runInBrowser(outDir, config, values.chromium);
        else await runInNode(outDir, config);
        ready = true;
      });
      if (!ready) continue;
      const issues = await waitForIssues(http, projectId, marker, expectations.length);
      for (const expectation of expectations) {
        const issue = issues.find((i) => i.title.startsWith(`${expectation.type}:`));
        await check(`${scenario}: ${expectation.name}: resolved frames in the API`, async () => {
          if (!issue) return [`no ${expectation.type} issue with ${marker}; issues: ${JSON.stringify(issues.map((i) => i.title))}`];
          const events = await http.api(`/api/canonical/0/events/?issue=${issue.id}`);
          const event = await http.api(`/api/canonical/0/events/${events.results[0].id}/`);
          const problems = compareFrames(event.data, expectation, minified);
          const top = expectation.frames.at(-1).function;
          if (!(issue.culprit ?? '').includes(top)) problems.push(`culprit ${JSON.stringify(issue.culprit)} does not name ${top}`);
          return problems;
        });
        await check(`${scenario}: ${expectation.name}: the issue page`, async () => {
          if (!issue) return ['no issue'];
          const page = await http.page(`/issues/${issue.id}/`);
          const problems = comparePage(page.text, expectation);
          const rawHref = /href="([^"]+)"[^>]*>\s*Raw \(minified\) frames/.exec(page.text)?.[1];
          if (rawHref) {
            const raw = await http.page(rawHref.replaceAll('&amp;', '&'));
            if (!raw.text.includes(minified)) problems.push(`the raw view does not show ${minified}`);
          }
          return problems;
        });
      }
    }
  }
} finally {
  server.stop();
}

console.log(`SOURCEMAPS: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

async function waitForIssues(http, projectId, marker, count) {
  const deadline = Date.now() + 30000;
  let found = [];
  while (Date.now() < deadline) {
    const list = await http.api(`/api/canonical/0/issues/?project=${projectId}&state=all&query=${encodeURIComponent(marker)}`);
    found = list.results;
    if (found.length >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return found;
}
