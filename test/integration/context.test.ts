/**
 * Workspace context in code-server's real extension host, sent through the real SDK to the
 * strict local server: `#problems` carries a diagnostic the test made, `#changes` a working-tree
 * edit in a scratch git repository, a pasted image reaches the request as an image block, a
 * `.env` file asks before it is attached, and the 5 MB, binary and outside-the-workspace limits
 * refuse clearly. Webview messages go through `_test.chatReceive` (the panel's own validation).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { estimateTextTokens } from '../../src/core/context/tokens';
import { TEXT_ONLY_MODEL } from '../server';
import type { AttachmentView, ChatHostMessage } from '../../src/shared/protocol';
import { chatState, ourExtension, setSetting, useLocalServer, waitFor, type LocalServer } from './helpers';

interface Posted {
  delivered: boolean;
  message: ChatHostMessage;
}

const posted = async (): Promise<ChatHostMessage[]> => ((await vscode.commands.executeCommand('claudeStream._test.chatPosted')) as Posted[]).map((p) => p.message);
const panel = async (): Promise<{ visible: boolean }> => (await vscode.commands.executeCommand('claudeStream._test.chatPanel')) as { visible: boolean };
const fromWebview = (raw: unknown) => vscode.commands.executeCommand('claudeStream._test.chatReceive', raw);

const root = (): string => vscode.workspace.workspaceFolders![0].uri.fsPath;

/** The reply (chip or refusal) to one context request. */
async function replyTo(requestId: string): Promise<Extract<ChatHostMessage, { type: 'input/attach' | 'context/refused' }>> {
  return waitFor(
    async () =>
      (await posted()).find(
        (m): m is Extract<ChatHostMessage, { type: 'input/attach' | 'context/refused' }> =>
          (m.type === 'input/attach' || m.type === 'context/refused') && m.requestId === requestId,
      ),
    { what: `the host's reply to ${requestId}`, timeoutMs: 20_000 },
  );
}

async function attach(requestId: string, request: Record<string, unknown>): Promise<AttachmentView> {
  await fromWebview({ ...request, requestId });
  const reply = await replyTo(requestId);
  assert.equal(reply.type, 'input/attach', JSON.stringify(reply));
  return (reply as Extract<ChatHostMessage, { type: 'input/attach' }>).attachment;
}

/** The user turn of the last Messages request the server received. */
function lastUserContent(server: LocalServer['server']): { text: string; blocks: Array<Record<string, unknown>> } {
  const request = server.requests.filter((r) => r.path === '/v1/messages' || r.path.startsWith('/v1/messages?')).pop();
  const messages = (request?.body as { messages?: Array<{ role: string; content: unknown }> } | undefined)?.messages ?? [];
  const content = messages.filter((m) => m.role === 'user').pop()?.content;
  if (typeof content === 'string') return { text: content, blocks: [{ type: 'text', text: content }] };
  const blocks = (content ?? []) as Array<Record<string, unknown>>;
  return {
    text: blocks
      .filter((b) => b.type === 'text')
      .map((b) => String(b.text))
      .join('\n'),
    blocks,
  };
}

async function sendAndWait(server: LocalServer['server'], text: string, attachments?: AttachmentView[]): Promise<void> {
  const before = server.requests.length;
  await fromWebview({ type: 'prompt/submit', text, ...(attachments ? { attachments } : {}) });
  await waitFor(() => server.requests.slice(before).some((r) => r.path.startsWith('/v1/messages') && !r.path.includes('count_tokens')), { what: 'the request', timeoutMs: 20_000 });
  await waitFor(async () => !(await chatState()).streaming && (await chatState()).messages.some((m) => m.role === 'assistant' && m.state !== 'streaming'), {
    what: 'the answer',
    timeoutMs: 20_000,
  });
}

let seq = 0;
const rid = (what: string) => `${what}-${Date.now().toString(36)}-${seq++}`;

