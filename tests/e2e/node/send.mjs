// The end-to-end scenario with the official @sentry/node SDK (see tests/e2e/README.md).
// Input (environment): E2E_DSN, E2E_MARKER, E2E_RELEASE, E2E_ENVIRONMENT, E2E_ATTACHMENT (a file path).
// Output: the SDK's own debug log, plus "E2E_EVENT {...}" for every error event the SDK is about to send
// and "E2E_SEND {...}" for every envelope the transport sent (item types, client-report outcomes, status).
// It ends with an uncaught exception, so its exit code is 1 by design.
import { readFileSync } from 'node:fs';
import * as Sentry from '@sentry/node';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`E2E_FATAL missing ${name}`);
    process.exit(2);
  }
  return value;
};

const dsn = env('E2E_DSN');
const marker = env('E2E_MARKER');
const attachment = readFileSync(env('E2E_ATTACHMENT'));

// Wraps the SDK's own transport: every envelope still goes through it unchanged; we only note what
// went out and what came back, so the runner can see each send's status and each client report.
function recordingTransport(options) {
  const inner = Sentry.makeNodeTransport(options);
  return {
    async send(envelope) {
      const items = envelope[1];
      const types = items.map(([header]) => header.type);
      const discarded = items
        .filter(([header]) => header.type === 'client_report')
        .flatMap(([, payload]) => payload.discarded_events ?? []);
      try {
        const response = await inner.send(envelope);
        console.log('E2E_SEND ' + JSON.stringify({ status: response.statusCode ?? null, types, discarded }));
        return response;
      } catch (error) {
        console.log('E2E_SEND ' + JSON.stringify({ status: null, error: String(error), types, discarded }));
        throw error;
      }
    },
    flush: (timeout) => inner.flush(timeout),
  };
}

Sentry.init({
  dsn,
  release: env('E2E_RELEASE'),
  environment: env('E2E_ENVIRONMENT'),
  debug: true,
  // Tracing is off unless a sample rate is given; 1.0 makes the transaction below arrive for sure.
  tracesSampleRate: 1.0,
  transport: recordingTransport,
  beforeSend(event) {
    const scenario = event.tags?.e2e_case ?? 'unknown';
    console.log('E2E_EVENT ' + JSON.stringify({ case: scenario, event_id: event.event_id }));
    // One event is dropped on purpose so a client report (reason before_send) is sent too.
    return scenario === 'dropped' ? null : event;
  },
});

Sentry.setUser({ id: 'e2e-user-42', email: 'e2e-user@example.com', username: 'e2e-user' });
Sentry.setTag('e2e.sdk', 'node');
Sentry.setTag('e2e.marker', marker);
Sentry.setTag('team', 'e2e-backend');
Sentry.addBreadcrumb({ category: 'e2e.step', message: `E2E breadcrumb one ${marker}`, level: 'info', data: { step: 1 } });
Sentry.addBreadcrumb({ category: 'e2e.step', message: `E2E breadcrumb two ${marker}`, level: 'warning', data: { step: 2 } });

Sentry.startSpan({ name: 'e2e-transaction', op: 'e2e.task' }, () => {
  Sentry.startSpan({ name: 'e2e-child-span', op: 'e2e.step' }, () => {});
});

function loadConfiguration() {
  throw new TypeError(`E2E cause ${marker}`);
}

function handleCheckout() {
  try {
    loadConfiguration();
  } catch (cause) {
    throw new Error(`E2E handled failure ${marker}`, { cause });
  }
}

let handledId;
try {
  handleCheckout();
} catch (error) {
  Sentry.withScope((scope) => {
    scope.setTag('e2e_case', 'handled');
    scope.addAttachment({ filename: 'e2e-attachment.bin', data: attachment, contentType: 'application/octet-stream' });
    handledId = Sentry.captureException(error);
  });
}

Sentry.captureFeedback({
  message: `E2E feedback ${marker}`,
  name: 'E2E Feedback User',
  email: 'e2e-feedback@example.com',
  associatedEventId: handledId,
});

Sentry.withScope((scope) => {
  scope.setTag('e2e_case', 'message');
  Sentry.captureMessage(Sentry.parameterize`E2E message ${marker} for ${'alice'} with ${3} items`, 'warning');
});

Sentry.withScope((scope) => {
  scope.setTag('e2e_case', 'dropped');
  Sentry.captureMessage(`E2E dropped by beforeSend ${marker}`);
});

await Sentry.flush(10000);

function processQueue() {
  throw new RangeError(`E2E unhandled failure ${marker}`);
}

// Uncaught: the SDK's onUncaughtException integration reports it, flushes, and exits with code 1.
Sentry.setTag('e2e_case', 'unhandled');
setTimeout(processQueue, 0);
