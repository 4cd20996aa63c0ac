import * as assert from 'node:assert/strict';
import { attachmentBlock, composeTurnText } from '../../../../src/core/context/blocks';
import { diffFiles, formatProblems, formatTerminal, formatTree, stripAnsi, summarizeProblems, terminalRefusal } from '../../../../src/core/context/formats';
import { checkFileSize, checkWindow, insideRoot, looksBinary, MAX_FILE_BYTES } from '../../../../src/core/context/limits';
import { parseMentions } from '../../../../src/core/context/mentions';
import { estimateImageTokens } from '../../../../src/core/context/tokens';
import { Conversation } from '../../../../src/core/chat/conversation';
import { toMessageParam } from '../../../../src/core/streaming/requestParams';

describe('workspace context: # mentions typed in a prompt', () => {
  it('finds "why does #file:cart.ts fail #problems?" as a file and the problems, without the question mark', () => {
    const text = 'why does #file:cart.ts fail #problems?';
    const found = parseMentions(text);
    assert.deepEqual(
      found.map(({ kind, value }) => ({ kind, value })),
      [
        { kind: 'file', value: 'cart.ts' },
        { kind: 'problems', value: undefined },
      ],
    );
    assert.equal(text.slice(found[0].start, found[0].end), '#file:cart.ts');
  });

  it('reads quoted paths, folders, symbols and each bare kind once, and ignores # inside words and unknown kinds', () => {
    const found = parseMentions('see #folder:src, #symbol:cartTotal and #file:"my notes.md" #changes #terminal #selection #changes issue#problems #tests #file:');
    assert.deepEqual(
      found.map((m) => `${m.kind}:${m.value ?? ''}`),
      ['folder:src', 'symbol:cartTotal', 'file:my notes.md', 'changes:', 'terminal:', 'selection:'],
    );
  });
});

describe('workspace context: what the request carries', () => {
  it('writes a file as a delimited block naming its kind, path, language and lines, with its exact content', () => {
    const block = attachmentBlock({
      id: 'a',
      kind: 'file',
      label: 'src/cart.ts',
      code: 'const x = 1;\n',
      language: 'typescript',
      path: 'src/cart.ts',
      range: { startLine: 1, endLine: 2 },
      tokens: 4,
    });
    assert.equal(block, '<attachment kind="file" path="src/cart.ts" language="typescript" lines="1-2">\nconst x = 1;\n\n</attachment>');
    assert.equal(composeTurnText('Why?', []), 'Why?');
    assert.match(
      composeTurnText('Why?', [{ id: 'p', kind: 'problems', label: 'Problems "x"', code: 'a.ts:1:1 error: bad', tokens: 5 }]),
      /^Why\?\n\n<attachment kind="problems" label="Problems &quot;x&quot;">\na\.ts:1:1 error: bad\n<\/attachment>$/,
    );
  });

  it('sends a turn with an image as an image block before its text, and the image stays out of storage', () => {
    const c = Conversation.create('c1', () => 1);
    const attachments = [{ id: 'img1', kind: 'image' as const, label: 'error.png', code: '', tokens: 100, image: { mediaType: 'image/png' as const, bytes: 3 } }];
    c.add({
      id: 'u1',
      role: 'user',
      text: 'What is this?',
      prompt: composeTurnText('What is this?', attachments),
      attachments,
      images: [{ attachmentId: 'img1', mediaType: 'image/png', data: 'iVBO' }],
      state: 'done',
    });
    const turn = c.toTurns()[0];
    const param = toMessageParam(turn);
    assert.deepEqual(
      (param.content as Array<{ type: string }>).map((b) => b.type),
      ['image', 'text'],
    );
    assert.deepEqual((param.content as unknown as Array<{ source?: unknown }>)[0].source, { type: 'base64', media_type: 'image/png', data: 'iVBO' });
    const stored = c.toStored().messages[0];
    assert.equal(stored.images, undefined, 'no base64 in workspace state');
    const reloaded = new Conversation(c.toStored(), () => 2).toTurns()[0];
    assert.equal(reloaded.images, undefined);
    assert.match(reloaded.content, /The image "error\.png" was attached when this was first sent; it is no longer available/);
  });

  it('estimates an image as the vision docs do: width × height / 750 after scaling to 1568 px', () => {
    assert.equal(estimateImageTokens(1000, 1000), 1334);
    assert.equal(estimateImageTokens(3136, 1568), estimateImageTokens(1568, 784));
    assert.equal(estimateImageTokens(), 1600);
  });
});

