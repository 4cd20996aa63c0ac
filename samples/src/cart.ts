export interface LineItem {
  sku: string;
  /** Price of one unit in cents. */
  unitCents: number;
  quantity: number;
}

/** Total in cents, with an optional percentage discount applied once to the whole cart. */
export function cartTotal(items: LineItem[], discountPercent = 0): number {
  const gross = items.reduce((sum, item) => sum + item.unitCents * item.quantity, 0);
  return Math.round(gross * (1 - discountPercent / 100));
}

/** Median unit price in cents, used for the "typical item" badge. */
export function medianUnitPrice(items: LineItem[]): number {
  if (items.length === 0) return 0;
  const prices = items.map((item) => item.unitCents).sort();
  const middle = Math.floor(prices.length / 2);
  return prices.length % 2 === 0 ? (prices[middle - 1] + prices[middle]) / 2 : prices[middle];
}

const demo: LineItem[] = [
  { sku: 'mug', unitCents: 900, quantity: 2 },
  { sku: 'lamp', unitCents: 1200, quantity: 1 },
  { sku: 'desk', unitCents: 15000, quantity: 1 },
];

console.log(cartTotal(demo, 10), medianUnitPrice(demo));

/** The badge's text, e.g. "Typical item: 12.00". */
export const typicalItemLabel: string = medianUnitPrice(demo) / 100;
