/**
 * POST /v1/messages and POST /v1/messages/count_tokens: validate, pick the scripted scenario,
 * split the input through the prompt cache, decide thinking, and answer as JSON or SSE.
 */
import type { ServerResponse } from 'node:http';
import type { PromptCache } from './cache';
import { cannedAnswer, userPrompt } from './conversation';
import { textToStream } from './continuation';
import { newId, sendError, sendJson } from './http';
import type { ModelEntry } from './models';
import { messageJson, streamScenario } from './streamResponse';
import { cannedThinking, conversationKey, type ThinkingSigner } from './thinking';
import type { MessagesRequestBody, Scenario } from './types';
import { validateRequest, type ApiVersion } from './validation';

/** What the handlers share with the server. */
export interface MessagesState {
  catalogue: ModelEntry[];
  signer: ThinkingSigner;
  cache: PromptCache;
  nextScenario: (body: MessagesRequestBody) => Scenario;
  rejectPrefillModels?: (model: string) => boolean;
}

const SPEND_LIMIT_CODES = new Set(['enforced_spend_limit_reached', 'contract_spend_limit_reached']);

/** POST /v1/messages. */
export async function handleMessages(res: ServerResponse, body: MessagesRequestBody, version: ApiVersion, beta: boolean, state: MessagesState): Promise<void> {
  const v = validateRequest(body, version, beta, state.catalogue, state.signer, 'messages', state.rejectPrefillModels);
  if ('status' in v) return sendError(res, v.status, v.type, v.message);
  const scenario = state.nextScenario(body);
  if (scenario.headersDelayMs) await sleepUnlessClosed(res, scenario.headersDelayMs);
  if (res.destroyed) return;
  if (scenario.status !== undefined && scenario.status >= 400) return sendScriptedError(res, scenario);

  const usage =
    scenario.inputTokens !== undefined
      ? { inputTokens: scenario.inputTokens, cacheReadInputTokens: 0, cacheCreationInputTokens: 0, ephemeral5mInputTokens: 0, ephemeral1hInputTokens: 0 }
      : state.cache.use(v.model, v.blocks, v.topLevelTtl);
  const prompt = userPrompt(body);
  const full = scenario.text ?? cannedAnswer(prompt);
  // A scripted thinking text is streamed unless the request turned thinking off; otherwise the
  // model's own rule (adaptive by default on generation 5) decides.
  const t = body.thinking as { type?: unknown } | undefined;
  const turnedOff = t?.type === 'disabled' || t?.type === 'between_tools';
  const thinks = v.thinking.on || (scenario.thinking !== undefined && !turnedOff);
  const messages = body.messages as unknown[];
  const context = conversationKey(messages, messages.length);
  const ctx = {
    model: v.modelId,
    text: textToStream(body, full, scenario.continuation, scenario.continuationOverlapChars),
    thinking: thinks ? { text: scenario.thinking ?? cannedThinking(prompt, v.effort), display: v.thinking.display } : undefined,
    sign: (sent: string) => state.signer.sign(v.model, context, sent),
    redacted: Array.from({ length: scenario.redactedThinking ?? 0 }, () => state.signer.redacted(v.model, context)),
    maxTokens: v.maxTokens,
    usage,
    requestId: newId('req'),
    messageId: newId('msg'),
  };
  if (body.stream === true) return streamScenario(res, scenario, ctx);
  sendJson(res, 200, messageJson(scenario, ctx), { 'request-id': ctx.requestId, ...scenario.headers });
}

/** POST /v1/messages/count_tokens: the same validation (minus generation rules) and the same estimate. */
export function handleCountTokens(res: ServerResponse, body: MessagesRequestBody, version: ApiVersion, beta: boolean, state: MessagesState): void {
  const v = validateRequest(body, version, beta, state.catalogue, state.signer, 'count_tokens');
  if ('status' in v) return sendError(res, v.status, v.type, v.message);
  sendJson(res, 200, { input_tokens: v.inputTokens });
}

function sendScriptedError(res: ServerResponse, scenario: Scenario): void {
  const status = scenario.status ?? 500;
  const spend = scenario.errorCode !== undefined && SPEND_LIMIT_CODES.has(scenario.errorCode);
  sendError(res, status, scenario.errorType ?? defaultErrorType(status), scenario.errorMessage ?? defaultErrorMessage(status, scenario.errorCode), {
    retryAfterSec: scenario.retryAfterSec,
    // A spend cap is not lifted by retrying: no retry-after, and x-should-retry false unless scripted.
    shouldRetry: scenario.shouldRetry ?? (spend ? false : undefined),
    headers: scenario.headers,
    details: scenario.errorCode ? { error_code: scenario.errorCode } : undefined,
  });
}

function sleepUnlessClosed(res: ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    res.once('close', done);
    function done(): void {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    }
  });
}

/** Error types by status. https://platform.claude.com/docs/en/api/errors */
function defaultErrorType(status: number): string {
  const types: Record<number, string> = {
    400: 'invalid_request_error',
    401: 'authentication_error',
    402: 'billing_error',
    403: 'permission_error',
    404: 'not_found_error',
    409: 'conflict_error',
    413: 'request_too_large',
    429: 'rate_limit_error',
    500: 'api_error',
    504: 'timeout_error',
    529: 'overloaded_error',
  };
  return types[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

function defaultErrorMessage(status: number, code: string | undefined): string {
  if (code === 'contract_spend_limit_reached')
    return 'Your organization has reached the spend limit of its contract. Contact your account team or visit the Claude Console to raise it.';
  if (code === 'enforced_spend_limit_reached')
    return 'You have reached your monthly usage spend limit. Your access will resume at the start of next month, or raise your tier in the Claude Console.';
  const messages: Record<number, string> = {
    400: 'Invalid request',
    401: 'invalid x-api-key',
    403: 'Your API key does not have permission to use the specified resource.',
    404: 'Not found',
    413: 'Request exceeds the maximum allowed number of bytes.',
    429: 'Number of request tokens has exceeded your rate limit.',
    500: 'Internal server error',
    504: 'Request timed out',
    529: 'Overloaded',
  };
  return messages[status] ?? `Error ${status}`;
}
