// A rejected promise that nobody awaits: the SDK's unhandled-rejection handler reports it.
export async function loadInventory(marker) {
  await Promise.resolve();
  throw new Error(`Inventory unavailable ${marker}`); // E2E-FRAME loadInventory new Error
}

export function startLoading(marker) {
  loadInventory(marker);
}
