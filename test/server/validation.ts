/**
 * Request validation: what the real API of 2 Dec 2026 rejects, rejected here by default. Each
 * rule cites its doc page; test/server/RULES.md lists them and test/unit/server/validation.test.ts
 * sends each bad request over HTTP. Legacy behaviour is chosen by what the request sends
 * (anthropic-version 2023-06-01, an older model), never by a looser default.
 */
import { findModel, type Effort, type ModelEntry, type ThinkingType } from './models';
import { conversationKey, type ThinkingSigner } from './thinking';
import { countInputTokens, promptBlocks, type PromptBlock } from './tokens';
import type { MessagesRequestBody } from './types';

export type ApiVersion = '2023-06-01' | '2026-10-21';
const API_VERSIONS: ApiVersion[] = ['2023-06-01', '2026-10-21'];

/** An error response to send. */
export interface ApiError {
  status: number;
  type: string;
  message: string;
}

/** A request that passed, with what the server resolved from it. */
export interface ValidRequest {
  model: ModelEntry;
  /** The id as the request named it (an alias stays an alias in the response). */
  modelId: string;
  thinking: { on: boolean; display: 'summarized' | 'omitted' };
  effort: Effort;
  maxTokens: number;
  topLevelTtl?: '5m' | '1h';
  blocks: PromptBlock[];
  inputTokens: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (message: string): ApiError => ({ status: 400, type: 'invalid_request_error', message });
const EFFORTS: Effort[] = ['low', 'medium', 'high', 'xhigh', 'max'];

// Body fields of SDK 1.12 MessageCreateParamsBase (resources/messages/messages.d.ts) — the
// 2026-10-21 request shape. https://platform.claude.com/docs/en/api/messages
const MESSAGE_FIELDS = [
  'model',
  'messages',
  'max_tokens',
  'cache_control',
  'container',
  'diagnostics',
  'inference_geo',
  'metadata',
  'output_config',
  'service_tier',
  'speed',
  'stop_sequences',
  'stream',
  'system',
  'thinking',
  'tool_choice',
  'tools',
];
// MessageCountTokensParams (same .d.ts). https://platform.claude.com/docs/en/build-with-claude/token-counting
const COUNT_FIELDS = ['model', 'messages', 'cache_control', 'output_config', 'speed', 'system', 'thinking', 'tool_choice', 'tools'];
// Sampling fields exist only under 2023-06-01: "temperature, top_p and top_k … return a 400 error,
// even at their default values" under 2026-10-21. https://platform.claude.com/docs/en/api/migration-2026-10-21
const SAMPLING_FIELDS = ['temperature', 'top_p', 'top_k'];
// Beta request fields (beta MessageCreateParamsBase), accepted only with an anthropic-beta header.
const BETA_FIELDS = ['billing_policy', 'compaction', 'context_management', 'fallback_credit_token', 'fallbacks', 'mcp_servers', 'output_format', 'thread', 'betas'];

/** Checks the anthropic-version header. https://platform.claude.com/docs/en/api/versioning */
export function checkVersion(header: string | string[] | undefined): ApiError | ApiVersion {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return bad('anthropic-version: header is required');
  if (!API_VERSIONS.includes(value as ApiVersion)) return bad(`anthropic-version: "${value}" is not a valid version. Valid versions: ${API_VERSIONS.join(', ')}`);
  return value as ApiVersion;
}

/** Everything the two endpoints share; `kind` selects the endpoint's extra rules. */
export function validateRequest(
  body: MessagesRequestBody,
  version: ApiVersion,
  beta: boolean,
  catalogue: ModelEntry[],
  signer: ThinkingSigner,
  kind: 'messages' | 'count_tokens',
  prefillOverride?: (model: string) => boolean,
): ApiError | ValidRequest {
  // "Extra inputs are not permitted" for any field outside the version's request shape.
  const allowed = new Set([...(kind === 'messages' ? MESSAGE_FIELDS : COUNT_FIELDS), ...(version === '2023-06-01' ? SAMPLING_FIELDS : []), ...(beta ? BETA_FIELDS : [])]);
  const extra = Object.keys(body).find((k) => !allowed.has(k));
  if (extra) return bad(`${extra}: Extra inputs are not permitted`);

  const required = kind === 'messages' ? ['model', 'messages', 'max_tokens'] : ['model', 'messages'];
  const missing = required.find((k) => body[k] === undefined);
  if (missing) return bad(`${missing}: Field required`);
  if (typeof body.model !== 'string') return bad('model: Input should be a valid string');
  if (!Array.isArray(body.messages)) return bad('messages: Input should be a valid list');
  const maxTokens = kind === 'messages' ? body.max_tokens : 0;
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 0) return bad('max_tokens: Input should be a valid integer greater than or equal to 0');

