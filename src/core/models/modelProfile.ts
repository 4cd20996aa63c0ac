/**
 * What the extension knows about one model: its limits and the request features it accepts.
 * Built from the Models API's `ModelInfo` when there is a key and network, else from the
 * bundled table in `bundledModels.ts`. Pure: no `vscode`, no SDK runtime (types only).
 */
import type { ModelInfo } from '@anthropic-ai/sdk/resources/models';

/** Effort levels of `output_config.effort`, lowest first. */
export const EFFORT_LEVELS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
export type EffortLevel = (typeof EFFORT_LEVELS)[number];

/** A model's lifecycle stage, as the Models API reports it. */
type ModelLifecycle = 'active' | 'deprecated' | 'retired';

/** One model as the request builder and the picker see it. */
export interface ModelProfile {
  id: string;
  displayName: string;
  /** The model line (`sonnet`, `opus`, …), which names a deprecated model's successor. */
  line?: string;
  lifecycle: ModelLifecycle;
  /** RFC 3339 date of the scheduled retirement, if any. */
  retiresAt?: string;
  /** RFC 3339 release date; newer first in the picker. */
  createdAt?: string;
  maxInputTokens?: number;
  maxTokens?: number;
  /** The `thinking.type` values the model accepts. */
  thinking: { adaptive: boolean; enabled: boolean; disabled: boolean };
  /** The effort levels the model accepts; empty when it takes no `output_config.effort`. */
  effortLevels: EffortLevel[];
  /** The model's own effort when none is sent, where known (for the picker's "Default" label). */
  defaultEffort?: EffortLevel;
  imageInput: boolean;
  /** Where this profile came from: the Models API, or the bundled table. */
  source: 'api' | 'bundled';
}

/** Maps one `ModelInfo` of `client.models.list()` to a profile; capabilities may be null for old or gateway models. */
export function profileFromModelInfo(info: ModelInfo, bundled?: ModelProfile): ModelProfile {
  const caps = info.capabilities;
  const supported = (flag: { supported: boolean } | null | undefined): boolean => flag?.supported === true;
  const effortLevels: EffortLevel[] = caps ? (caps.effort.supported ? EFFORT_LEVELS.filter((level) => supported(caps.effort[level])) : []) : (bundled?.effortLevels ?? []);
  return {
    id: info.id,
    displayName: info.display_name || bundled?.displayName || info.id,
    line: info.line ?? bundled?.line,
    lifecycle: info.lifecycle ?? bundled?.lifecycle ?? 'active',
    retiresAt: info.retires_at ?? undefined,
    createdAt: info.created_at,
    maxInputTokens: info.max_input_tokens ?? bundled?.maxInputTokens,
    maxTokens: info.max_tokens ?? bundled?.maxTokens,
    thinking: caps
      ? {
          adaptive: caps.thinking.supported && supported(caps.thinking.types.adaptive),
          enabled: caps.thinking.supported && supported(caps.thinking.types.enabled),
          disabled: supported(caps.thinking.types.disabled),
        }
      : (bundled?.thinking ?? { adaptive: false, enabled: false, disabled: true }),
    effortLevels,
    defaultEffort: bundled?.defaultEffort,
    imageInput: caps ? supported(caps.image_input) : (bundled?.imageInput ?? false),
    source: 'api',
  };
}

/**
 * The model's generation (5 for `claude-sonnet-5-5`, 4 for `claude-opus-4-6`, 3 for
 * `claude-3-5-sonnet-…`), or undefined for ids without one (codenames, gateway aliases).
 */
export function modelGeneration(id: string): number | undefined {
  const lower = id.trim().toLowerCase();
  const legacy = /^claude-(\d)(?:-\d)?-(?:opus|sonnet|haiku)\b/.exec(lower);
  if (legacy) return Number(legacy[1]);
  const current = /^claude-(?:opus|sonnet|haiku|fable|mythos)-(\d+)\b/.exec(lower);
  return current ? Number(current[1]) : undefined;
}

/**
 * True when the model takes a non-default `temperature` / `top_p` under API version
 * 2023-06-01. Generation-5 models answer a non-default value with a 400 under every API
 * version (platform.claude.com/docs/en/models/sonnet-5/migration-guide); unknown ids get
 * false, since leaving sampling out is accepted everywhere.
 */
export function acceptsSampling(id: string): boolean {
  const generation = modelGeneration(id);
  return generation !== undefined && generation < 5;
}
