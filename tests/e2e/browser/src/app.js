// The end-to-end scenario with the official @sentry/browser SDK, bundled by esbuild (run.mjs) and opened
// in Chromium from another origin than the server, so every send is a real cross-origin request.
// Configuration comes from window.__E2E (set by run.mjs); progress goes to window.__E2E_STATE.
import * as Sentry from '@sentry/browser';

const config = window.__E2E;
const state = (window.__E2E_STATE = { events: {}, sent: [], unhandledSent: false, clientReportsSent: 0, done: false });
const attachment = Uint8Array.from(atob(config.attachmentBase64), (c) => c.charCodeAt(0));

// Wraps the SDK's own fetch transport: every envelope still goes through it unchanged; we only note
// what went out and what came back (console lines the runner reads).
function recordingTransport(options) {
  const inner = Sentry.makeFetchTransport(options);
  return {
    async send(envelope) {
      const items = envelope[1];
      const types = items.map(([header]) => header.type);
      const eventIds = items.filter(([header]) => header.type === 'event').map(([, payload]) => payload.event_id);
      const discarded = items
        .filter(([header]) => header.type === 'client_report')
        .flatMap(([, payload]) => payload.discarded_events ?? []);
      try {
        const response = await inner.send(envelope);
        console.log('E2E_SEND ' + JSON.stringify({ status: response.statusCode ?? null, types, discarded }));
        state.sent.push(...eventIds);
        state.clientReportsSent += types.includes('client_report') ? 1 : 0;
        if (eventIds.includes(state.events.unhandled)) {
          state.unhandledSent = true;
        }
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
  dsn: config.dsn,
  release: config.release,
  environment: config.environment,
  debug: true,
  // Tracing needs its integration and a sample rate; with them the page load arrives as spans.
  integrations: [Sentry.browserTracingIntegration()],
  tracesSampleRate: 1.0,
  transport: recordingTransport,
  beforeSend(event) {
    const scenario = event.tags?.e2e_case ?? 'unknown';
    state.events[scenario] = event.event_id;
    console.log('E2E_EVENT ' + JSON.stringify({ case: scenario, event_id: event.event_id }));
    // One event is dropped on purpose so a client report (reason before_send) is sent too.
    return scenario === 'dropped' ? null : event;
  },
});

Sentry.setUser({ id: 'e2e-user-42', email: 'e2e-user@example.com', username: 'e2e-user' });
Sentry.setTag('e2e.sdk', 'browser');
Sentry.setTag('e2e.marker', config.marker);
Sentry.setTag('team', 'e2e-frontend');
Sentry.addBreadcrumb({ category: 'e2e.step', message: `E2E breadcrumb one ${config.marker}`, level: 'info', data: { step: 1 } });
Sentry.addBreadcrumb({ category: 'e2e.step', message: `E2E breadcrumb two ${config.marker}`, level: 'warning', data: { step: 2 } });

function loadConfiguration() {
  throw new TypeError(`E2E cause ${config.marker}`);
}

function handleCheckout() {
  try {
    loadConfiguration();
  } catch (cause) {
    throw new Error(`E2E handled failure ${config.marker}`, { cause });
  }
}

function processQueue() {
  throw new RangeError(`E2E unhandled failure ${config.marker}`);
}

async function runScenario() {
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
    message: `E2E feedback ${config.marker}`,
    name: 'E2E Feedback User',
    email: 'e2e-feedback@example.com',
    associatedEventId: handledId,
  });

  Sentry.withScope((scope) => {
    scope.setTag('e2e_case', 'message');
    Sentry.captureMessage(Sentry.parameterize`E2E message ${config.marker} for ${'alice'} with ${3} items`, 'warning');
  });

  Sentry.withScope((scope) => {
    scope.setTag('e2e_case', 'dropped');
    Sentry.captureMessage(`E2E dropped by beforeSend ${config.marker}`);
  });

  await Sentry.flush(10000);

  // Uncaught: the SDK's global error handler reports it.
  Sentry.setTag('e2e_case', 'unhandled');
  setTimeout(processQueue, 0);
  state.done = true;
}

document.getElementById('status').textContent = 'running';
runScenario();
