import * as assert from 'node:assert/strict';
import { buildInlineContext, buildInlinePrompt, fenceFor, lastSelectedLine, type LineSource } from '../../../../src/core/inline/context';

function doc(lineCount: number): LineSource {
  return { lineCount, lineText: (line) => `line ${line + 1}` };
}

describe('Inline context', () => {
  it('sends the configured number of lines either side of the selection, marked as context', () => {
    const context = buildInlineContext({
      document: doc(100),
      start: { line: 49, character: 0 },
      end: { line: 51, character: 6 },
      selection: 'line 50\nline 51\nline 52',
      languageId: 'python',
      path: 'src/app.py',
      contextLines: 3,
    });
    assert.deepEqual([context.firstLine, context.lastLine], [50, 52]);
    assert.deepEqual(context.before, { firstLine: 47, lastLine: 49, text: 'line 47\nline 48\nline 49' });
    assert.deepEqual(context.after, { firstLine: 53, lastLine: 55, text: 'line 53\nline 54\nline 55' });
  });

  it('clips the context at the start and the end of the file', () => {
    const top = buildInlineContext({
      document: doc(5),
      start: { line: 1, character: 0 },
      end: { line: 3, character: 2 },
      selection: 'x',
      languageId: 'go',
      path: 'main.go',
      contextLines: 20,
    });
    assert.deepEqual(top.before, { firstLine: 1, lastLine: 1, text: 'line 1' });
    assert.deepEqual(top.after, { firstLine: 5, lastLine: 5, text: 'line 5' });
    const whole = buildInlineContext({
      document: doc(3),
      start: { line: 0, character: 0 },
      end: { line: 2, character: 6 },
      selection: 'x',
      languageId: 'go',
      path: 'main.go',
      contextLines: 20,
    });
    assert.equal(whole.before, undefined);
    assert.equal(whole.after, undefined);
  });

  it('does not count the line after a full-line selection as selected', () => {
    assert.equal(lastSelectedLine({ line: 4, character: 0 }, { line: 7, character: 0 }), 6);
    assert.equal(lastSelectedLine({ line: 4, character: 0 }, { line: 4, character: 0 }), 4);
    const context = buildInlineContext({
      document: doc(20),
      start: { line: 4, character: 0 },
      end: { line: 7, character: 0 },
      selection: 'x',
      languageId: 'c',
      path: 'a.c',
      contextLines: 1,
    });
    assert.equal(context.lastLine, 7);
    assert.deepEqual(context.after, { firstLine: 8, lastLine: 8, text: 'line 8' });
  });

  it('sends no context lines when the setting is 0', () => {
    const context = buildInlineContext({
      document: doc(20),
      start: { line: 5, character: 0 },
      end: { line: 6, character: 1 },
      selection: 'x',
      languageId: 'c',
      path: 'a.c',
      contextLines: 0,
    });
    assert.equal(context.before, undefined);
    assert.equal(context.after, undefined);
  });

  it('puts the question, the path, the language and the line numbers in the prompt, with context labelled as such', () => {
    const context = buildInlineContext({
      document: doc(30),
      start: { line: 9, character: 0 },
      end: { line: 10, character: 7 },
      selection: 'line 10\nline 11',
      languageId: 'typescript',
      path: 'src/a.ts',
      contextLines: 2,
    });
    const prompt = buildInlinePrompt(context, 'What does this do?');
    assert.ok(prompt.startsWith('What does this do?\n'));
    assert.match(prompt, /`src\/a\.ts` \(typescript, lines 10–11\)/);
    assert.match(prompt, /```typescript\nline 10\nline 11\n```/);
    assert.match(prompt, /Context only, not part of the selection — the lines 8–9 before it:\n```typescript\nline 8\nline 9\n```/);
    assert.match(prompt, /Context only, not part of the selection — the lines 12–13 after it:/);
    assert.ok(prompt.indexOf('line 10\nline 11') < prompt.indexOf('lines 8–9 before'), 'the selection comes before the context');
  });

  it('uses a longer fence when the selection itself contains a code fence', () => {
    assert.equal(fenceFor('plain'), '```');
    assert.equal(fenceFor('see ```js\ncode\n```'), '````');
    const context = buildInlineContext({
      document: doc(3),
      start: { line: 0, character: 0 },
      end: { line: 0, character: 3 },
      selection: '```',
      languageId: 'markdown',
      path: 'README.md',
      contextLines: 0,
    });
    assert.match(buildInlinePrompt(context, 'Q'), /````markdown\n```\n````/);
  });
});
