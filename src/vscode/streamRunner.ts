import { toMessageParam } from '../core/streaming/requestParams';
import type Anthropic from '@anthropic-ai/sdk';
import type { ClaudeStreamConfig } from '../core/config';
import { bundledProfile } from '../core/models/bundledModels';
import { profileFromModelInfo, type ModelProfile } from '../core/models/modelProfile';
import { Emitter } from '../core/events';
import type { Logger } from '../core/ports';
import type { StreamingService } from '../core/streaming/streamingService';
import type { StreamObserver, StreamRequest, StreamResult } from '../core/streaming/types';
import { loadStreaming } from './lazyStreaming';
import type { ApiKeyStore } from './secrets';

/**
 * Runs answers for every surface (chat, inline): resolves the key, asking for one on the
 * first request without it, keeps one SDK client per key and base URL, and tracks what is
 * in flight so `Stop Generating` and deactivation can cancel it all.
 */
export class StreamRunner {
  private client: { key: string; baseUrl?: string; apiVersion?: string; service: StreamingService; sdk: Anthropic } | undefined;
  private readonly inFlight = new Set<AbortController>();
  private demo = false;
  private readonly demoEmitter = new Emitter<boolean>();

  /** Fires when the answer to "is the offline demo server in use?" changes. */
  readonly onDidChangeDemo = this.demoEmitter.event;

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly config: () => ClaudeStreamConfig,
    private readonly logger: Logger,
    /** What is known of a model (the catalogue); every request gets its profile here. */
    private readonly profileOf: (model: string) => ModelProfile | undefined = bundledProfile,
  ) {}

  /**
   * True while the offline demo server is what answers: its last response said so. A new key or
   * base URL, or a failed connection, makes it false until the demo server answers again.
   */
  get usingDemoServer(): boolean {
    return this.demo;
  }

  readonly run = async (request: StreamRequest, observer: StreamObserver, signal: AbortSignal): Promise<StreamResult> => {
    const own = new AbortController();
    const forward = () => own.abort();
    if (signal.aborted) own.abort();
    signal.addEventListener('abort', forward, { once: true });
    this.inFlight.add(own);
    try {
      let key = await this.keys.getApiKey();
      if (!key && !own.signal.aborted && (await this.keys.promptAndStore())) key = await this.keys.getApiKey();
      if (!key) return noKeyResult(request.settings.model, own.signal.aborted);
      const service = this.serviceFor(key).service;
      const settings = { ...request.settings, profile: request.settings.profile ?? this.profileOf(request.settings.model) };
      this.logger.info(`Request: model ${settings.model}${settings.profile ? '' : ' (not in the model list: no thinking or effort sent)'}, ${request.messages.length} turn(s).`);
      const result = await service.stream({ ...request, settings }, observer, own.signal);
      this.logger.info(
        `Answer ${result.outcome}: ${result.usage.outputTokens} tokens in ${Math.round(result.totalMs)} ms` +
          `${result.retries ? `, ${result.retries} retr${result.retries === 1 ? 'y' : 'ies'}` : ''}${result.resumed ? ', resumed' : ''}` +
          `${result.error ? ` — ${result.error.kind}: ${result.error.message}` : ''}`,
      );
      return result;
    } finally {
      signal.removeEventListener('abort', forward);
      this.inFlight.delete(own);
    }
  };

  /**
   * Loads the SDK bundle in the background when a surface opens, so the first answer does
   * not pay for it, while activation still does not.
   */
  prewarm(): void {
    setTimeout(() => {
      try {
        loadStreaming();
      } catch (error) {
        this.logger.warn(`Could not preload the streaming module: ${error instanceof Error ? error.message : String(error)}`);
      }
    }, 0);
  }

  /** Cancels every answer in flight. */
  stopAll(): void {
    for (const controller of this.inFlight) controller.abort();
  }

  /**
   * The models of `models.list()` with their limits and capabilities (retired ones left out),
   * or undefined without a key or on failure.
   */
  async listModels(): Promise<ModelProfile[] | undefined> {
    const key = await this.keys.getApiKey();
    if (!key) return undefined;
    try {
      const profiles: ModelProfile[] = [];
      for await (const model of this.serviceFor(key).sdk.models.list({ limit: 100 })) {
        if (model.lifecycle !== 'retired') profiles.push(profileFromModelInfo(model, bundledProfile(model.id)));
        if (profiles.length >= 200) break;
      }
      return profiles;
    } catch (error) {
      this.logger.warn(`Could not list models: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /**
   * Counts a request's input tokens with `messages.countTokens`. Never asks for a key and
   * never retries: without a key, offline, or on any error it resolves undefined, and the
   * caller falls back to a local estimate.
   */
  readonly countTokens = async (request: { model: string; system?: string; messages: StreamRequest['messages'] }, signal?: AbortSignal): Promise<number | undefined> => {
    const key = await this.keys.getApiKey();
    if (!key) return undefined;
    try {
      const counted = await this.serviceFor(key).sdk.messages.countTokens(
        {
          model: request.model,
          messages: request.messages.map((m) => toMessageParam({ role: m.role, content: m.content, ...(m.images ? { images: m.images } : {}) })),
          ...(request.system ? { system: request.system } : {}),
        },
        { signal, maxRetries: 0, timeout: 10_000 },
      );
      return counted.input_tokens;
    } catch (error) {
      this.logger.info(`Token count unavailable (${error instanceof Error ? error.message : String(error)}); estimating locally.`);
      return undefined;
    }
  };

  private setDemo(demo: boolean): void {
    if (demo === this.demo) return;
    this.demo = demo;
    this.demoEmitter.fire(demo);
  }

  private serviceFor(key: string): NonNullable<StreamRunner['client']> {
    const { baseUrl, apiVersion } = this.config();
    if (this.client?.key !== key || this.client.baseUrl !== baseUrl || this.client.apiVersion !== apiVersion) {
      const { createAnthropicClient, StreamingService } = loadStreaming();
      this.setDemo(false);
      const sdk = createAnthropicClient({ apiKey: key, baseUrl, apiVersion, onServerIdentified: (demo) => this.setDemo(demo) });
      this.client = { key, baseUrl, apiVersion, sdk, service: new StreamingService({ client: sdk, logger: this.logger, secrets: () => this.keys.knownKeys() }) };
    }
    return this.client;
  }
}

function noKeyResult(model: string, cancelled: boolean): StreamResult {
  return {
    outcome: cancelled ? 'cancelled' : 'error',
    text: '',
    thinking: '',
    thinkingBlocks: [],
    usage: { inputTokens: 0, outputTokens: 0 },
    model,
    totalMs: 0,
    tokensPerSecond: 0,
    retries: 0,
    resumed: false,
    error: cancelled
      ? undefined
      : {
          kind: 'no_key',
          retryable: false,
          message: 'No API key is set. Set one with "Claude: Set API Key", or set ANTHROPIC_API_KEY before starting VS Code.',
          action: 'setApiKey',
        },
  };
}
