/**
 * Fuzzing what the webviews may send the host: thousands of seeded random and mutated
 * messages (wrong types, huge strings, extra and prototype-pollution keys). A parser accepts
 * only what this file's own spec of the protocol allows, never throws, never pollutes a
 * prototype, and every rejection can be logged without throwing.
 */
import * as assert from 'node:assert/strict';
import { describeRejectedMessage, MAX_WEBVIEW_STRING, parseChatWebviewMessage, parseInsightsWebviewMessage } from '../../../src/shared/protocol';
import { seededRandom } from '../../server/chunking';

const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PER_PARSER = 5000;

type Check = (v: unknown) => boolean;
const str =
  (max: number, min = 0): Check =>
  (v) =>
    typeof v === 'string' && v.length >= min && v.length <= max;
const id: Check = (v) => typeof v === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(v);
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);

const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const only = (v: Record<string, unknown>, keys: string[]) => Object.keys(v).every((k) => keys.includes(k));
const count =
  (max: number, min = 0): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const KINDS = ['selection', 'file', 'folder', 'symbol', 'problems', 'changes', 'terminal', 'image', 'activeFile'];
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const isAttachment: Check = (a) =>
  record(a) &&
  only(a, ['id', 'kind', 'label', 'code', 'language', 'path', 'range', 'tokens', 'image']) &&
  id(a.id) &&
  oneOf(...KINDS)(a.kind) &&
  str(300)(a.label) &&
  str(MAX_WEBVIEW_STRING)(a.code) &&
  optional(str(200))(a.language) &&
  optional(str(4096, 1))(a.path) &&
  count(1e9)(a.tokens) &&
  optional((r) => record(r) && only(r, ['startLine', 'endLine']) && count(1e7, 1)(r.startLine) && count(1e7, 1)(r.endLine) && (r.endLine as number) >= (r.startLine as number))(
    a.range,
  ) &&
  optional(
    (i) =>
      record(i) &&
      only(i, ['mediaType', 'bytes', 'width', 'height', 'thumbnail']) &&
      oneOf(...IMAGE_TYPES)(i.mediaType) &&
      count(1e9)(i.bytes) &&
      optional(count(1e9))(i.width) &&
      optional(count(1e9))(i.height) &&
      optional((t) => typeof t === 'string' && t.length <= 200_000 && /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]*$/.test(t))(i.thumbnail),
  )(a.image);

/** The protocol as documented in src/shared/protocol.ts, written out independently. */
const CHAT: Record<string, Record<string, Check>> = {
  ready: {},
  'prompt/submit': {
    text: str(MAX_WEBVIEW_STRING),
    attachments: optional((v) => Array.isArray(v) && v.length <= 20 && v.every(isAttachment)),
  },
  'queue/edit': { id, text: str(MAX_WEBVIEW_STRING) },
  'queue/remove': { id },
  'queue/resume': {},
  'message/branch': { messageId: id, index: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000 },
  'stream/stop': {},
  'message/regenerate': {},
  'message/edit': { messageId: id, text: str(MAX_WEBVIEW_STRING) },
  'message/copy': { messageId: id },
  'message/feedback': { messageId: id, value: oneOf('up', 'down') },
  'code/action': { action: oneOf('copy', 'insert', 'apply', 'newFile'), messageId: id, code: str(MAX_WEBVIEW_STRING), language: optional(str(200)) },
  'error/action': {
    action: oneOf('setApiKey', 'pickModel', 'openConsole', 'retry', 'openSettings', 'newChat', 'dropOldest'),
    setting: optional((v) => typeof v === 'string' && /^claudeStream(\.[A-Za-z][A-Za-z0-9]*){0,3}$/.test(v)),
  },
  'error/copyRequestId': { requestId: (v) => typeof v === 'string' && /^[A-Za-z0-9_.:-]{1,200}$/.test(v) },
  'link/open': { href: str(4096) },
  'file/open': { path: str(4096, 1) },
  'model/select': { model: (v) => typeof v === 'string' && /^[A-Za-z0-9._:@/-]{1,200}$/.test(v) },
  'context/addSelection': {},
  'context/query': { requestId: id, kind: oneOf('file', 'folder', 'symbol'), query: str(500) },
  'context/add': { requestId: id, kind: oneOf('selection', 'file', 'folder', 'symbol', 'problems', 'changes', 'terminal'), value: optional(str(4096, 1)) },
  'context/acceptOffer': { requestId: id, offerId: id },
  'context/dropUris': { requestId: id, uris: (v) => Array.isArray(v) && v.length >= 1 && v.length <= 50 && v.every(str(4096, 1)) },
  'context/image': { requestId: id, name: str(300), mediaType: oneOf(...IMAGE_TYPES), data: (v) => str(7_000_000, 1)(v) && /^[A-Za-z0-9+/]*={0,2}$/.test(v as string) },
  'context/activeFile': { enabled: (v) => typeof v === 'boolean' },
  'context/remove': { id },
  'chat/new': {},
  'history/open': { conversationId: id },
};
const INSIGHTS: Record<string, Record<string, Check>> = {
  ready: {},
  'insight/apply': { id },
  'insight/dismiss': { id },
  'learning/summarize': {},
  'preferences/edit': { text: str(4000) },
  'preferences/applyToPrompts': { enabled: (v) => typeof v === 'boolean' },
  'file/open': { path: str(4096, 1) },
};

