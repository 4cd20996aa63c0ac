/**
 * How the views speak about an analysis's language. Shared by the chat strip and the
 * Insights view so both say the same words; no DOM, no vscode.
 */
import type { AnalysisSnapshot } from './protocol';

const names = new Intl.DisplayNames(['en'], { type: 'language' });

/** English name of an ISO 639-1 code ("de" → "German"); the code itself when unknown. */
export function languageName(code: string): string {
  if (code === 'und') return 'an undetermined language';
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "German", or "English + German" for a mixed answer (most words first); undefined before any prose. */
export function languageLabel(snapshot: AnalysisSnapshot): string | undefined {
  const shares = snapshot.language?.shares.filter((s) => s.language !== 'und') ?? [];
  if (shares.length === 0) return undefined;
  return shares.map((s) => languageName(s.language)).join(' + ');
}

/**
 * What the sentiment reading says: undefined when every prose language was scored; "not
 * scored for German" when nothing was (the views then show no number at all); "English
 * only; not scored for German" for a mixed answer.
 */
export function sentimentNote(snapshot: AnalysisSnapshot): string | undefined {
  const notScored = snapshot.sentiment.notScored ?? [];
  if (notScored.length === 0) return undefined;
  const names = notScored.map(languageName).join(', ');
  return (snapshot.sentiment.scoredSentences ?? 0) > 0 ? `English only; not scored for ${names}` : `sentiment: not scored for ${names}`;
}

/** True when the snapshot has a sentiment number worth showing. */
export function sentimentScored(snapshot: AnalysisSnapshot): boolean {
  return !((snapshot.sentiment.notScored ?? []).length > 0 && (snapshot.sentiment.scoredSentences ?? 0) === 0);
}
