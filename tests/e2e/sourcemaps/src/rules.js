const discounts = { EUR: 0.9, USD: 1 };

export function priceOf(item, currency) {
  if (item.price < 0) {
    throw new RangeError(`Negative price for ${item.sku}`); // E2E-FRAME priceOf new RangeError
  }
  return item.price * (discounts[currency] ?? 1);
}
