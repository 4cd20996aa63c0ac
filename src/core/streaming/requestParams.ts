/**
 * Builds the Messages API body for one attempt from the user's settings and what is known of
 * the model, sending nothing the API or the model would reject:
 * - no `temperature` / `top_p` / `top_k` under API version 2026-10-21, which answers them
 *   with a 400 even at their defaults (platform.claude.com/docs/en/api/migration-2026-10-21);
 *   under 2023-06-01 only to a model that takes a non-default value, and never both together;
 * - `thinking: adaptive` with `display: "summarized"` only where the model's capabilities list
 *   adaptive thinking, so its thinking streams visibly (newer models omit the text otherwise,
 *   platform.claude.com/docs/en/build-with-claude/adaptive-thinking);
 * - `output_config.effort` only at a level the model lists;
 * - `max_tokens` never above the model's own `max_tokens`;
 * - a top-level `cache_control` (automatic prompt caching) unless `claudeStream.cache.ttl` is off.
 */
import type { MessageCreateParamsBase, MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { acceptsSampling } from '../models/modelProfile';
import { cacheControlFor } from './cacheControl';
import { LEGACY_API_VERSION, type ChatTurn, type StreamRequest, type StreamSettings } from './types';

/** Sampling fields: SDK 1.x no longer types them, but still sends a body field it is given. */
type SamplingParams = { temperature?: number; top_p?: number };

/** The body of one streamed attempt. */
export type AttemptParams = MessageCreateParamsBase & SamplingParams;

/** The request body for `messages` (already including any resume turns). */
export function buildParams(request: StreamRequest, messages: MessageParam[]): AttemptParams {
  const { settings, systemSuffix } = request;
  const profile = settings.profile;
  const system = [settings.systemPrompt, systemSuffix].filter((s) => s && s.trim()).join('\n\n');
  const params: AttemptParams = {
    model: settings.model,
    max_tokens: effectiveMaxTokens(settings),
    messages,
    ...(system ? { system } : {}),
    ...sampling(settings),
    ...cacheControlFor(settings.cacheTtl),
  };
  if (profile?.thinking.adaptive) params.thinking = { type: 'adaptive', display: 'summarized' };
  if (settings.effort && profile?.effortLevels.includes(settings.effort)) params.output_config = { effort: settings.effort };
  return params;
}

/** The configured answer budget, capped at the model's limit. */
function effectiveMaxTokens(settings: StreamSettings): number {
  const limit = settings.profile?.maxTokens;
  return limit !== undefined && limit > 0 ? Math.min(settings.maxTokens, limit) : settings.maxTokens;
}

function sampling(settings: StreamSettings): SamplingParams {
  if (settings.apiVersion !== LEGACY_API_VERSION || !acceptsSampling(settings.model)) return {};
  // Models from 4.5 on reject both together; top_p, the more specific choice, wins.
  if (settings.topP !== undefined) return { top_p: settings.topP };
  return settings.temperature !== undefined ? { temperature: settings.temperature } : {};
}

/** Said in place of the images of a turn sent to a model that does not take images. */
export const IMAGES_LEFT_OUT = '(The image attached here is not sent: the selected model does not take images.)';

/**
 * One conversation turn as the API takes it: an assistant turn carries its thinking blocks
 * first, unchanged, when it has them. With `images` false (the model's capabilities do not list
 * `image_input`, which makes an image block a 400) a turn's images are left out and a note says so.
 */
export function toMessageParam(turn: ChatTurn, images = true): MessageParam {
  if (!images && turn.role === 'user' && turn.images && turn.images.length > 0) return { role: 'user', content: `${turn.content}\n\n${IMAGES_LEFT_OUT}` };
  if (turn.role === 'assistant' && turn.thinkingBlocks && turn.thinkingBlocks.length > 0) {
    return { role: 'assistant', content: [...turn.thinkingBlocks.map((b) => ({ ...b })), { type: 'text', text: turn.content }] };
  }
  if (turn.role === 'user' && turn.images && turn.images.length > 0) {
    // Images before the text they are asked about: https://platform.claude.com/docs/en/build-with-claude/vision#example-multiple-images
    return {
      role: 'user',
      content: [
        ...turn.images.map((i) => ({ type: 'image' as const, source: { type: 'base64' as const, media_type: i.mediaType, data: i.data } })),
        { type: 'text', text: turn.content },
      ],
    };
  }
  return { role: turn.role, content: turn.content };
}
