/**
 * The model catalogue: the lineup of 2 Dec 2026 with each model's limits and capabilities, as
 * GET /v1/models serves it (SDK 1.12 ModelInfo) and as validation.ts enforces it. Sources per
 * row; the facts behind them are collected in /work/briefs/api-facts.md. "(assumed)" marks a
 * value no page stated.
 */
export type ThinkingType = 'adaptive' | 'enabled' | 'disabled' | 'between_tools';
export type Effort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';
type ModelLine = 'haiku' | 'sonnet' | 'opus' | 'fable' | 'mythos';
type Lifecycle = 'active' | 'deprecated' | 'retired';
/** any = sampling fields free; one-of = temperature and top_p not together; default-only = no non-default values. */
type SamplingRule = 'any' | 'one-of' | 'default-only';

/** A catalogue entry: what the Models API says plus the rules the docs give per model. */
export interface ModelEntry {
  id: string;
  /** Other ids that name the same model (dated snapshots). */
  aliases?: string[];
  displayName: string;
  line: ModelLine | null;
  /** Release date (RFC 3339). */
  createdAt: string;
  lifecycle: Lifecycle;
  deprecatedAt?: string | null;
  retiresAt?: string | null;
  maxInputTokens: number;
  maxTokens: number;
  thinkingTypes: ThinkingType[];
  /** True when a request without `thinking` thinks adaptively (generation 5). */
  thinksByDefault: boolean;
  displayDefault: 'summarized' | 'omitted';
  effortLevels: Effort[];
  defaultEffort?: Effort;
  /** Effort levels at which `disabled` / `between_tools` are accepted (default: all levels). */
  thinkingOffEfforts?: Effort[];
  /** Whether a conversation may end with an assistant turn (prefill). */
  prefill: boolean;
  sampling: SamplingRule;
  /** Minimum cacheable prefix, in tokens. */
  minCacheTokens: number;
  /** Thinking signatures are bound to the conversation prefix, not only to the model (5.5 / Fable 5.1+). */
  bindsThinkingToConversation?: boolean;
  /**
   * Whether the model takes `image` blocks (`capabilities.image_input` in GET /v1/models); every
   * catalogue model does, so absent means true. False makes a request with an image a 400.
   */
  imageInput?: boolean;
  /** The doc page the row comes from. */
  source: string;
}

const DOCS = 'https://platform.claude.com/docs/en';
const ALL_EFFORTS: Effort[] = ['low', 'medium', 'high', 'xhigh', 'max'];
const UP_TO_HIGH: Effort[] = ['low', 'medium', 'high'];

/** Shared by every generation-5 row: 1M/128K, adaptive by default, no prefill, default sampling only. */
const GEN5: Pick<
  ModelEntry,
  'maxInputTokens' | 'maxTokens' | 'thinksByDefault' | 'displayDefault' | 'effortLevels' | 'prefill' | 'sampling' | 'minCacheTokens' | 'lifecycle' | 'bindsThinkingToConversation'
> = {
  maxInputTokens: 1_000_000,
  maxTokens: 128_000,
  thinksByDefault: true,
  displayDefault: 'omitted',
  effortLevels: ALL_EFFORTS,
  prefill: false,
  sampling: 'default-only',
  minCacheTokens: 512,
  lifecycle: 'active',
  bindsThinkingToConversation: true,
};
/** Shared by the 4.5-era rows: extended thinking off by default, prefill, temperature or top_p. */
const GEN45: Pick<ModelEntry, 'maxInputTokens' | 'maxTokens' | 'thinkingTypes' | 'thinksByDefault' | 'displayDefault' | 'prefill' | 'sampling' | 'minCacheTokens'> = {
  maxInputTokens: 200_000,
  maxTokens: 64_000,
  thinkingTypes: ['enabled', 'disabled'],
  thinksByDefault: false,
  displayDefault: 'summarized',
  prefill: true,
  sampling: 'one-of',
  minCacheTokens: 1024,
};

