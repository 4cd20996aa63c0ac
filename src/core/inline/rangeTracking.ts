import type { TextPosition } from './context';

/** A range in a document; `start` is never after `end`. */
export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

/** One edit as `TextDocumentChangeEvent.contentChanges` reports it. */
export interface TextChange {
  range: TextRange;
  text: string;
}

function comparePositions(a: TextPosition, b: TextPosition): number {
  return a.line - b.line || a.character - b.character;
}

/** Where the text inserted by `change` ends. */
function endOfInsert(change: TextChange): TextPosition {
  const lines = change.text.split(/\r\n|\r|\n/);
  const { start } = change.range;
  if (lines.length === 1) return { line: start.line, character: start.character + change.text.length };
  return { line: start.line + lines.length - 1, character: lines[lines.length - 1].length };
}

/**
 * Moves a position through an edit. An insertion exactly at a range's start lands before
 * the range (its start moves on); one exactly at its end lands after it (the end stays).
 * A replacement overlapping the range is absorbed into it, so replacing the whole range
 * (as Apply does) leaves the range covering the new text.
 */
function movePosition(p: TextPosition, change: TextChange, side: 'start' | 'end'): TextPosition {
  const { start, end } = change.range;
  const relative = comparePositions(p, start);
  if (relative < 0) return p;
  const inserted = endOfInsert(change);
  if (relative === 0) return side === 'start' && comparePositions(start, end) === 0 ? inserted : p;
  if (comparePositions(p, end) < 0) return side === 'start' ? start : inserted;
  if (p.line === end.line) return { line: inserted.line, character: inserted.character + (p.character - end.character) };
  return { line: p.line + (inserted.line - end.line), character: p.character };
}

/**
 * Where a range is after a document edit, so a thread keeps pointing at the same code.
 * VS Code moves the comment widget as the user types but does not update
 * `CommentThread.range` (microsoft/vscode#243834), so the shell tracks ranges itself.
 * Changes are applied in the order given, as VS Code lists them (bottom to top).
 */
export function shiftRange(range: TextRange, changes: readonly TextChange[]): TextRange {
  let current = range;
  for (const change of changes) {
    const start = movePosition(current.start, change, 'start');
    const end = movePosition(current.end, change, 'end');
    current = comparePositions(start, end) <= 0 ? { start, end } : { start: end, end: end };
  }
  return current;
}
