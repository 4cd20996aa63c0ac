/**
 * Seeded fault plans for the chaos suite: which fault each request of a conversation meets,
 * and what the user must see in the end.
 */
import { CONTINUE_TURN_MIN_OVERLAP } from '../../../src/core/streaming/continuationJoiner';
import type { ErrorKind } from '../../../src/core/streaming/types';
import type { Scenario } from '../../server';

/** Faults that break an attempt (the service must retry or resume). */
const BREAKING = ['429', '529', '500-overloaded', 'error-event', 'reset', 'stall', 'malformed'] as const;
/** Faults the stream must ride through without a retry. */
const BENIGN = ['split-utf8', 'unknown-events', 'ping-flood'] as const;

export type Breaking = (typeof BREAKING)[number];
type Benign = (typeof BENIGN)[number];
type Fault = Breaking | Benign;

/** How each breaking fault is classified when it is the one that spends the budget. */
export const KIND_OF: Record<Breaking, ErrorKind> = {
  '429': 'rate_limit',
  '529': 'overloaded',
  '500-overloaded': 'overloaded',
  'error-event': 'overloaded',
  reset: 'connection',
  stall: 'stalled',
  malformed: 'stream_error',
};

/** One conversation's script. */
export interface Plan {
  /** e.g. `reset`, `reset+529 (resume)`, `exhaust`. */
  label: string;
  /** The fault each request meets, in order; requests after these are clean. */
  faults: Fault[][];
  /** The full answer the server streams. */
  text: string;
  model: string;
  /** `done` unless the breaking faults outnumber the retry budget. */
  expect: 'done' | 'error';
  /** Breaking faults planned, i.e. the failed attempts the user should sit through. */
  breaks: number;
  /** Chars of the partial answer a continuation repeats (the joiner must drop them). */
  overlap: number;
}

const WORDS = ['stream', 'token', 'résumé', 'naïve', 'café', '日本語', 'テスト', '🎉', '🚀', 'Ω', 'über', 'const', '`x`', '**bold**', 'ünïcödé', '👩‍💻'];

/** An answer of 60–140 words mixing ASCII, accents, CJK, emoji (surrogate pairs, ZWJ) and markdown. */
export function answerText(random: () => number, index: number, allowRepeats: boolean): string {
  const words: string[] = [`Answer ${index}:`];
  const count = 60 + Math.floor(random() * 80);
  for (let i = 0; i < count; i++) {
    const r = random();
    const word = r < 0.35 ? WORDS[Math.floor(random() * WORDS.length)] : `word${Math.floor(random() * 1000)}`;
    // A continue-turn resume cannot tell a break between "token token" from a model that
    // repeats itself, so those answers never repeat a word; a prefill continues exactly, and
    // its answers do repeat words, to prove that nothing genuine is dropped.
    if (!allowRepeats && word === words.at(-1)) continue;
    words.push(word);
    if (random() < 0.06) words.push('\n\n');
  }
  return words.join(' ').replace(/ \n\n /g, '\n\n') + ' The end.';
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/**
 * One seeded plan. About 8 % spend the whole budget (maxRetries + 1 breaking faults); 20 % are
 * a combination with a second fault during the resume; the rest meet one fault, breaking or
 * benign, sometimes with a benign one on top.
 */
export function makePlan(random: () => number, index: number, maxRetries: number): Plan {
  // Prefill (haiku 4.5) and continue-turn (sonnet 5) resumes both get exercised.
  const model = random() < 0.5 ? 'claude-haiku-4-5' : 'claude-sonnet-5';
  const prefill = model === 'claude-haiku-4-5';
  const text = answerText(random, index, prefill);
  // Only a continue-turn model repeats itself; shorter repeats are kept by design.
  const overlap = !prefill && random() < 0.3 ? CONTINUE_TURN_MIN_OVERLAP + Math.floor(random() * 9) : 0;
  const r = random();
  let faults: Fault[][];
  let label: string;
  if (r < 0.08) {
    faults = Array.from({ length: maxRetries + 1 }, () => [pick(random, BREAKING)]);
    label = 'exhaust';
  } else if (r < 0.28) {
    const first = pick(random, ['error-event', 'reset', 'stall', 'malformed'] as const);
    const second = pick(random, BREAKING);
    faults = [[first], [second]];
    label = `${first}+${second} (resume)`;
  } else {
    const fault = pick(random, [...BREAKING, ...BENIGN]);
    const extra = random() < 0.25 ? pick(random, BENIGN) : undefined;
    faults = [extra && extra !== fault ? [fault, extra] : [fault]];
    label = fault;
  }
  const breaks = faults.filter((f) => f.some((x) => (BREAKING as readonly string[]).includes(x))).length;
  return { label, faults, text, model, expect: breaks > maxRetries ? 'error' : 'done', breaks, overlap };
}

/**
 * The server scenario for one request. Token-counted faults fire after 1–6 text deltas: every
 * answer has far more, so even the rest of a resumed answer still meets its fault.
 */
export function scenarioFor(plan: Plan, attempt: number, random: () => number, stallMs: number): Scenario {
  // Token-sized chunks of 3–10 chars: enough deltas to break anywhere, few enough that eight
  // parallel streams do not starve the event loop for longer than the idle timeout.
  const scenario: Scenario = { text: plan.text, tokenChars: [3, 10], continuationOverlapChars: plan.overlap };
  const after = () => 1 + Math.floor(random() * 6);
  for (const fault of plan.faults[attempt] ?? []) {
    switch (fault) {
      case '429':
        Object.assign(scenario, { status: 429, retryAfterSec: 0.01 });
        break;
      case '529':
        scenario.status = 529;
        break;
      case '500-overloaded':
        Object.assign(scenario, { status: 500, errorType: 'api_error', errorMessage: 'Overloaded' });
        break;
      case 'error-event':
        scenario.errorAfterTokens = after();
        break;
      case 'reset':
        scenario.resetAfterTokens = after();
        break;
      case 'stall':
        Object.assign(scenario, { stallAfterTokens: after(), stallMs });
        break;
      case 'malformed':
        scenario.malformedAfterTokens = after();
        break;
      case 'split-utf8':
        scenario.splitUtf8 = true;
        break;
      case 'unknown-events':
        scenario.unknownEvents = true;
        break;
      case 'ping-flood':
        // A ping after every delta, and a pause longer than the idle timeout that only pings fill.
        Object.assign(scenario, { pingEvery: 1, pauseAfterTokens: after(), pauseMs: stallMs, pausePingMs: 15 });
        break;
    }
  }
  return scenario;
}
