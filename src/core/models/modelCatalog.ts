/**
 * The models a user can pick, in the order they should see them: the current model of each
 * line first, then other active ones, then deprecated ones (marked with their retirement
 * date). Retired models are never offered. Backed by the Models API's answer, or by the
 * bundled table until one arrives.
 */
import { BUNDLED_MODELS, bundledProfile } from './bundledModels';
import type { ModelChoiceView, ModelOptionView } from '../../shared/protocol';
import type { EffortLevel, ModelProfile } from './modelProfile';

/** The header's model and effort pickers for the configured model and effort. */
export function modelChoiceView(catalog: ModelCatalog, selected: string, effort: EffortLevel | undefined): ModelChoiceView {
  const profile = catalog.profile(selected);
  const levels = profile?.effortLevels ?? [];
  return {
    options: catalog.options(),
    selected,
    selectedListed: catalog.isListed(selected),
    effortLevels: [...levels],
    // A level the model does not list is not sent, so the picker shows the default instead.
    effort: effort && levels.includes(effort) ? effort : '',
    ...(profile?.defaultEffort ? { defaultEffort: profile.defaultEffort } : {}),
  };
}

/** Where the catalogue's list came from, for the picker's wording. */
export type CatalogSource = 'api' | 'bundled';

export class ModelCatalog {
  private profiles: readonly ModelProfile[] = BUNDLED_MODELS;
  private from: CatalogSource = 'bundled';

  /** Replaces the list with the Models API's answer; `undefined` (no key, offline, failure) restores the bundled table. */
  setListed(profiles: readonly ModelProfile[] | undefined): void {
    const usable = profiles?.filter((p) => p.lifecycle !== 'retired');
    this.profiles = usable && usable.length > 0 ? usable : BUNDLED_MODELS;
    this.from = usable && usable.length > 0 ? 'api' : 'bundled';
  }

  get source(): CatalogSource {
    return this.from;
  }

  /**
   * The profile for a model id: the listed one, else the bundled one, else undefined. A
   * model the catalogue does not know gets no features it might reject.
   */
  profile(id: string): ModelProfile | undefined {
    return this.profiles.find((p) => p.id === id) ?? bundledProfile(id);
  }

  /** True when the id is in the list the picker shows. */
  isListed(id: string): boolean {
    return this.profiles.some((p) => p.id === id);
  }

  /** Picker entries, current models first. */
  options(): ModelOptionView[] {
    const currentIds = new Set(this.currentModels().map((p) => p.id));
    const rank = (p: ModelProfile): number => (currentIds.has(p.id) ? 0 : p.lifecycle === 'active' ? 1 : 2);
    return [...this.profiles]
      .sort((a, b) => rank(a) - rank(b) || (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))
      .map((p) => ({
        id: p.id,
        label: p.displayName,
        note: noteFor(p, currentIds.has(p.id)),
        current: currentIds.has(p.id),
        deprecated: p.lifecycle === 'deprecated',
      }));
  }

  /** The model that replaces `id`: the current model of its line, when `id` is not current itself. */
  successor(id: string): ModelProfile | undefined {
    const profile = this.profile(id);
    if (!profile?.line) return undefined;
    const next = this.currentModels().find((p) => p.line === profile.line);
    return next && next.id !== id ? next : undefined;
  }

  /** The newest active model of each line. */
  private currentModels(): ModelProfile[] {
    const newest = new Map<string, ModelProfile>();
    for (const p of this.profiles) {
      if (p.lifecycle !== 'active' || !p.line) continue;
      const seen = newest.get(p.line);
      if (!seen || (p.createdAt ?? '') > (seen.createdAt ?? '')) newest.set(p.line, p);
    }
    return [...newest.values()];
  }
}

function noteFor(p: ModelProfile, current: boolean): string | undefined {
  if (p.lifecycle === 'deprecated') return p.retiresAt ? `deprecated, retires ${formatDate(p.retiresAt)}` : 'deprecated';
  return current ? undefined : 'legacy';
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