/** The built-in catalogue (any order; the Models API sorts newest first). */
// prettier-ignore
export const CATALOGUE: ModelEntry[] = [
  { ...GEN5, id: 'claude-fable-5-2', displayName: 'Claude Fable 5.2', line: 'fable', createdAt: '2026-11-09T00:00:00Z', thinkingTypes: ['adaptive'], defaultEffort: 'high', source: `${DOCS}/models/fable-5-2/overview` },
  { ...GEN5, id: 'claude-haiku-5-5', displayName: 'Claude Haiku 5.5', line: 'haiku', createdAt: '2026-10-07T00:00:00Z', thinkingTypes: ['adaptive', 'disabled'], defaultEffort: 'medium', thinkingOffEfforts: UP_TO_HIGH, source: `${DOCS}/models/haiku-5-5/overview` },
  { ...GEN5, id: 'claude-sonnet-5-5', displayName: 'Claude Sonnet 5.5', line: 'sonnet', createdAt: '2026-09-28T00:00:00Z', thinkingTypes: ['adaptive', 'between_tools'], defaultEffort: 'high', thinkingOffEfforts: UP_TO_HIGH, source: `${DOCS}/models/sonnet-5-5/overview` },
  { ...GEN5, id: 'claude-opus-5-5', displayName: 'Claude Opus 5.5', line: 'opus', createdAt: '2026-09-24T00:00:00Z', thinkingTypes: ['adaptive'], defaultEffort: 'medium', source: `${DOCS}/models/opus-5-5/overview` },
  { ...GEN5, id: 'claude-fable-5-1', displayName: 'Claude Fable 5.1', line: 'fable', createdAt: '2026-09-23T00:00:00Z', thinkingTypes: ['adaptive'], defaultEffort: 'high', source: `${DOCS}/models/fable-5-1/overview` },
  // Display default summarized is assumed (the Sonnet 4.x default); Sonnet 5 still accepts `disabled`.
  { ...GEN5, id: 'claude-sonnet-5', displayName: 'Claude Sonnet 5', line: 'sonnet', createdAt: '2026-06-30T00:00:00Z', thinkingTypes: ['adaptive', 'disabled'], displayDefault: 'summarized', defaultEffort: 'high', minCacheTokens: 1024, bindsThinkingToConversation: false, source: `${DOCS}/models/sonnet-5/overview` },
  {
    id: 'claude-opus-4-6', displayName: 'Claude Opus 4.6', line: 'opus', createdAt: '2026-02-05T00:00:00Z', lifecycle: 'active', maxInputTokens: 1_000_000, maxTokens: 128_000,
    thinkingTypes: ['adaptive', 'enabled', 'disabled'], thinksByDefault: false, displayDefault: 'summarized', effortLevels: ['low', 'medium', 'high', 'max'], defaultEffort: 'high',
    prefill: false, sampling: 'one-of', minCacheTokens: 4096, source: `${DOCS}/models/opus-4-6/overview`,
  },
  {
    id: 'claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6', line: 'sonnet', createdAt: '2026-02-17T00:00:00Z', lifecycle: 'active', maxInputTokens: 1_000_000, maxTokens: 64_000,
    thinkingTypes: ['adaptive', 'enabled', 'disabled'], thinksByDefault: false, displayDefault: 'summarized', effortLevels: ['low', 'medium', 'high', 'max'], defaultEffort: 'high',
    prefill: false, sampling: 'one-of', minCacheTokens: 1024, source: `${DOCS}/models/sonnet-4-6/overview`,
  },
  { ...GEN45, id: 'claude-haiku-4-5', aliases: ['claude-haiku-4-5-20251001'], displayName: 'Claude Haiku 4.5', line: 'haiku', createdAt: '2025-10-15T00:00:00Z', lifecycle: 'active', effortLevels: [], minCacheTokens: 4096, source: `${DOCS}/models/haiku-4-5/overview` },
  // Deprecated 2026-11-23, retiring 2027-01-22 (deprecations page, as quoted by third parties).
  {
    ...GEN45, id: 'claude-opus-4-5', aliases: ['claude-opus-4-5-20251101'], displayName: 'Claude Opus 4.5', line: 'opus', createdAt: '2025-11-24T00:00:00Z',
    lifecycle: 'deprecated', deprecatedAt: '2026-11-23T00:00:00Z', retiresAt: '2027-01-22T00:00:00Z', effortLevels: UP_TO_HIGH, defaultEffort: 'high', minCacheTokens: 4096,
    source: `${DOCS}/about-claude/model-deprecations`,
  },
  // "retires on November 30, 2026" (model card) — so retired today. deprecated_at assumed.
  {
    ...GEN45, id: 'claude-sonnet-4-5', aliases: ['claude-sonnet-4-5-20250929'], displayName: 'Claude Sonnet 4.5', line: 'sonnet', createdAt: '2025-09-29T00:00:00Z',
    lifecycle: 'retired', deprecatedAt: '2026-09-28T00:00:00Z', retiresAt: '2026-11-30T00:00:00Z', effortLevels: [], source: `${DOCS}/models/sonnet-4-5/overview`,
  },
  {
    ...GEN45, id: 'claude-opus-4-1', aliases: ['claude-opus-4-1-20250805'], displayName: 'Claude Opus 4.1', line: 'opus', createdAt: '2025-08-05T00:00:00Z', maxTokens: 32_000,
    lifecycle: 'retired', deprecatedAt: '2026-05-05T00:00:00Z', retiresAt: '2026-08-05T00:00:00Z', effortLevels: [], source: `${DOCS}/about-claude/model-deprecations`,
  },
  // Not a real model: generation-5 rules with a 2,000-token window, so clients can test the
  // context limit cheaply. An epoch created_at keeps it last in the newest-first list.
  // For load tests that stream a million tokens: no model's real output limit is that large.
  { ...GEN5, id: 'claude-test-bulk', displayName: 'Claude Test Bulk (local server)', line: null, createdAt: '1970-01-01T00:00:00Z', maxTokens: 4_000_000, thinkingTypes: ['adaptive', 'disabled'], thinksByDefault: false, defaultEffort: 'high', source: 'local test model' },
  { ...GEN5, id: 'claude-test-tiny', displayName: 'Claude Test Tiny (local server)', line: null, createdAt: '1970-01-01T00:00:00Z', maxInputTokens: 2000, maxTokens: 1024, thinkingTypes: ['adaptive', 'disabled'], defaultEffort: 'high', source: 'local test model' },
];

