/**
 * Thinking: the canned thinking text, and signatures the server can verify without state.
 * A signature is an HMAC of the model, the conversation prefix (for models that bind thinking
 * to the conversation, https://platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5
 * "Thinking blocks are tied to the model and the conversation") and the thinking text as sent.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Effort, ModelEntry } from './models';
import { canonicalBlock, contentBlocks } from './tokens';

const SENTENCES = [
  (topic: string) => `The user asks about "${topic}".`,
  () => ' I should answer briefly and concretely.',
  () => ' A short example will make it clearer.',
  () => ' Check the edge cases before answering.',
  () => ' Keep the structure simple: point, example, caveat.',
];
const SENTENCES_PER_EFFORT: Record<Effort, number> = { low: 1, medium: 2, high: 3, xhigh: 4, max: 5 };

/**
 * The canned (summarized) thinking for a prompt: one sentence at effort low, up to five at max,
 * so a test can see effort change the thinking length.
 */
export function cannedThinking(prompt: string, effort: Effort): string {
  const topic = prompt.replace(/\s+/g, ' ').trim().slice(0, 40) || 'this';
  return SENTENCES.slice(0, SENTENCES_PER_EFFORT[effort])
    .map((s) => s(topic))
    .join('');
}

/** The canonical text of messages[0..end), as thinking signatures bind it. */
export function conversationKey(messages: unknown[], end: number): string {
  return JSON.stringify(
    messages.slice(0, end).map((m) => {
      const { role, content } = (m ?? {}) as { role?: unknown; content?: unknown };
      return [role, contentBlocks(content).map(canonicalBlock)];
    }),
  );
}

/** Issues and checks thinking signatures and redacted_thinking payloads. */
export class ThinkingSigner {
  private readonly secret: string;

  constructor(secret?: string) {
    this.secret = secret ?? randomBytes(16).toString('hex');
  }

  /** The signature for thinking `text` given by `model` after the conversation `context`. */
  sign(model: ModelEntry, context: string, text: string): string {
    return Buffer.from(`sig1.${this.mac(model, context, `t:${text}`)}`).toString('base64');
  }

  /** An opaque redacted_thinking payload, verifiable like a signature. */
  redacted(model: ModelEntry, context: string): string {
    const nonce = randomBytes(6).toString('hex');
    return Buffer.from(`red1.${nonce}.${this.mac(model, context, `r:${nonce}`)}`).toString('base64');
  }

  /** True when `signature` was issued by this server for this model (and conversation). */
  verify(model: ModelEntry, context: string, text: string, signature: string): boolean {
    return signature === this.sign(model, context, text);
  }

  /** True when `data` is a redacted_thinking payload this server issued for this model (and conversation). */
  verifyRedacted(model: ModelEntry, context: string, data: string): boolean {
    const [tag, nonce, mac] = Buffer.from(data, 'base64').toString('utf8').split('.');
    return tag === 'red1' && nonce !== undefined && mac === this.mac(model, context, `r:${nonce}`);
  }

  private mac(model: ModelEntry, context: string, payload: string): string {
    const bound = model.bindsThinkingToConversation ? context : '';
    return createHmac('sha256', this.secret).update(`${model.id}\n${bound}\n${payload}`).digest('base64url');
  }
}
