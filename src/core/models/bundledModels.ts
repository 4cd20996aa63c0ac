/**
 * The models the extension knows without asking the Models API: used when there is no key,
 * no network, or a gateway that does not serve `/v1/models`.
 *
 * Source: platform.claude.com, read 2026-12-02 — "Models overview"
 * (docs/en/about-claude/models/overview), each model's overview page
 * (docs/en/models/<model>/overview), and "Model deprecations"
 * (docs/en/about-claude/model-deprecations). Release dates marked "≈" are not on those pages and
 * only order the picker. When the Models API answers, its `ModelInfo` wins over this table.
 */
import type { EffortLevel, ModelProfile } from './modelProfile';

const ALL_EFFORTS: EffortLevel[] = ['low', 'medium', 'high', 'xhigh', 'max'];
const ADAPTIVE_ONLY = { adaptive: true, enabled: false, disabled: false };
const ADAPTIVE_OR_OFF = { adaptive: true, enabled: false, disabled: true };
const ALL_THINKING = { adaptive: true, enabled: true, disabled: true };
const BUDGET_ONLY = { adaptive: false, enabled: true, disabled: true };

type Row = Omit<ModelProfile, 'source' | 'imageInput' | 'lifecycle'> & { lifecycle?: ModelProfile['lifecycle'] };

// prettier-ignore
const ROWS: Row[] = [
  { id: 'claude-fable-5-2', displayName: 'Claude Fable 5.2', line: 'fable', createdAt: '2026-11-09', maxInputTokens: 1_000_000, maxTokens: 128_000, thinking: ADAPTIVE_ONLY, effortLevels: ALL_EFFORTS, defaultEffort: 'high' },
  { id: 'claude-haiku-5-5', displayName: 'Claude Haiku 5.5', line: 'haiku', createdAt: '2026-10-07', maxInputTokens: 1_000_000, maxTokens: 128_000, thinking: ADAPTIVE_OR_OFF, effortLevels: ALL_EFFORTS, defaultEffort: 'medium' },
  { id: 'claude-sonnet-5-5', displayName: 'Claude Sonnet 5.5', line: 'sonnet', createdAt: '2026-09-28', maxInputTokens: 1_000_000, maxTokens: 128_000, thinking: ADAPTIVE_ONLY, effortLevels: ALL_EFFORTS, defaultEffort: 'high' },
  // ≈ release date: announced with Sonnet 5.5.
  { id: 'claude-opus-5-5', displayName: 'Claude Opus 5.5', line: 'opus', createdAt: '2026-09-28', maxInputTokens: 1_000_000, maxTokens: 128_000, thinking: ADAPTIVE_ONLY, effortLevels: ALL_EFFORTS, defaultEffort: 'medium' },
  // ≈ release date.
  { id: 'claude-fable-5-1', displayName: 'Claude Fable 5.1', line: 'fable', createdAt: '2026-08-15', maxInputTokens: 1_000_000, maxTokens: 128_000, thinking: ADAPTIVE_ONLY, effortLevels: ALL_EFFORTS, defaultEffort: 'high' },
  { id: 'claude-sonnet-5', displayName: 'Claude Sonnet 5', line: 'sonnet', createdAt: '2026-06-30', maxInputTokens: 1_000_000, maxTokens: 128_000, thinking: ADAPTIVE_OR_OFF, effortLevels: ALL_EFFORTS, defaultEffort: 'high' },
  // ≈ release date.
  { id: 'claude-opus-5', displayName: 'Claude Opus 5', line: 'opus', createdAt: '2026-06-15', maxInputTokens: 1_000_000, maxTokens: 128_000, thinking: ADAPTIVE_OR_OFF, effortLevels: ALL_EFFORTS, defaultEffort: 'high' },
  { id: 'claude-fable-5', displayName: 'Claude Fable 5', line: 'fable', createdAt: '2026-06-09', maxInputTokens: 1_000_000, maxTokens: 128_000, thinking: ADAPTIVE_ONLY, effortLevels: ALL_EFFORTS, defaultEffort: 'high' },
  // ≈ release dates for the 4.x models.
  { id: 'claude-opus-4-6', displayName: 'Claude Opus 4.6', line: 'opus', createdAt: '2026-02-05', maxInputTokens: 1_000_000, maxTokens: 128_000, thinking: ALL_THINKING, effortLevels: ['low', 'medium', 'high', 'max'], defaultEffort: 'high' },
  { id: 'claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6', line: 'sonnet', createdAt: '2026-02-17', maxInputTokens: 1_000_000, maxTokens: 64_000, thinking: ALL_THINKING, effortLevels: ['low', 'medium', 'high', 'max'], defaultEffort: 'high' },
  { id: 'claude-haiku-4-5', displayName: 'Claude Haiku 4.5', line: 'haiku', createdAt: '2025-10-01', maxInputTokens: 200_000, maxTokens: 64_000, thinking: BUDGET_ONLY, effortLevels: [] },
  // Deprecated on 2026-11-23, retiring 2027-01-22 (Model deprecations).
  { id: 'claude-opus-4-5', displayName: 'Claude Opus 4.5', line: 'opus', lifecycle: 'deprecated', retiresAt: '2027-01-22T00:00:00Z', createdAt: '2025-11-01', maxInputTokens: 200_000, maxTokens: 64_000, thinking: BUDGET_ONLY, effortLevels: ['low', 'medium', 'high'] },
];

/** The bundled profiles, newest first. */
export const BUNDLED_MODELS: readonly ModelProfile[] = ROWS.map((row) => ({
  ...row,
  lifecycle: row.lifecycle ?? 'active',
  imageInput: true,
  source: 'bundled' as const,
}));

/**
 * The bundled profile for an id, also for a dated snapshot of a known alias
 * (`claude-haiku-4-5-20251001` → `claude-haiku-4-5`).
 */
export function bundledProfile(id: string): ModelProfile | undefined {
  const exact = BUNDLED_MODELS.find((m) => m.id === id);
  if (exact) return exact;
  const alias = /^(.*)-\d{8}$/.exec(id)?.[1];
  const base = alias ? BUNDLED_MODELS.find((m) => m.id === alias) : undefined;
  return base ? { ...base, id } : undefined;
}
