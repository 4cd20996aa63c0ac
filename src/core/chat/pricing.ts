/**
 * Published list prices in US dollars per million tokens, by model line. Used only for
 * the "est." figure in the chat header; unknown models show no cost rather than a guess.
 */
const PRICES_PER_MTOK: ReadonlyArray<{ pattern: RegExp; input: number; output: number }> = [
  { pattern: /opus-4-[01]\b|opus-4-20|3-opus/, input: 15, output: 75 },
  { pattern: /opus/, input: 5, output: 25 },
  { pattern: /sonnet/, input: 3, output: 15 },
  { pattern: /haiku-3/, input: 0.25, output: 1.25 },
  { pattern: /haiku/, input: 1, output: 5 },
];

/** Estimated cost of one exchange, or undefined when the model's price is unknown. */
export function estimateCostUsd(model: string, inputTokens: number, outputTokens: number): number | undefined {
  const price = PRICES_PER_MTOK.find((p) => p.pattern.test(model));
  if (!price) return undefined;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}