function conforms(spec: Record<string, Record<string, Check>>, raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const value = raw as Record<string, unknown>;
  if (typeof value.type !== 'string' || !Object.prototype.hasOwnProperty.call(spec, value.type)) return false;
  const fields = spec[value.type];
  if (Object.keys(value).some((k) => k !== 'type' && !Object.prototype.hasOwnProperty.call(fields, k))) return false;
  return Object.entries(fields).every(([k, check]) => check(value[k]));
}

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then'];
const HOSTILE_STRINGS = [
  '',
  ' ',
  'x'.repeat(MAX_WEBVIEW_STRING + 1),
  'x'.repeat(4097),
  'command:workbench.action.terminal.new',
  'javascript:alert(1)',
  '../../../etc/passwd',
  '\u0000',
  '💥'.repeat(3000),
  '<img src=x onerror=alert(1)>',
  'a b',
  'm-1',
  'claude-sonnet-5',
  'up',
  'copy',
  'setApiKey',
];

/** A random value of any JSON-clonable shape, as `postMessage` could deliver. */
function randomValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * (depth > 2 ? 6 : 9));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return [0, -1, 1e308, Number.MAX_SAFE_INTEGER, 3.5][Math.floor(r() * 5)];
    case 3:
      return HOSTILE_STRINGS[Math.floor(r() * HOSTILE_STRINGS.length)];
    case 4:
      return 'm' + Math.floor(r() * 1000);
    case 5:
      return undefined;
    case 6:
      return Array.from({ length: Math.floor(r() * 3) }, () => randomValue(r, depth + 1));
    case 7:
      return { toString: 'x', valueOf: 'y' };
    default: {
      const obj: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 4); i > 0; i--) obj[HOSTILE_KEYS[Math.floor(r() * HOSTILE_KEYS.length)]] = randomValue(r, depth + 1);
      return obj;
    }
  }
}

/** A message: fully random, or a plausible one with a field broken, added or replaced. */
function randomMessage(r: () => number, spec: Record<string, Record<string, Check>>): unknown {
  const types = Object.keys(spec);
  const roll = r();
  if (roll < 0.15) return randomValue(r);
  const type = r() < 0.9 ? types[Math.floor(r() * types.length)] : HOSTILE_KEYS[Math.floor(r() * HOSTILE_KEYS.length)];
  const message: Record<string, unknown> = { type };
  for (const field of Object.keys(spec[type] ?? {})) message[field] = r() < 0.3 ? randomValue(r) : HOSTILE_STRINGS[Math.floor(r() * HOSTILE_STRINGS.length)];
  if (r() < 0.3) message[HOSTILE_KEYS[Math.floor(r() * HOSTILE_KEYS.length)]] = randomValue(r);
  if (r() < 0.1) message.type = randomValue(r);
  // Through JSON, as a webview's message is cloned: `__proto__` becomes an own key.
  const text = JSON.stringify(message, (_k, v: unknown) => (v === undefined ? null : v));
  return r() < 0.2 ? JSON.parse(text.replace(/"(constructor|toString)"/, '"__proto__"')) : JSON.parse(text);
}

describe(`security: messages from the webviews are fuzzed (CHAOS_SEED=${SEED})`, function () {
  this.timeout(30_000);
  for (const [name, parse, spec] of [
    ['chat', parseChatWebviewMessage, CHAT],
    ['insights', parseInsightsWebviewMessage, INSIGHTS],
  ] as const) {
    it(`the ${name} parser accepts only well-formed messages out of ${PER_PARSER} random ones, and never throws`, () => {
      const r = seededRandom(SEED);
      let accepted = 0;
      const wrong: string[] = [];
      for (let i = 0; i < PER_PARSER; i++) {
        const raw = randomMessage(r, spec);
        let parsed: unknown;
        assert.doesNotThrow(() => (parsed = parse(raw)), `message ${i}`);
        if (parsed !== undefined) {
          accepted++;
          if (!conforms(spec, parsed)) wrong.push(JSON.stringify(parsed).slice(0, 120));
        } else if (conforms(spec, raw)) wrong.push(`rejected a valid message: ${JSON.stringify(raw).slice(0, 120)}`);
        if (parsed === undefined) {
          let described = '';
          assert.doesNotThrow(() => (described = describeRejectedMessage(raw)), `describing rejected message ${i}`);
          assert.ok(described.length > 0 && described.length <= 44, described);
        }
      }
      assert.deepEqual(wrong.slice(0, 5), []);
      assert.ok(accepted > 50 && accepted < PER_PARSER / 2, `${accepted} accepted: the fuzz reaches both sides`);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.getPrototypeOf({}), Object.prototype);
      console.log(`      ${name}: ${PER_PARSER} messages, ${accepted} well-formed accepted, ${PER_PARSER - accepted} rejected`);
    });
  }

  it('rejects prototype-pollution keys and leaves Object.prototype alone', () => {
    for (const text of [
      '{"type":"ready","__proto__":{"polluted":true}}',
      '{"type":"__proto__"}',
      '{"type":"constructor"}',
      '{"type":"prompt/submit","text":"hi","constructor":{"prototype":{"polluted":true}}}',
      '{"type":"file/open","path":"a","__proto__":null}',
    ]) {
      const raw = JSON.parse(text) as unknown;
      assert.equal(parseChatWebviewMessage(raw), undefined, text);
      assert.equal(parseInsightsWebviewMessage(raw), undefined, text);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('logs a rejected message by a short type, even one whose type cannot become a string', () => {
    assert.equal(describeRejectedMessage({ type: { toString: 'x', valueOf: 'y' } }), 'object');
    assert.equal(describeRejectedMessage({ type: 'x'.repeat(500) }).length, 42);
    assert.equal(describeRejectedMessage('just text'), 'string');
    assert.equal(describeRejectedMessage([1, 2]), 'array');
    assert.throws(() => String({ toString: 'x', valueOf: 'y' }), TypeError, 'what the panels did before: this threw inside the message handler');
  });
});