  // Unknown model → 404 not_found_error; retired → "Requests to retired models will fail"
  // (https://platform.claude.com/docs/en/about-claude/model-deprecations; wording assumed).
  const model = findModel(catalogue, body.model);
  if (!model) return { status: 404, type: 'not_found_error', message: `model: ${body.model}` };
  if (model.lifecycle === 'retired') {
    return {
      status: 404,
      type: 'not_found_error',
      message: `model: ${body.model} was retired on ${model.retiresAt?.slice(0, 10) ?? 'an earlier date'}. See https://platform.claude.com/docs/en/about-claude/model-deprecations`,
    };
  }
  // max_tokens ≤ the model's ModelInfo.max_tokens. https://platform.claude.com/docs/en/about-claude/models/overview
  if (maxTokens > model.maxTokens) return bad(`max_tokens: ${maxTokens} > ${model.maxTokens}, which is the maximum allowed number of output tokens for ${model.id}`);

  const contentError = checkContent(body, version) ?? checkImageInput(body, model);
  if (contentError) return contentError;
  const samplingError = version === '2023-06-01' ? checkSampling(body, model) : undefined;
  if (samplingError) return samplingError;
  const thinking = resolveThinking(body, model, maxTokens);
  if ('status' in thinking) return thinking;
  const cache = checkCacheControl(body);
  if (cache && 'status' in cache) return cache;

  if (kind === 'messages') {
    // Prefill: "On models that don't support prefill, creating a message that ends with a partial
    // assistant response returns a 400 error." https://platform.claude.com/docs/en/api/errors#prefill-not-supported
    const messages = body.messages as Obj[];
    const last = messages.at(-1);
    if (last?.role === 'assistant') {
      const rejects = prefillOverride ? prefillOverride(model.id) : !model.prefill;
      if (rejects) return bad('This model does not support assistant message prefill. The conversation must end with a user message.');
      const text = typeof last.content === 'string' ? last.content : lastText(last.content);
      if (/\s$/.test(text)) return bad('messages: final assistant content cannot end with trailing whitespace');
    }
    const signatureError = checkSignatures(messages, model, signer);
    if (signatureError) return signatureError;
  }
  const blocks = promptBlocks(body);
  const inputTokens = countInputTokens(body);
  // "prompt is too long: N tokens > M maximum" above ModelInfo.max_input_tokens.
  // https://platform.claude.com/docs/en/build-with-claude/context-windows
  if (kind === 'messages' && inputTokens > model.maxInputTokens) return bad(`prompt is too long: ${inputTokens} tokens > ${model.maxInputTokens} maximum`);
  return { model, modelId: body.model, thinking: thinking.thinking, effort: thinking.effort, maxTokens, topLevelTtl: cache?.ttl, blocks, inputTokens };
}

function lastText(content: unknown): string {
  if (!Array.isArray(content)) return '';
  const block = content.at(-1);
  return isObj(block) && typeof block.text === 'string' ? block.text : '';
}

/**
 * An image to a model whose capabilities do not list `image_input` is a 400: vision is a model
 * capability (https://platform.claude.com/docs/en/build-with-claude/vision), which GET /v1/models
 * reports as `capabilities.image_input.supported` (https://platform.claude.com/docs/en/api/models/list).
 * Wording assumed.
 */