describe('Workspace context in code-server', function () {
  this.timeout(60_000);
  let local: LocalServer;
  let scratch: string;
  let restoreGit: (() => Thenable<void>) | undefined;

  before(async () => {
    await ourExtension().activate();
    local = await useLocalServer({ extraModels: [TEXT_ONLY_MODEL] });
    scratch = join(root(), `.ctx-scratch-${process.pid}`);
    mkdirSync(scratch, { recursive: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('claudeStream._test.contextConfirm', 'modal');
    await restoreGit?.();
    rmSync(scratch, { recursive: true, force: true });
    await local?.dispose();
  });

  beforeEach(async () => {
    local.server.reset();
    await vscode.commands.executeCommand('claudeStream.newChat');
    await waitFor(async () => (await panel()).visible, { what: 'the chat webview to say ready', timeoutMs: 20_000 });
    // Chips left beside the input by an earlier test are removed, as a user would, so each test starts with the window's room free.
    for (const m of await posted()) if (m.type === 'input/attach') await fromWebview({ type: 'context/remove', id: m.attachment.id });
  });

  it('answers "why does #file:cart.ts fail #problems?" typed, with the file and a diagnostic the test made in the request', async () => {
    const diagnostics = vscode.languages.createDiagnosticCollection('ctx-test');
    try {
      const cart = vscode.Uri.file(join(root(), 'src', 'cart.ts'));
      const problem = new vscode.Diagnostic(new vscode.Range(17, 2, 17, 30), 'Test-made problem: sort() compares numbers as strings', vscode.DiagnosticSeverity.Error);
      problem.source = 'ctx-test';
      diagnostics.set(cart, [problem]);
      await sendAndWait(local.server, 'why does #file:cart.ts fail #problems?');
      const { text } = lastUserContent(local.server);
      assert.match(text, /^why does #file:cart\.ts fail #problems\?/);
      const file = (await vscode.workspace.openTextDocument(cart)).getText();
      assert.ok(text.includes(`<attachment kind="file" path="src/cart.ts" language="typescript">\n${file}\n</attachment>`), 'the file, exactly, with its path');
      assert.match(
        text,
        /<attachment kind="problems" label="Problems · [^"]*">\n[^]*src\/cart\.ts:18:3 error: Test-made problem: sort\(\) compares numbers as strings \(ctx-test\)/,
      );
      const sent = (await posted()).filter((m): m is Extract<ChatHostMessage, { type: 'message/add' }> => m.type === 'message/add' && m.message.role === 'user').pop()!;
      assert.equal(sent.message.text, 'why does #file:cart.ts fail #problems?', 'the transcript shows what was typed, not the blocks');
      assert.deepEqual(
        sent.message.attachments?.map((a) => a.kind),
        ['file', 'problems'],
      );
    } finally {
      diagnostics.dispose();
    }
  });

  it('#changes carries a working-tree edit in a scratch git repository', async () => {
    const repo = join(scratch, 'repo');
    mkdirSync(repo, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=Test', ...args], { cwd: repo });
    git('init', '-q');
    writeFileSync(join(repo, 'notes.txt'), 'first line\n');
    git('add', '.');
    git('commit', '-qm', 'start');
    writeFileSync(join(repo, 'notes.txt'), 'first line\nan edit the test made\n');
    writeFileSync(join(repo, 'todo.txt'), 'a file git does not track yet\n');
    // The test profile turns Git off (quiet start-up); this test turns it on for itself.
    const gitSettings = vscode.workspace.getConfiguration('git');
    const wasEnabled = gitSettings.inspect('enabled')?.globalValue;
    await gitSettings.update('enabled', true, vscode.ConfigurationTarget.Global);
    restoreGit = () => vscode.workspace.getConfiguration('git').update('enabled', wasEnabled, vscode.ConfigurationTarget.Global);
    await vscode.extensions.getExtension('vscode.git')?.activate();
    await waitFor(async () => (await vscode.commands.getCommands(true)).includes('git.openRepository'), { what: 'the git extension to be enabled', timeoutMs: 20_000 });
    await vscode.commands.executeCommand('git.openRepository', repo);
    const change = await waitFor(
      async () => {
        const id = rid('changes');
        await fromWebview({ type: 'context/add', requestId: id, kind: 'changes' });
        const reply = await replyTo(id);
        return reply.type === 'input/attach' && reply.attachment.code.includes('+an edit the test made') && reply.attachment.code.includes('todo.txt')
          ? reply.attachment
          : undefined;
      },
      { what: 'the git extension to see the scratch repository', timeoutMs: 30_000, intervalMs: 500 },
    );
    assert.equal(change.kind, 'changes');
    // The chip says what the diff holds: notes.txt edited and todo.txt untracked, and the tokens of exactly that text.
    assert.equal(change.label, 'Changes · 2 files');
    assert.match(change.code, /^# not staged\ndiff --git a\/notes\.txt b\/notes\.txt\n[^]*\n# untracked\n[^\n]*todo\.txt$/);
    assert.equal(change.tokens, estimateTextTokens(change.code));
    await sendAndWait(local.server, 'Review these changes', [change]);
    assert.match(lastUserContent(local.server).text, /<attachment kind="changes"[^>]*language="diff">\n[^]*notes\.txt[^]*\n\+an edit the test made\n/);
  });

  it('sends a pasted image to the request as an image block', async () => {
    // A 1×1 PNG.
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const image = await attach(rid('image'), { type: 'context/image', name: 'error.png', mediaType: 'image/png', data: png });
    assert.equal(image.kind, 'image');
    assert.deepEqual({ mediaType: image.image?.mediaType, width: image.image?.width, height: image.image?.height }, { mediaType: 'image/png', width: 1, height: 1 });
    assert.equal(image.code, '', 'no base64 in the chip');
    await sendAndWait(local.server, 'What does this error say?', [image]);
    const { blocks } = lastUserContent(local.server);
    assert.deepEqual(
      blocks.map((b) => b.type),
      ['image', 'text'],
    );
    assert.deepEqual(blocks[0].source, { type: 'base64', media_type: 'image/png', data: png });
  });

  it('does not send an image to a model whose capabilities lack image_input, and says why', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const image = await attach(rid('image'), { type: 'context/image', name: 'error.png', mediaType: 'image/png', data: png });
    const restore = await setSetting('model', TEXT_ONLY_MODEL.id);
    try {
      const reason = await waitFor(
        async () => {
          const id = rid('textOnly');
          await fromWebview({ type: 'context/image', requestId: id, name: 'second.png', mediaType: 'image/png', data: png });
          const reply = await replyTo(id);
          return reply.type === 'context/refused' ? reply.reason : undefined;
        },
        { what: 'the text-only model to be known', timeoutMs: 20_000, intervalMs: 500 },
      );
      assert.equal(reason, 'claude-test-text does not take images (its capabilities do not list image_input); pick a model that does to send second.png.');
      // The chip attached under the earlier model is held at send, with the prompt, rather than sent.
      const before = (await posted()).length;
      await fromWebview({ type: 'prompt/submit', text: 'What does this error say?', attachments: [image] });
      const refused = await waitFor(
        async () =>
          (await posted()).slice(before).find((m): m is Extract<ChatHostMessage, { type: 'context/refused' }> => m.type === 'context/refused' && m.requestId === 'submit'),
        { what: 'the refusal at send' },
      );
      assert.match(refused.reason, /^Not sent: claude-test-text does not take images .*error\.png/);
      const after = (await posted()).slice(before);
      assert.ok(
        after.some((m) => m.type === 'input/set' && m.text === 'What does this error say?'),
        'the prompt is back',
      );
      assert.ok(
        after.some((m) => m.type === 'input/attach' && m.attachment.id === image.id),
        'the image chip is back',
      );
      assert.equal(local.server.requests.filter((r) => r.path.startsWith('/v1/messages') && !r.path.includes('count_tokens')).length, 0, 'nothing was sent');
    } finally {
      await restore();
      await fromWebview({ type: 'context/remove', id: image.id });
    }
  });

  it('asks before attaching a .env file, and attaches nothing when the user says no', async () => {
    writeFileSync(join(scratch, '.env'), 'DATABASE_URL=postgres://localhost/app\nSTRIPE_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\n');
    const path = `${scratch.slice(root().length + 1)}/.env`;
    await vscode.commands.executeCommand('claudeStream._test.contextConfirm', false);
    const declined = rid('env');
    await fromWebview({ type: 'context/add', requestId: declined, kind: 'file', value: path });
    const refused = await replyTo(declined);
    assert.equal(refused.type, 'context/refused');
    assert.match((refused as { reason: string }).reason, /\.env.*chose not to send it/);
    const asked = (await vscode.commands.executeCommand('claudeStream._test.contextAsked')) as string[];
    assert.match(asked.at(-1) ?? '', /\.env: This looks like it contains/);
    await vscode.commands.executeCommand('claudeStream._test.contextConfirm', true);
    const accepted = await attach(rid('env'), { type: 'context/add', kind: 'file', value: path });
    assert.match(accepted.code, /STRIPE_KEY/);
    assert.equal(((await vscode.commands.executeCommand('claudeStream._test.contextAsked')) as string[]).length, asked.length + 1, 'asked again, once');
  });

  it('keeps the typed prompt and its chips in the input when the user declines a .env named in it', async () => {
    writeFileSync(join(scratch, '.env'), 'STRIPE_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\n');
    const path = `${scratch.slice(root().length + 1)}/.env`;
    const chip = await attach(rid('chip'), { type: 'context/add', kind: 'file', value: 'src/cart.ts' });
    await vscode.commands.executeCommand('claudeStream._test.contextConfirm', false);
    const before = (await posted()).length;
    const text = `Does cart.ts read #file:${path} safely?`;
    await fromWebview({ type: 'prompt/submit', text, attachments: [chip] });
    const refused = await waitFor(
      async () => (await posted()).slice(before).find((m): m is Extract<ChatHostMessage, { type: 'context/refused' }> => m.type === 'context/refused' && m.requestId === 'submit'),
      { what: 'the refusal' },
    );
    assert.match(refused.reason, /^Not sent: .*\.env.*chose not to send it/);
    const after = (await posted()).slice(before);
    assert.deepEqual(
      after.filter((m) => m.type === 'input/set'),
      [{ type: 'input/set', text, focus: true }],
      'the prompt is back in the input, as typed',
    );
    const back = after.filter((m): m is Extract<ChatHostMessage, { type: 'input/attach' }> => m.type === 'input/attach');
    assert.deepEqual(
      back.map((m) => ({ id: m.attachment.id, path: m.attachment.path, code: m.attachment.code })),
      [{ id: chip.id, path: 'src/cart.ts', code: chip.code }],
      'the cart.ts chip is back beside it',
    );
    assert.equal(local.server.requests.filter((r) => r.path.startsWith('/v1/messages') && !r.path.includes('count_tokens')).length, 0, 'nothing was sent');
    assert.ok(!(await chatState()).messages.some((m) => m.role === 'user'), 'no message in the transcript');
    await vscode.commands.executeCommand('claudeStream._test.contextConfirm', true);
    await sendAndWait(local.server, text, [back[0].attachment]);
    const sent = lastUserContent(local.server).text;
    assert.ok(sent.includes('path="src/cart.ts"') && sent.includes('STRIPE_KEY'), 'sent with both once the user says yes');
  });

  it('refuses a 5 MB file with the offer of its first lines, and sends that part when taken', async () => {
    const big = join(scratch, 'big.log');
    const line = 'x'.repeat(99);
    writeFileSync(big, Array.from({ length: 54_000 }, (_, i) => `${i + 1} ${line}`).join('\n'));
    const id = rid('big');
    await fromWebview({ type: 'context/add', requestId: id, kind: 'file', value: big.slice(root().length + 1) });
    const refused = await replyTo(id);
    assert.equal(refused.type, 'context/refused');
    const r = refused as Extract<ChatHostMessage, { type: 'context/refused' }>;
    assert.match(r.reason, /big\.log is 5\.\d MB, over the 5\.0 MB limit/);
    assert.deepEqual(
      r.offers?.map((o) => o.label),
      ['Send lines 1–400'],
    );
    await fromWebview({ type: 'context/acceptOffer', requestId: id, offerId: r.offers![0].id });
    const part = await waitFor(
      async () => (await posted()).filter((m): m is Extract<ChatHostMessage, { type: 'input/attach' }> => m.type === 'input/attach' && m.requestId === id).pop(),
      { what: 'the part' },
    );
    assert.deepEqual(part.attachment.range, { startLine: 1, endLine: 400 });
    assert.equal(part.attachment.code.split('\n').length, 400);
    assert.ok(part.attachment.code.startsWith(`1 ${line}\n2 `) && part.attachment.code.endsWith(`400 ${line}`));
  });

  it('refuses a binary file and a path outside the workspace clearly', async () => {
    writeFileSync(join(scratch, 'blob.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00, 0xff]));
    const binary = rid('bin');
    await fromWebview({ type: 'context/add', requestId: binary, kind: 'file', value: `${scratch.slice(root().length + 1)}/blob.bin` });
    assert.match(((await replyTo(binary)) as { reason?: string }).reason ?? '', /blob\.bin is a binary file; only text can be attached/);
    for (const outside of ['../package.json', '/etc/hostname']) {
      const id = rid('out');
      await fromWebview({ type: 'context/add', requestId: id, kind: 'file', value: outside });
      const reply = await replyTo(id);
      assert.equal(reply.type, 'context/refused', outside);
      assert.match((reply as { reason: string }).reason, /outside the workspace/, outside);
    }
    const dropped = rid('drop');
    await fromWebview({ type: 'context/dropUris', requestId: dropped, uris: ['file:///etc/hostname'] });
    assert.match(((await replyTo(dropped)) as { reason?: string }).reason ?? '', /outside the workspace/);
    // code-server's Explorer names files vscode-remote://<host:port>/…: the same limit applies once mapped to this disk.
    const remote = vscode.env.remoteName;
    assert.ok(remote, 'code-server runs the extension host as a remote');
    const remoteDrop = rid('drop');
    await fromWebview({ type: 'context/dropUris', requestId: remoteDrop, uris: [`vscode-remote://${remote}/etc/hostname`] });
    assert.equal(((await replyTo(remoteDrop)) as { reason?: string }).reason, '/etc/hostname is outside the workspace; only files in the open folders can be attached.');
  });

  it('refuses a file that would overflow a small window, offering the first lines that fit', async () => {
    writeFileSync(join(scratch, 'long.txt'), Array.from({ length: 400 }, (_, i) => `line ${i + 1}: ${'words '.repeat(8)}`).join('\n'));
    const restore = await setSetting('model', 'claude-test-tiny');
    try {
      const refusal = await waitFor(
        async () => {
          const id = rid('window');
          await fromWebview({ type: 'context/add', requestId: id, kind: 'file', value: `${scratch.slice(root().length + 1)}/long.txt` });
          const reply = await replyTo(id);
          return reply.type === 'context/refused' ? { id, reply } : undefined;
        },
        { what: "the tiny model's window to be known", timeoutMs: 20_000, intervalMs: 500 },
      );
      assert.match(refusal.reply.reason, /long\.txt is about [\d,]+ tokens; the model's window has room for about [\d,]+ tokens more/);
      const offer = refusal.reply.offers?.find((o) => /^Send lines 1–\d+$/.test(o.label));
      assert.ok(offer, JSON.stringify(refusal.reply.offers));
      await fromWebview({ type: 'context/acceptOffer', requestId: refusal.id, offerId: offer.id });
      const part = await waitFor(
        async () => (await posted()).filter((m): m is Extract<ChatHostMessage, { type: 'input/attach' }> => m.type === 'input/attach' && m.requestId === refusal.id).pop(),
        { what: 'the part' },
      );
      const lines = Number(/1–(\d+)/.exec(offer.label)![1]);
      assert.equal(part.attachment.code.split('\n').length, lines);
      assert.ok(lines < 400);
      await fromWebview({ type: 'context/remove', id: part.attachment.id });
    } finally {
      await restore();
    }
  });

  it('#folder sends the tree and the files that fit', async () => {
    const folder = await attach(rid('folder'), { type: 'context/add', kind: 'folder', value: 'src' });
    assert.equal(folder.kind, 'folder');
    assert.match(folder.code, /^src\/\ncart\.ts\nretry\.ts\n/);
    const cart = (await vscode.workspace.openTextDocument(vscode.Uri.file(join(root(), 'src', 'cart.ts')))).getText();
    assert.ok(folder.code.includes(`--- src/cart.ts ---\n${cart}`));
    await fromWebview({ type: 'context/remove', id: folder.id });
  });

  it('lists workspace files for #fi completion, best match first', async () => {
    const id = rid('query');
    await fromWebview({ type: 'context/query', requestId: id, kind: 'file', query: 'cart' });
    const reply = await waitFor(
      async () => (await posted()).find((m): m is Extract<ChatHostMessage, { type: 'context/suggestions' }> => m.type === 'context/suggestions' && m.requestId === id),
      { what: 'suggestions' },
    );
    assert.deepEqual(reply.items[0], { kind: 'file', value: 'src/cart.ts', label: 'cart.ts', detail: 'src' });
  });

  it('leaves files .gitignore names, and the files under an ignored folder, out of the #file completion', async () => {
    const dir = join(scratch, 'ignoring');
    mkdirSync(join(dir, 'hidden'), { recursive: true });
    writeFileSync(join(dir, '.gitignore'), 'ignored-notes.md\nhidden/\n');
    for (const name of ['visible-notes.md', 'ignored-notes.md', 'hidden/buried-notes.md']) writeFileSync(join(dir, name), `# ${name}\n`);
    const offered = await waitFor(
      async () => {
        const id = rid('ignored');
        await fromWebview({ type: 'context/query', requestId: id, kind: 'file', query: 'notes.md' });
        const reply = await waitFor(
          async () => (await posted()).find((m): m is Extract<ChatHostMessage, { type: 'context/suggestions' }> => m.type === 'context/suggestions' && m.requestId === id),
          { what: 'suggestions' },
        );
        const values = reply.items.map((i) => i.value).filter((v) => v.includes('/ignoring/'));
        // The file watcher sees the new .gitignore a moment after it is written.
        return values.includes(`${scratch.slice(root().length + 1)}/ignoring/visible-notes.md`) && values.length === 1 ? values : undefined;
      },
      { what: 'the completion to offer visible-notes.md and none of the ignored files', timeoutMs: 15_000, intervalMs: 500 },
    );
    assert.deepEqual(offered, [`${scratch.slice(root().length + 1)}/ignoring/visible-notes.md`]);
    const folders = rid('ignoredFolder');
    await fromWebview({ type: 'context/query', requestId: folders, kind: 'folder', query: 'ignoring' });
    const reply = await waitFor(
      async () => (await posted()).find((m): m is Extract<ChatHostMessage, { type: 'context/suggestions' }> => m.type === 'context/suggestions' && m.requestId === folders),
      { what: 'folder suggestions' },
    );
    assert.ok(!reply.items.some((i) => i.value.endsWith('/ignoring/hidden')), JSON.stringify(reply.items));
  });

  it('#symbol completion lists a real function of samples/src/cart.ts when another symbol provider throws or answers nothing, and attaches its code', async () => {
    const cart = vscode.Uri.file(join(root(), 'src', 'cart.ts'));
    const source = (await vscode.workspace.openTextDocument(cart)).getText().split('\n');
    // The functions of cart.ts where they really are, as a language server would report them; the
    // TypeScript server itself is not waited for, since on a loaded machine it may index late.
    const functions = source.flatMap((line, i) => {
      const name = /^export function (\w+)/.exec(line)?.[1];
      if (!name) return [];
      const end = source.findIndex((l, j) => j > i && l === '}');
      return [new vscode.SymbolInformation(name, vscode.SymbolKind.Function, '', new vscode.Location(cart, new vscode.Range(i, 0, end, 1)))];
    });
    assert.ok(functions.some((f) => f.name === 'cartTotal'));
    const providers = [
      vscode.languages.registerWorkspaceSymbolProvider({ provideWorkspaceSymbols: () => Promise.reject(new Error('a broken symbol provider')) }),
      vscode.languages.registerWorkspaceSymbolProvider({ provideWorkspaceSymbols: () => undefined }),
      vscode.languages.registerWorkspaceSymbolProvider({ provideWorkspaceSymbols: (query) => functions.filter((f) => f.name.toLowerCase().includes(query.toLowerCase())) }),
    ];
    try {
      const suggestions = async (query: string) => {
        const id = rid('symbol');
        await fromWebview({ type: 'context/query', requestId: id, kind: 'symbol', query });
        return (
          await waitFor(
            async () => (await posted()).find((m): m is Extract<ChatHostMessage, { type: 'context/suggestions' }> => m.type === 'context/suggestions' && m.requestId === id),
            { what: `suggestions for ${query}` },
          )
        ).items;
      };
      assert.deepEqual(await suggestions('zzNoSuchSymbolAnywhere'), [], 'an empty list, not an error');
      const items = await suggestions('cartTotal');
      const item = items.find((i) => i.value === 'src/cart.ts#9-12#cartTotal');
      assert.ok(item, `cartTotal (lines 9–12) is offered beside the broken providers: ${JSON.stringify(items)}`);
      assert.equal(item.label, 'cartTotal');
      assert.equal(item.kind, 'symbol');
      assert.match(item.detail ?? '', /^Function · src\/cart\.ts$/);
      const symbol = await attach(rid('symbol'), { type: 'context/add', kind: 'symbol', value: item.value });
      assert.equal(symbol.path, 'src/cart.ts');
      assert.match(
        symbol.code,
        /function cartTotal\(items: LineItem\[\], discountPercent = 0\): number \{\n[^]*return Math\.round\(gross \* \(1 - discountPercent \/ 100\)\);\n\}$/,
      );
      assert.ok(!symbol.code.includes('medianUnitPrice'), 'only the function, not the file');
      await fromWebview({ type: 'context/remove', id: symbol.id });
    } finally {
      for (const d of providers) d.dispose();
    }
  });

  it('#terminal says why there is no output to attach: no terminal open, then a terminal without shell integration', async () => {
    const terminalRefusal = async () => {
      const id = rid('terminal');
      await fromWebview({ type: 'context/add', requestId: id, kind: 'terminal' });
      const reply = await replyTo(id);
      assert.equal(reply.type, 'context/refused', JSON.stringify(reply));
      return (reply as { reason: string }).reason;
    };
    for (const t of vscode.window.terminals) t.dispose();
    await waitFor(() => vscode.window.terminals.length === 0, { what: 'the terminals to close' });
    assert.match(await terminalRefusal(), /^No terminal output to attach: no terminal is open\. Run the command in a terminal/);
    // An extension's own terminal (a pseudoterminal) never has shell integration.
    const written = new vscode.EventEmitter<string>();
    const terminal = vscode.window.createTerminal({
      name: 'ctx-test-pty',
      pty: { onDidWrite: written.event, open: () => written.fire('hello from a pseudoterminal\r\n'), close: () => undefined },
    });
    try {
      await waitFor(() => vscode.window.terminals.includes(terminal), { what: 'the terminal to open' });
      assert.match(await terminalRefusal(), /^No terminal output to attach: the open terminal has no shell integration, so its output cannot be read\./);
    } finally {
      terminal.dispose();
      written.dispose();
    }
  });
});
