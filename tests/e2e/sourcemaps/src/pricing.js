import { priceOf } from './rules.js';

export function totalOf(cart) {
  let sum = 0;
  for (const item of cart.items) {
    sum += priceOf(item, cart.currency); // E2E-FRAME totalOf priceOf(item, cart.currency)
  }
  return sum;
}
