/** A position as VS Code reports it: 0-based line and character. */
export interface TextPosition {
  line: number;
  character: number;
}

/** What the context builder needs from a document; the shell adapts `TextDocument` to it. */
export interface LineSource {
  readonly lineCount: number;
  /** Text of a 0-based line, without its line break. */
  lineText(line: number): string;
}

/** Lines shown around the selection, marked as context. */
interface ContextBlock {
  /** 1-based first line. */
  firstLine: number;
  /** 1-based last line. */
  lastLine: number;
  text: string;
}

/** Everything an inline ask sends besides the question. */
export interface InlineContext {
  /** Workspace-relative path (or the untitled name). */
  path: string;
  languageId: string;
  selection: string;
  /** 1-based lines the selection covers. */
  firstLine: number;
  lastLine: number;
  before?: ContextBlock;
  after?: ContextBlock;
}

export interface ContextInput {
  document: LineSource;
  start: TextPosition;
  end: TextPosition;
  /** The selected text (possibly trimmed to the token limit). */
  selection: string;
  languageId: string;
  path: string;
  /** Whole lines of context on each side of the selection; 0 for none. */
  contextLines: number;
}

/**
 * The last line a selection really covers: a selection that ends at column 0 of a line
 * (as a full-line selection does) does not include that line.
 */
export function lastSelectedLine(start: TextPosition, end: TextPosition): number {
  return end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
}

/** The selection plus up to `contextLines` whole lines either side, clipped at the file's bounds. */
export function buildInlineContext(input: ContextInput): InlineContext {
  const { document, start, end } = input;
  const n = Math.max(0, Math.floor(input.contextLines));
  const first = start.line;
  const last = Math.min(lastSelectedLine(start, end), document.lineCount - 1);
  const block = (from: number, to: number): ContextBlock | undefined => {
    if (n === 0 || to < from) return undefined;
    const lines: string[] = [];
    for (let line = from; line <= to; line++) lines.push(document.lineText(line));
    return { firstLine: from + 1, lastLine: to + 1, text: lines.join('\n') };
  };
  return {
    path: input.path,
    languageId: input.languageId,
    selection: input.selection,
    firstLine: first + 1,
    lastLine: last + 1,
    before: block(Math.max(0, first - n), first - 1),
    after: block(last + 1, Math.min(document.lineCount - 1, last + n)),
  };
}

/** A code fence longer than any run of backticks in `text`, so the text cannot close it early. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function fenced(text: string, languageId: string): string {
  const fence = fenceFor(text);
  return `${fence}${languageId}\n${text}\n${fence}`;
}

/** "line 4" or "lines 4–9", 1-based, as the thread header and prompts label a range. */
export const lineSpan = (first: number, last: number): string => (first === last ? `line ${first}` : `lines ${first}–${last}`);

/**
 * The user turn for an inline ask: the question first, then the selection, then the
 * surrounding lines, each labelled so the model answers about the selection and treats the
 * rest as background only.
 */
export function buildInlinePrompt(context: InlineContext, question: string): string {
  const parts = [
    question.trim(),
    '',
    `The question is about the selected code in \`${context.path}\` (${context.languageId}, ${lineSpan(context.firstLine, context.lastLine)}):`,
    fenced(context.selection, context.languageId),
  ];
  if (context.before) {
    parts.push(
      '',
      `Context only, not part of the selection — the ${lineSpan(context.before.firstLine, context.before.lastLine)} before it:`,
      fenced(context.before.text, context.languageId),
    );
  }
  if (context.after) {
    parts.push(
      '',
      `Context only, not part of the selection — the ${lineSpan(context.after.firstLine, context.after.lastLine)} after it:`,
      fenced(context.after.text, context.languageId),
    );
  }
  parts.push('', 'If you propose a change to the selection, give the full replacement for the selected lines as one fenced code block.');
  return parts.join('\n');
}
