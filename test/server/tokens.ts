/**
 * One deterministic token estimate, shared by usage, the context limit, the prompt cache and
 * POST /v1/messages/count_tokens: ceil(chars / 4) per block (images and documents a flat 1,000).
 * The prompt is read as the API caches it: tools, then system, then messages, block by block.
 */
import type { MessagesRequestBody } from './types';

/** One block of the prompt, in cache order. */
export interface PromptBlock {
  /** Canonical text of the block (cache_control stripped), so equal blocks compare equal. */
  key: string;
  tokens: number;
  /** The block's own cache_control marker, if any (top-level markers are added by the cache). */
  ttl?: '5m' | '1h';
}

const IMAGE_TOKENS = 1000;

/** Tokens for a piece of text. */
function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A block without its cache marker (and citations), as it is compared and signed. */
export function canonicalBlock(block: unknown): unknown {
  if (!isObj(block)) return block;
  const { cache_control: _c, citations: _ci, ...rest } = block;
  return rest;
}

/** A message's content as blocks (a string is one text block). */
export function contentBlocks(content: unknown): unknown[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content : [];
}

function blockTokens(block: unknown): number {
  if (!isObj(block)) return 0;
  switch (block.type) {
    case 'text':
      return tokensOf(typeof block.text === 'string' ? block.text : '');
    case 'thinking':
      return tokensOf(typeof block.thinking === 'string' ? block.thinking : '');
    case 'redacted_thinking':
      return tokensOf(typeof block.data === 'string' ? block.data : '');
    case 'image':
    case 'document':
      return IMAGE_TOKENS;
    case 'tool_result':
      return typeof block.content === 'string' ? tokensOf(block.content) : contentBlocks(block.content).reduce<number>((n, b) => n + blockTokens(b), 0);
    default:
      return tokensOf(JSON.stringify(canonicalBlock(block)));
  }
}

function ttlOf(block: unknown): '5m' | '1h' | undefined {
  if (!isObj(block) || !isObj(block.cache_control)) return undefined;
  return block.cache_control.ttl === '1h' ? '1h' : '5m';
}

/** The request's prompt as blocks in cache order: tools, system, then each message's blocks. */
export function promptBlocks(body: MessagesRequestBody): PromptBlock[] {
  const blocks: PromptBlock[] = [];
  const add = (role: string, block: unknown, tokens: number): void => {
    blocks.push({ key: `${role}:${JSON.stringify(canonicalBlock(block))}`, tokens, ttl: ttlOf(block) });
  };
  if (Array.isArray(body.tools)) for (const tool of body.tools) add('tool', tool, tokensOf(JSON.stringify(canonicalBlock(tool))));
  if (typeof body.system === 'string') add('system', { type: 'text', text: body.system }, tokensOf(body.system));
  else if (Array.isArray(body.system)) for (const block of body.system) add('system', block, blockTokens(block));
  if (Array.isArray(body.messages)) {
    body.messages.forEach((m: unknown, i) => {
      if (!isObj(m)) return;
      for (const block of contentBlocks(m.content)) add(`${i}:${String(m.role)}`, block, blockTokens(block));
    });
  }
  return blocks;
}

/** The request's input tokens: the sum over its blocks, at least 1. */
export function countInputTokens(body: MessagesRequestBody): number {
  return Math.max(
    1,
    promptBlocks(body).reduce((n, b) => n + b.tokens, 0),
  );
}
