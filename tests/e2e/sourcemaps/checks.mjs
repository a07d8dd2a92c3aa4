// What the resolved frames must say, read from the sources themselves: each "E2E-FRAME NAME TOKEN"
// comment marks the line of a frame, its original function NAME and the TOKEN its column points at.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function frameAt(file, name) {
  const lines = readFileSync(join(here, 'src', file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(`E2E-FRAME ${name} `));
  const token = lines[index].split(`E2E-FRAME ${name} `)[1].trim();
  return {
    file,
    function: name,
    lineno: index + 1,
    colno: lines[index].indexOf(token) + 1,
    context_line: lines[index],
    pre_context: lines.slice(Math.max(0, index - 5), index),
    post_context: lines.slice(index + 1, index + 6),
  };
}

// Innermost last, as Sentry orders frames.
export const expectations = [
  {
    name: 'thrown three calls deep',
    type: 'RangeError',
    frames: [frameAt('checkout.js', 'placeOrder'), frameAt('pricing.js', 'totalOf'), frameAt('rules.js', 'priceOf')],
  },
  {
    name: 'rejected promise',
    type: 'Error',
    frames: [frameAt('inventory.js', 'loadInventory')],
  },
];

// Compares the event's resolved frames with the expectation; returns a list of differences.
export function compareFrames(data, expectation, minifiedFile) {
  const problems = [];
  const exception = data.exception?.values?.at(-1);
  const frames = exception?.stacktrace?.frames ?? [];
  const ours = frames.filter((frame) => expectation.frames.some((e) => (frame.filename ?? frame.abs_path ?? '').endsWith(e.file)));
  const tail = ours.slice(-expectation.frames.length);
  if (tail.length !== expectation.frames.length) {
    problems.push(`expected frames in ${expectation.frames.map((f) => f.file).join(', ')}; got ${JSON.stringify(frames.map((f) => `${f.function}@${f.filename}:${f.lineno}:${f.colno}`))}`);
    return problems;
  }
  tail.forEach((frame, i) => {
    const want = expectation.frames[i];
    for (const key of ['function', 'lineno', 'colno', 'context_line']) {
      if (frame[key] !== want[key]) problems.push(`${want.file}: ${key} ${JSON.stringify(frame[key])}, expected ${JSON.stringify(want[key])}`);
    }
    for (const key of ['pre_context', 'post_context']) {
      if (JSON.stringify(frame[key] ?? []) !== JSON.stringify(want[key])) problems.push(`${want.file}: ${key} differs: ${JSON.stringify(frame[key])}`);
    }
    if (frame.in_app !== true) problems.push(`${want.file}: not marked in-app`);
  });
  const raw = exception?.raw_stacktrace?.frames ?? [];
  if (!raw.some((frame) => (frame.abs_path ?? frame.filename ?? '').endsWith(minifiedFile))) {
    problems.push(`raw_stacktrace holds no frame of ${minifiedFile}: ${JSON.stringify(raw.map((f) => f.abs_path ?? f.filename))}`);
  }
  const vendor = frames.filter((frame) => (frame.filename ?? frame.abs_path ?? '').includes('node_modules'));
  if (vendor.some((frame) => frame.in_app)) problems.push('a node_modules frame is marked in-app');
  return problems;
}

// The issue page shows the original function and its line (HTML-encoded), and links to the raw frames.
export function comparePage(html, expectation) {
  const problems = [];
  const top = expectation.frames.at(-1);
  const encoded = top.context_line.trim().replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  if (!html.includes(top.function)) problems.push(`the issue page does not name ${top.function}`);
  if (!html.includes(top.file)) problems.push(`the issue page does not name ${top.file}`);
  if (!html.replaceAll('&#x27;', "'").replaceAll('&#39;', "'").includes(encoded.replaceAll('&quot;', '"')) && !html.includes(encoded)) {
    problems.push(`the issue page does not show the line ${JSON.stringify(top.context_line.trim())}`);
  }
  if (!/Raw \(minified\) frames/.test(html)) problems.push('the issue page has no "Raw (minified) frames" link');
  return problems;
}
