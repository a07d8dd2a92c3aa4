import * as Sentry from '@sentry/browser';
import { placeOrder } from './checkout.js';
import { startLoading } from './inventory.js';

const config = window.__E2E;
Sentry.init({ dsn: config.dsn, release: config.release, environment: 'e2e', debug: true });
window.__E2E_STATE = { started: true };

startLoading(config.marker);
// Thrown from a timer, so it is uncaught and reaches the SDK's global handler.
setTimeout(() => {
  window.__E2E_STATE.thrown = true;
  placeOrder({ currency: 'EUR', items: [{ sku: 'a-1', price: 3 }, { sku: `sku-${config.marker}`, price: -1 }] });
}, 100);
