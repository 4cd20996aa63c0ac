/**
 * Reads the tags of a rendered page: names, attributes (quoted or not, entities decoded) and
 * the raw body of each <script> and <style>. Enough to check a webview's shell page, which has
 * no comments in attribute values; anything it cannot read makes it throw rather than guess.
 */

/** One start or end tag (`name` is "/head" for an end tag). */
export interface Tag {
  name: string;
  attrs: Map<string, string>;
  /** Raw text up to the closing tag, for script and style. */
  body?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", '#39': "'" };
const decode = (value: string) => value.replace(/&(amp|quot|lt|gt|apos|#39);/g, (_, name: string) => ENTITIES[name]);
const ATTRIBUTE = /\s*([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;

/** Every tag of `html` in document order. */
export function parseTags(html: string): Tag[] {
  const tags: Tag[] = [];
  let at = 0;
  while ((at = html.indexOf('<', at)) !== -1) {
    if (html.startsWith('<!--', at)) {
      at = html.indexOf('-->', at) + 3;
      continue;
    }
    if (html.startsWith('<!', at)) {
      at = html.indexOf('>', at) + 1;
      continue;
    }
    const name = /^<(\/?[a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(at))?.[1];
    if (!name) throw new Error(`unreadable markup at ${at}: ${html.slice(at, at + 40)}`);
    let pos = at + 1 + name.length;
    const attrs = new Map<string, string>();
    for (;;) {
      // A failed sticky match resets lastIndex, so the position is kept apart.
      ATTRIBUTE.lastIndex = pos;
      const match = ATTRIBUTE.exec(html);
      if (!match) break;
      pos = ATTRIBUTE.lastIndex;
      const key = match[1].toLowerCase();
      if (attrs.has(key)) throw new Error(`<${name}> repeats ${key}`);
      attrs.set(key, decode(match[2] ?? match[3] ?? match[4] ?? ''));
    }
    const close = /^\s*\/?>/.exec(html.slice(pos));
    if (!close) throw new Error(`<${name}> is not closed where expected: ${html.slice(pos, pos + 40)}`);
    at = pos + close[0].length;
    const tag: Tag = { name: name.toLowerCase(), attrs };
    if (tag.name === 'script' || tag.name === 'style') {
      const end = html.toLowerCase().indexOf(`</${tag.name}`, at);
      tag.body = html.slice(at, end === -1 ? undefined : end);
      at = end === -1 ? html.length : end;
    }
    tags.push(tag);
  }
  return tags;
}
