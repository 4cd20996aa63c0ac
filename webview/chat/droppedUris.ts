/**
 * The files a drop on the chat names, read from its data without the DOM (so plain mocha tests
 * it). The workbench puts several types in one Explorer drag; the first that names any wins.
 */
import { MAX_DROP_URIS } from '../../src/shared/protocol/chat';

/** Lists of URIs, one a line (`#` lines are comments): the Explorer's own type first, then the standard one. */
const URI_LIST_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'];
/**
 * JSON arrays the workbench also puts in a drag: `ResourceURLs` (URIs, from the Explorer and
 * editor tabs) and `CodeFiles` (absolute paths, from the OS in the desktop app). Chromium lists
 * types in lower case.
 */
const JSON_LIST_TYPES = ['resourceurls', 'codefiles'];
/** Every type that names files by URI or path. */
export const FILE_LIST_TYPES: readonly string[] = [...URI_LIST_TYPES, ...JSON_LIST_TYPES];

function jsonList(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The URIs (or absolute paths) a drop names, from the first type that names any, without
 * duplicates. Data is readable only in the `drop` event itself.
 */
export function urisOf(data: { getData(type: string): string }): string[] {
  for (const type of FILE_LIST_TYPES) {
    const text = data.getData(type);
    if (!text) continue;
    const entries = URI_LIST_TYPES.includes(type) ? text.split(/\r?\n/).filter((line) => !line.trim().startsWith('#')) : jsonList(text);
    const uris = [...new Set(entries.map((entry) => entry.trim()).filter((entry) => entry.length > 0 && entry.length <= 4096))];
    if (uris.length) return uris.slice(0, MAX_DROP_URIS);
  }
  return [];
}