/** A permissive entry for an id the catalogue does not know (given through ServerOptions.models). */
function legacyEntry(id: string): ModelEntry {
  const [, family = id, ...version] = id.split('-');
  return {
    id,
    displayName: `Claude ${family.charAt(0).toUpperCase()}${family.slice(1)} ${version.join('.')}`.trim(),
    line: null,
    createdAt: '2025-01-01T00:00:00Z',
    lifecycle: 'active',
    maxInputTokens: 200_000,
    maxTokens: 64_000,
    thinkingTypes: ['adaptive', 'enabled', 'disabled'],
    thinksByDefault: false,
    displayDefault: 'summarized',
    effortLevels: ['low', 'medium', 'high', 'max'],
    prefill: true,
    sampling: 'any',
    minCacheTokens: 1024,
    source: 'ServerOptions.models',
  };
}

/** Resolves ServerOptions.models (default: the built-in catalogue) into entries, with ServerOptions.extraModels after them. */
export function buildCatalogue(models: Array<string | ModelEntry> | undefined, extra: readonly ModelEntry[] = []): ModelEntry[] {
  const base = models ? models.map((m) => (typeof m === 'string' ? (CATALOGUE.find((e) => e.id === m) ?? legacyEntry(m)) : m)) : CATALOGUE;
  return [...base.filter((m) => !extra.some((e) => e.id === m.id)), ...extra];
}

/**
 * A text-only model for tests: generation-5 rules, no `image_input`. Not a real model; pass it
 * through ServerOptions.extraModels.
 */
