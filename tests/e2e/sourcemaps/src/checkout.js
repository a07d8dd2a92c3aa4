// Three calls deep: placeOrder -> totalOf -> priceOf, each in its own module, so the resolved frames must
// name three original files. The E2E-FRAME comments tell run.mjs which line and token each frame is at.
import { totalOf } from './pricing.js';

export function placeOrder(cart) {
  const total = totalOf(cart); // E2E-FRAME placeOrder totalOf(cart)
  return { total, currency: cart.currency };
}