function checkImageInput(body: MessagesRequestBody, model: ModelEntry): ApiError | undefined {
  if (model.imageInput !== false) return undefined;
  for (const [i, m] of (body.messages as unknown[]).entries()) {
    if (!isObj(m) || !Array.isArray(m.content)) continue;
    const j = m.content.findIndex((b) => isObj(b) && b.type === 'image');
    if (j >= 0) return bad(`messages.${i}.content.${j}: ${model.id} does not support image input`);
  }
  return undefined;
}

/** Message and system content: roles, non-empty text, version-specific block rules. */
function checkContent(body: MessagesRequestBody, version: ApiVersion): ApiError | undefined {
  const messages = body.messages as unknown[];
  if (messages.length === 0) return bad('messages: at least one message is required');
  for (const [i, m] of messages.entries()) {
    if (!isObj(m) || (m.role !== 'user' && m.role !== 'assistant')) return bad(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    const final = i === messages.length - 1 && m.role === 'assistant';
    // Empty content: https://platform.claude.com/docs/en/api/errors#common-validation-errors
    if (m.content === '' || (Array.isArray(m.content) && m.content.length === 0)) {
      if (!final) return bad(`messages.${i}: all messages must have non-empty content except for the optional final assistant message`);
    } else if (typeof m.content !== 'string' && !Array.isArray(m.content)) {
      return bad(`messages.${i}.content: Input should be a valid string or list`);
    }
    if (!Array.isArray(m.content)) continue;
    for (const [j, block] of m.content.entries()) {
      if (!isObj(block) || typeof block.type !== 'string') return bad(`messages.${i}.content.${j}: Input should be a valid content block`);
      const error = checkTextBlock(block, `messages.${i}.content.${j}`) ?? checkImageBlock(block, `messages.${i}.content.${j}`);
      if (error) return error;
      if (version === '2026-10-21') {
        // Both 400 under 2026-10-21. https://platform.claude.com/docs/en/api/migration-2026-10-21
        if (m.role === 'assistant' && block.type === 'document') return bad(`messages.${i}.content.${j}: document blocks are not supported in assistant messages`);
        if (m.role === 'user' && block.type === 'text' && Array.isArray(block.citations) && block.citations.length > 0) {
          return bad(`messages.${i}.content.${j}.citations: citations are not supported on text blocks in user messages`);
        }
      }
    }
  }
  const images = messages.reduce<number>((n, m) => n + (isObj(m) && Array.isArray(m.content) ? m.content.filter((b) => isObj(b) && b.type === 'image').length : 0), 0);
  // "up to 100 images in a single API request": https://platform.claude.com/docs/en/build-with-claude/vision#faq
  if (images > MAX_IMAGES) return bad(`messages: too many images in the request: ${images} > ${MAX_IMAGES}`);
  if (Array.isArray(body.system)) {
    for (const [j, block] of body.system.entries()) {
      const error = isObj(block) ? checkTextBlock(block, `system.${j}`) : bad(`system.${j}: Input should be a valid text block`);
      if (error) return error;
    }
  } else if (body.system !== undefined && typeof body.system !== 'string') {
    return bad('system: Input should be a valid string or list of text blocks');
  }
  return undefined;
}

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
/** Per image through the API (5 MB, measured on the base64 data) and per request. */
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_IMAGES = 100;

/** The media type an image's first bytes say it is, by its signature; undefined for none of ours. */
function sniffImage(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

/**
 * An `image` block: a `base64` source of one of four media types whose bytes are that type, at
 * most 5 MB; or a `url` source. https://platform.claude.com/docs/en/build-with-claude/vision and
 * https://platform.claude.com/docs/en/api/messages (ImageBlockParam). Wording of the mismatch and
 * size errors is as the API words them; the others *(assumed)*.
 */
function checkImageBlock(block: Obj, path: string): ApiError | undefined {
  if (block.type !== 'image') return undefined;
  const source = block.source;
  if (!isObj(source)) return bad(`${path}.image.source: Field required`);
  if (source.type === 'url') return typeof source.url === 'string' && /^https?:\/\//.test(source.url) ? undefined : bad(`${path}.image.source.url: Input should be a valid URL`);
  if (source.type !== 'base64') return bad(`${path}.image.source.type: Input should be 'base64', 'url' or 'file'`);
  if (typeof source.media_type !== 'string' || !IMAGE_TYPES.includes(source.media_type)) {
    return bad(`${path}.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`);
  }
  if (typeof source.data !== 'string' || source.data === '') return bad(`${path}.image.source.base64.data: Field required`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(source.data) || source.data.length % 4 !== 0) return bad(`${path}.image.source.base64.data: invalid base64 data`);
  if (source.data.length > MAX_IMAGE_BYTES) return bad(`${path}.image.source.base64: image exceeds 5 MB maximum: ${source.data.length} bytes > ${MAX_IMAGE_BYTES} bytes`);
  const actual = sniffImage(Buffer.from(source.data.slice(0, 64), 'base64'));
  if (!actual) return bad(`${path}.image.source.base64.data: Could not process image`);
  if (actual !== source.media_type) {
    return bad(`${path}.image.source.base64.data: The image was specified using the ${source.media_type} media type, but the image appears to be a ${actual} image`);
  }
  return undefined;
}

function checkTextBlock(block: Obj, path: string): ApiError | undefined {
  if (block.type !== 'text') return undefined;
  if (typeof block.text !== 'string') return bad(`${path}.text: Field required`);
  if (block.text === '') return bad(`${path}.text: text content blocks must be non-empty`);
  if (block.text.trim() === '') return bad(`${path}.text: text content blocks must contain non-whitespace text`);
  return undefined;
}

/** Sampling under 2023-06-01, per model. */
function checkSampling(body: MessagesRequestBody, model: ModelEntry): ApiError | undefined {
  if (model.sampling === 'default-only') {
    // Generation 5: "setting sampling parameters (temperature, top_p, top_k) to non-default
    // values returns a 400 error". https://platform.claude.com/docs/en/models/sonnet-5/migration-guide
    if (body.temperature !== undefined && body.temperature !== 1) return bad(`temperature: ${model.id} supports only the default value (1.0)`);
    if (body.top_p !== undefined && body.top_p !== 1) return bad(`top_p: ${model.id} supports only the default value (1.0)`);
    if (body.top_k !== undefined) return bad(`top_k: ${model.id} supports only the default value`);
  }
  // Claude 4.5+: temperature and top_p not together. https://platform.claude.com/docs/en/about-claude/models/migration-guide
  if (model.sampling !== 'any' && body.temperature !== undefined && body.top_p !== undefined) {
    return bad('`temperature` and `top_p` cannot both be specified for this model. Please use only one.');
  }
  return undefined;
}

/** thinking.type against the model's capabilities, budget, display, and output_config.effort. */
function resolveThinking(body: MessagesRequestBody, model: ModelEntry, maxTokens: number): ApiError | { thinking: ValidRequest['thinking']; effort: Effort } {
  const t = body.thinking;
  if (t !== undefined && (!isObj(t) || typeof t.type !== 'string')) return bad('thinking: Input should be a valid thinking configuration');
  const type = (t?.type ?? (model.thinksByDefault ? 'adaptive' : 'disabled')) as ThinkingType;
  if (!['adaptive', 'enabled', 'disabled', 'between_tools'].includes(type)) return bad(`thinking.type: Input should be 'adaptive', 'enabled', 'disabled' or 'between_tools'`);
  // ModelInfo.capabilities.thinking.types: "False exactly when a request that sends it gets a 400"
  // (models.d.ts). Wording: https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5
  if (t && !model.thinkingTypes.includes(type)) {
    const hint =
      type === 'disabled' && model.thinkingTypes.includes('between_tools')
        ? 'Use "thinking.type.between_tools" to turn off up-front thinking.'
        : model.thinkingTypes.includes('adaptive')
          ? 'Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.'
          : 'Use "thinking.type.enabled" with "budget_tokens".';
    return bad(`"thinking.type.${type}" is not supported for this model. ${hint}`);
  }
  if (type === 'enabled') {
    // "you set a budget_tokens of at least 1,024" (ThinkingConfigEnabled) and below max_tokens.
    // https://platform.claude.com/docs/en/build-with-claude/extended-thinking
    const budget = t?.budget_tokens;
    if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 1024) return bad('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
    if (maxTokens <= budget)
      return bad(
        '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
      );
  }
  const display = t?.display ?? model.displayDefault;
  if (display !== 'summarized' && display !== 'omitted') return bad(`thinking.${type}.display: Input should be 'summarized' or 'omitted'`);

  const config = body.output_config;
  if (config !== undefined && !isObj(config)) return bad('output_config: Input should be a valid dictionary');
  const requested = config?.effort;
  if (requested !== undefined && requested !== null) {
    if (typeof requested !== 'string' || !EFFORTS.includes(requested as Effort)) return bad(`output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'`);
    // ModelInfo.capabilities.effort lists the levels. https://platform.claude.com/docs/en/build-with-claude/effort
    if (model.effortLevels.length === 0) return bad(`output_config.effort: effort is not supported for ${model.id}`);
    if (!model.effortLevels.includes(requested as Effort))
      return bad(`output_config.effort: "${requested}" is not supported for ${model.id}. Supported levels: ${model.effortLevels.join(', ')}`);
  }
  const effort = (requested as Effort | undefined) ?? model.defaultEffort ?? 'high';
  // "between_tools is available at low, medium and high effort. At xhigh or max effort, a request
  // with between_tools returns a 400 error." https://platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5
  const off = type === 'disabled' || type === 'between_tools';
  if (t && off && model.thinkingOffEfforts && !model.thinkingOffEfforts.includes(effort)) {
    return bad(`"thinking.type.${type}" is not supported with effort "${effort}". Use "thinking.type.adaptive" to run at ${effort} effort.`);
  }
  return { thinking: { on: type === 'adaptive' || type === 'enabled', display }, effort };
}

/** Top-level cache_control and the breakpoint count. https://platform.claude.com/docs/en/build-with-claude/prompt-caching */
function checkCacheControl(body: MessagesRequestBody): ApiError | { ttl?: '5m' | '1h' } | undefined {
  const c = body.cache_control;
  if (c !== undefined && c !== null) {
    if (!isObj(c) || c.type !== 'ephemeral') return bad("cache_control.type: Input should be 'ephemeral'");
    if (c.ttl !== undefined && c.ttl !== '5m' && c.ttl !== '1h') return bad("cache_control.ttl: Input should be '5m' or '1h'");
  }
  const markers = promptBlocks(body).filter((b) => b.ttl).length + (isObj(c) ? 1 : 0);
  if (markers > 4) return bad(`A maximum of 4 blocks with cache_control may be provided. Found ${markers}.`);
  return isObj(c) ? { ttl: c.ttl === '1h' ? '1h' : '5m' } : undefined;
}

/**
 * Thinking and redacted_thinking blocks sent back must be this server's, for this model (and,
 * on 5.5-era models, this conversation). https://platform.claude.com/docs/en/build-with-claude/thinking#thinking-encryption
 */
function checkSignatures(messages: Obj[], model: ModelEntry, signer: ThinkingSigner): ApiError | undefined {
  for (const [i, m] of messages.entries()) {
    if (m.role !== 'assistant' || !Array.isArray(m.content)) continue;
    const context = conversationKey(messages, i);
    for (const [j, block] of m.content.entries()) {
      if (!isObj(block)) continue;
      if (block.type === 'thinking') {
        const ok = typeof block.signature === 'string' && typeof block.thinking === 'string' && signer.verify(model, context, block.thinking, block.signature);
        if (!ok) return bad(`messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`);
      }
      if (block.type === 'redacted_thinking' && !(typeof block.data === 'string' && signer.verifyRedacted(model, context, block.data))) {
        return bad(`messages.${i}.content.${j}: Invalid \`data\` in \`redacted_thinking\` block`);
      }
    }
  }
  return undefined;
}
