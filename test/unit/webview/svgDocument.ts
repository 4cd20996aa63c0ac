/**
 * Just enough of `document` for the Insights charts to build their SVG in plain node:
 * createElementNS, attributes, append and textContent, which is all charts.ts uses. The
 * charts' numbers, labels and classes are what the tests read; the browser run (e2e) covers
 * how they look.
 */

/** An element as the charts build it. */
export class SvgNode {
  readonly children: SvgNode[] = [];
  private readonly attributes = new Map<string, string>();
  private text = '';

  constructor(
    readonly tagName: string,
    readonly namespaceURI: string,
  ) {}

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  /** An attribute read as a number; throws when it is missing, so a test cannot read NaN silently. */
  num(name: string): number {
    const value = this.getAttribute(name);
    if (value === null) throw new Error(`<${this.tagName}> has no ${name}`);
    return Number(value);
  }

  append(...nodes: SvgNode[]): void {
    this.children.push(...nodes);
  }

  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join('');
  }

  set textContent(value: string) {
    this.text = value;
    this.children.length = 0;
  }

  /** Every descendant with this tag, in document order. */
  all(tag: string): SvgNode[] {
    return this.children.flatMap((c) => [...(c.tagName === tag ? [c] : []), ...c.all(tag)]);
  }

  /** The element's own `<title>` (a direct child), as a tooltip shows it. */
  get title(): string | undefined {
    return this.children.find((c) => c.tagName === 'title')?.textContent;
  }

  /** Whether `class` lists this name. */
  hasClass(name: string): boolean {
    return (this.getAttribute('class') ?? '').split(/\s+/).includes(name);
  }
}

/** Installs the stand-in `document` for a mocha suite and removes it afterwards. */
export function useSvgDocument(): void {
  const global = globalThis as { document?: unknown };
  let previous: unknown;
  before(() => {
    previous = global.document;
    global.document = { createElementNS: (ns: string, tag: string) => new SvgNode(tag, ns) };
  });
  after(() => {
    global.document = previous;
  });
}

/** A chart's root as the stand-in built it. */
export function asNode(element: Element): SvgNode {
  return element as unknown as SvgNode;
}
