import * as Sentry from '@sentry/node';
import { placeOrder } from './checkout.js';
import { startLoading } from './inventory.js';

const marker = process.env.E2E_MARKER;
Sentry.init({ dsn: process.env.E2E_DSN, release: process.env.E2E_RELEASE, environment: 'e2e', debug: true });

startLoading(marker);
// Uncaught: the SDK's handler reports it, flushes, and exits non-zero.
setTimeout(() => {
  placeOrder({ currency: 'EUR', items: [{ sku: 'a-1', price: 3 }, { sku: `sku-${marker}`, price: -1 }] });
}, 500);
