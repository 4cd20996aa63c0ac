/**
 * `#mentions` typed in a prompt: `#file:src/cart.ts`, `#folder:src`, `#symbol:cartTotal`, and the
 * bare kinds `#selection`, `#problems`, `#changes`, `#terminal`. The host resolves them at send
 * time, so a prompt typed without the completion popup carries the same context as one built with it.
 */
import type { AddableContextKind } from '../../shared/protocol';

/** One mention found in a prompt. */
export interface Mention {
  kind: AddableContextKind;
  /** The path or symbol name after `kind:`; absent for the bare kinds. */
  value?: string;
  /** Where it sits in the text, `[start, end)`. */
  start: number;
  end: number;
}

const BARE = new Set<AddableContextKind>(['selection', 'problems', 'changes', 'terminal']);
const VALUED = new Set<AddableContextKind>(['file', 'folder', 'symbol']);

/**
 * `#` at the start or after whitespace/an opening bracket, a kind, and for file/folder/symbol a
 * value up to whitespace. A value may be quoted (`#file:"my file.ts"`) to hold spaces. Trailing
 * sentence punctuation (`#file:cart.ts?`) is not part of a path.
 */
const MENTION = /(^|[\s([{])#(selection|problems|changes|terminal|file|folder|symbol)(?::(?:"([^"\n]+)"|([^\s"]+)))?/g;

/** The mentions in `text`, in order, each kind+value once. */
export function parseMentions(text: string): Mention[] {
  const found: Mention[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const kind = match[2] as AddableContextKind;
    const quoted = match[3];
    let value = quoted ?? match[4];
    if (value !== undefined && quoted === undefined) value = value.replace(/[.,;:!?)\]}'’]+$/, '');
    if (VALUED.has(kind) && !value) continue;
    if (BARE.has(kind) && value) continue;
    const start = (match.index ?? 0) + match[1].length;
    const end = (match.index ?? 0) + match[0].length;
    const key = `${kind}:${value ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({ kind, ...(value ? { value } : {}), start, end });
  }
  return found;
}