// prettier-ignore
export const TEXT_ONLY_MODEL: ModelEntry = {
  ...GEN5, id: 'claude-test-text', displayName: 'Claude Test Text (local server)', line: null, createdAt: '1970-01-01T00:00:00Z',
  thinkingTypes: ['adaptive', 'disabled'], defaultEffort: 'high', imageInput: false, source: 'local test model',
};

/** The entry a request's `model` names (id or alias). */
export function findModel(catalogue: ModelEntry[], id: string): ModelEntry | undefined {
  return catalogue.find((m) => m.id === id || m.aliases?.includes(id));
}

const yes = (supported: boolean): { supported: boolean } => ({ supported });

/** The entry as SDK 1.12 types ModelInfo (resources/models.d.ts), every capability key present. */
export function toModelInfo(m: ModelEntry): Record<string, unknown> {
  const has = (t: ThinkingType): boolean => m.thinkingTypes.includes(t);
  const effort = (e: Effort): { supported: boolean } => yes(m.effortLevels.includes(e));
  return {
    type: 'model',
    id: m.id,
    display_name: m.displayName,
    created_at: m.createdAt,
    line: m.line,
    lifecycle: m.lifecycle,
    deprecated_at: m.deprecatedAt ?? null,
    retires_at: m.retiresAt ?? null,
    max_input_tokens: m.maxInputTokens,
    max_tokens: m.maxTokens,
    capabilities: {
      batch: yes(true),
      citations: yes(true),
      code_execution: yes(m.thinksByDefault),
      image_input: yes(m.imageInput !== false),
      pdf_input: yes(true),
      structured_outputs: yes(true),
      context_management: {
        supported: true,
        clear_thinking_20251015: yes(has('adaptive') || has('enabled')),
        clear_tool_uses_20250919: yes(true),
        compact_20260112: yes(m.thinksByDefault),
      },
      effort: { supported: m.effortLevels.length > 0, low: effort('low'), medium: effort('medium'), high: effort('high'), xhigh: effort('xhigh'), max: effort('max') },
      server_tools: { supported: true, code_execution: yes(true), web_search: yes(true) },
      thinking: {
        supported: has('adaptive') || has('enabled'),
        // "disabled: … True on a model that does not support thinking" (models.d.ts ThinkingTypes).
        types: { adaptive: yes(has('adaptive')), enabled: yes(has('enabled')), disabled: yes(has('disabled')), between_tools: yes(has('between_tools')) },
      },
    },
  };
}

/**
 * GET /v1/models: newest first, paged by after_id / before_id / limit; `lifecycle` (repeatable,
 * `lifecycle[]=` as the SDK sends it, or comma-separated) filters, and without it the list holds
 * active and deprecated models only ("retired models appear only when retired is requested
 * explicitly", ModelListParams in models.d.ts). https://platform.claude.com/docs/en/api/models/list
 */
export function listModels(catalogue: ModelEntry[], query: URLSearchParams): { status: number; body: unknown } {
  const asked = [...query.getAll('lifecycle'), ...query.getAll('lifecycle[]')].flatMap((v) => v.split(',')).filter(Boolean);
  const bad = asked.find((l) => !['active', 'deprecated', 'retired'].includes(l));
  if (bad) return { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: `lifecycle: Input should be 'active', 'deprecated' or 'retired'` } } };
  const stages = asked.length > 0 ? asked : ['active', 'deprecated'];
  const models = catalogue.filter((m) => stages.includes(m.lifecycle)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const ids = models.map((m) => m.id);
  const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 20) || 20));
  const after = query.get('after_id');
  const before = query.get('before_id');
  let page: ModelEntry[];
  let hasMore: boolean;
  if (before && !after) {
    const end = Math.max(0, ids.indexOf(before));
    page = models.slice(Math.max(0, end - limit), end);
    hasMore = end - limit > 0;
  } else {
    const start = after ? ids.indexOf(after) + 1 : 0;
    page = models.slice(start, start + limit);
    hasMore = start + limit < models.length;
  }
  const data = page.map(toModelInfo);
  return { status: 200, body: { data, has_more: hasMore, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null } };
}