describe('workspace context: limits', () => {
  it('refuses a file over 5 MB with the offer of its first 400 lines', () => {
    assert.equal(checkFileSize('a.log', MAX_FILE_BYTES), undefined);
    const refusal = checkFileSize('big.log', MAX_FILE_BYTES + 1, 90_000);
    assert.match(refusal!.reason, /big\.log is 5\.0 MB, over the 5\.0 MB limit/);
    assert.deepEqual(
      refusal!.offers.map((o) => o.label),
      ['Send lines 1–400'],
    );
  });

  it('tells binary from text by NUL and control bytes, and takes UTF-16 with a BOM as text', () => {
    assert.equal(looksBinary(Buffer.from('export const x = 1;\n\tindent\r\n')), false);
    assert.equal(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), true);
    assert.equal(looksBinary(Buffer.from([0xff, 0xfe, 0x41, 0x00])), false);
    assert.equal(looksBinary(Buffer.from([1, 2, 3, 4, 5, 6, 65])), true);
  });

  it('refuses what overflows the window and offers the symbol that fits, then the first lines', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i + 1} ${'x'.repeat(30)}`).join('\n');
    assert.equal(checkWindow('cart.ts', text, { usedTokens: 0, maxTokens: 10_000 }), undefined);
    assert.equal(checkWindow('cart.ts', text, { usedTokens: 0 }), undefined, 'an unknown window refuses nothing');
    const refusal = checkWindow('cart.ts', text, { usedTokens: 500, maxTokens: 1000 }, [
      { name: 'cartTotal', startLine: 10, endLine: 20 },
      { name: 'everything', startLine: 1, endLine: 100 },
    ]);
    assert.match(refusal!.reason, /cart\.ts is about 973 tokens; the model's window has room for about 500 tokens more/);
    assert.deepEqual(
      refusal!.offers.map((o) => o.label),
      ['Send symbol cartTotal', 'Send lines 1–51'],
    );
  });

  it('keeps paths inside the workspace root', () => {
    assert.equal(insideRoot('src/cart.ts'), true);
    assert.equal(insideRoot('../etc/passwd'), false);
    assert.equal(insideRoot('/etc/passwd'), false);
    assert.equal(insideRoot('C:\\Windows'), false);
  });
});

describe('workspace context: problems, terminal output and folder trees as text', () => {
  it('lists problems errors first with path, line, column, code and source', () => {
    const items = [
      { path: 'b.ts', line: 3, column: 1, severity: 'warning' as const, message: 'unused', source: 'ts', code: '6133' },
      { path: 'a.ts', line: 12, column: 5, severity: 'error' as const, message: "Type 'string' is not\n  assignable", source: 'ts', code: '2322' },
    ];
    assert.equal(formatProblems(items), "a.ts:12:5 error 2322: Type 'string' is not assignable (ts)\nb.ts:3:1 warning 6133: unused (ts)");
    assert.equal(summarizeProblems(items), '1 error, 1 warning');
  });

  it('writes the last command with its exit code and output, colours removed, the end kept when long', () => {
    assert.equal(stripAnsi('\u001b[31mred\u001b[0m\r\nnext\u001b]0;title\u0007'), 'red\nnext');
    assert.equal(formatTerminal({ terminal: 'bash', command: 'npm test', output: 'FAIL cart\r\n', exitCode: 1 }), '$ npm test (exit code 1)\nFAIL cart');
    assert.match(formatTerminal({ terminal: 'bash', command: 'yes', output: 'y\n'.repeat(100) + 'END' }, 10), /^\$ yes\n… \(earlier output left out\)\n.*END$/s);
  });

  it('draws a folder as an indented tree', () => {
    assert.equal(formatTree('src', ['src/cart.ts', 'src/lib/retry.ts']), 'src/\ncart.ts\nlib/\n  retry.ts');
  });
});

describe('workspace context: #terminal with nothing to attach', () => {
  const run = { terminal: 'bash', command: 'npm test', output: '', exitCode: 1 };

  it('says no terminal is open, when none is', () => {
    assert.match(terminalRefusal({ open: 0, integrated: 0 }) ?? '', /^No terminal output to attach: no terminal is open\. Run the command in a terminal/);
  });

  it('says the terminal has no shell integration, so its output cannot be read', () => {
    assert.match(terminalRefusal({ open: 1, integrated: 0 }) ?? '', /^No terminal output to attach: the open terminal has no shell integration, so its output cannot be read\./);
    assert.match(terminalRefusal({ open: 3, integrated: 0 }) ?? '', /none of the 3 open terminals has shell integration/);
  });

  it('says no command has finished yet in a terminal that could be read', () => {
    assert.match(terminalRefusal({ open: 1, integrated: 1 }) ?? '', /^No terminal output to attach: no command has finished in a terminal since the window opened/);
  });

  it('names the last command when it printed nothing (colour codes count as nothing), and attaches one that printed something', () => {
    assert.equal(terminalRefusal({ open: 1, integrated: 1, last: run }), 'No terminal output to attach: the last command, npm test, printed nothing (exit code 1).');
    assert.match(terminalRefusal({ open: 1, integrated: 1, last: { ...run, output: '\u001b[0m\r\n' } }) ?? '', /printed nothing/);
    assert.equal(terminalRefusal({ open: 0, integrated: 0, last: { ...run, output: 'FAIL cart.test.ts\n' } }), undefined);
  });
});

describe('workspace context: the files a #changes diff names', () => {
  it('counts each file once, staged and not staged alike, a rename by its new name, and paths with spaces or quotes', () => {
    const diff = [
      '# staged',
      'diff --git a/src/cart.ts b/src/cart.ts',
      'index 1..2 100644',
      '--- a/src/cart.ts',
      '+++ b/src/cart.ts',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      '# not staged',
      'diff --git a/src/cart.ts b/src/cart.ts',
      '@@ -1 +1 @@',
      '-b',
      '+c',
      'diff --git a/docs/a b/notes.md b/docs/a b/notes.md',
      '@@ -1 +1 @@',
      '-x',
      '+y',
      'diff --git a/old.ts b/new.ts',
      'similarity index 100%',
      'rename from old.ts',
      'rename to new.ts',
      'diff --git "a/caf\\303\\251.txt" "b/caf\\303\\251.txt"',
      'Binary files differ',
    ].join('\n');
    assert.deepEqual(diffFiles(diff), ['src/cart.ts', 'docs/a b/notes.md', 'new.ts', 'caf\\303\\251.txt']);
    assert.deepEqual(diffFiles('# untracked\nnotes.txt'), []);
  });
});
