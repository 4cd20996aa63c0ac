/**
 * Security in the real extension host: garbage from both webviews is rejected and logged and
 * runs nothing; a known API key never reaches a log, settings, storage or the webview, and a
 * 401 shows no part of it; a proxy-style gateway works and a wrong base URL fails clearly.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { askInChat, ourExtension, setSetting, sleep, useLocalServer, waitFor, type LocalServer } from './helpers';

const userDataDir = (): string => dirname(dirname(process.env.CLAUDE_STREAM_USER_SETTINGS ?? ''));

/** Every regular file below `dir` (symlinks are not followed: the extension folder links to the repo). */
function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) filesUnder(path, out);
    else if (stat.isFile() && stat.size < 50 * 1024 * 1024) out.push(path);
  }
  return out;
}

/** The "Claude Stream" output channel's log file in this VS Code's logs folder. */
function outputLog(): string | undefined {
  return filesUnder(join(userDataDir(), 'logs'))
    .filter((f) => /Claude Stream\.log$/.test(f))
    .sort()
    .pop();
}

/** Substrings of a key long enough to identify it (any 8 consecutive chars of its secret part). */
function keyParts(key: string): string[] {
  const secret = key.slice(key.lastIndexOf('-') + 1);
  return Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
}

async function listenGateway(target: string): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    if (!req.url?.startsWith('/anthropic/')) {
      res.writeHead(404).end('not behind this gateway');
      return;
    }
    const upstream = new URL(req.url.slice('/anthropic'.length), target);
    const forward = http.request(upstream, { method: req.method, headers: { ...req.headers, host: upstream.host } }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/anthropic`,
    hits,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('Security in the extension host', function () {
  this.timeout(60_000);
  let local: LocalServer;
  const restore: Array<() => Promise<void>> = [];

  before(async () => {
    await ourExtension().activate();
    local = await useLocalServer();
    restore.push(await setSetting('retry.backoffMs', 2), await setSetting('stream.idleTimeoutMs', 1000));
  });
  after(async () => {
    for (const undo of restore.reverse()) await undo();
    await local?.dispose();
  });

  it('rejects and logs garbage from the chat and Insights webviews, runs nothing, and keeps answering', async () => {
    await vscode.commands.executeCommand('claudeStream.newChat');
    const sentinel = `clipboard-${randomBytes(4).toString('hex')}`;
    await vscode.env.clipboard.writeText(sentinel);
    const terminals = vscode.window.terminals.length;
    const editor = vscode.window.activeTextEditor?.document.uri.toString();
    const huge = 'x'.repeat(1_000_001);
    const garbage: unknown[] = [
      null,
      42,
      'ready',
      [],
      [{ type: 'ready' }],
      {},
      { type: 42 },
      { type: { toString: 'x', valueOf: 'y' } },
      { type: 'error/action', action: 'setApiKey', extra: 1 },
      { type: 'error/action', action: 'runTerminal' },
      { type: 'code/action', action: 'copy', messageId: 'm1', code: 7 },
      { type: 'code/action', action: 'exec', messageId: 'm1', code: 'rm -rf /' },
      { type: 'link/open', href: huge },
      { type: 'prompt/submit', text: huge },
      { type: 'prompt/submit' },
      { type: 'file/open', path: '' },
      { type: 'model/select', model: 'claude; rm -rf /' },
      { type: 'history/open', conversationId: '../../etc' },
      JSON.parse('{"type":"stream/stop","__proto__":{"polluted":true}}'),
      { type: 'constructor' },
      { type: '__proto__' },
      { type: 'message/feedback', messageId: 'm1', value: 'meh' },
      { type: 'chat/new', now: true },
    ];
    for (let round = 0; round < 10; round++) {
      for (const raw of garbage) {
        await vscode.commands.executeCommand('claudeStream._test.chatReceive', raw);
        await vscode.commands.executeCommand('claudeStream._test.insightsMessage', raw);
      }
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(await vscode.env.clipboard.readText(), sentinel, 'no copy ran');
    assert.equal(vscode.window.terminals.length, terminals, 'no terminal opened');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor, 'no file opened');
    local.server.enqueue({ text: 'Still answering after the garbage.' });
    const answer = await askInChat('Are you still there?');
    assert.equal(answer.state, 'done');
    assert.equal(answer.text, 'Still answering after the garbage.');
    const log = await waitFor(
      () => {
        const file = outputLog();
        const text = file ? readFileSync(file, 'utf8') : '';
        return (text.match(/Insights: ignored a malformed message/g) ?? []).length >= garbage.length * 10 ? text : undefined;
      },
      { what: 'the rejections in the Claude Stream log', timeoutMs: 15_000 },
    );
    assert.ok((log.match(/Chat: ignored a malformed message/g) ?? []).length >= garbage.length * 10);
    assert.ok(!log.includes(huge.slice(0, 1000)), 'a huge string is not copied into the log');
  });

  it('keeps a known key out of every log, settings and storage file, and out of the webview, through chat, inline and a 401', async () => {
    const key = `sk-ant-hygiene-${randomBytes(16).toString('hex')}`;
    const wrong = `sk-ant-wrongkey-${randomBytes(16).toString('hex')}`;
    const keyed = await useLocalServer({ apiKey: key });
    try {
      await vscode.commands.executeCommand('claudeStream.setApiKey', { key });
      keyed.server.enqueue({ text: 'Chat with the known key.' });
      await vscode.commands.executeCommand('claudeStream.newChat');
      // The webview must be up to receive what the host posts; it is checked below.
      await waitFor(async () => (await vscode.commands.executeCommand<{ visible: boolean }>('claudeStream._test.chatPanel'))?.visible, {
        what: 'the chat panel to be ready',
      });
      assert.equal((await askInChat('First question')).state, 'done');
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the runner opens the samples folder');
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src/cart.ts'));
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      editor.selection = new vscode.Selection(0, 0, Math.min(5, document.lineCount - 1), 0);
      keyed.server.enqueue({ text: 'Inline answer with the known key.' });
      const asked = await vscode.commands.executeCommand<{ status: string; id?: string }>('claudeStream.askAboutSelection', { question: 'What is this?' });
      assert.equal(asked?.status, 'started');
      await waitFor(
        async () => {
          const threads = (await vscode.commands.executeCommand<Array<{ id: string; state: string }>>('claudeStream._test.inlineThreads')) ?? [];
          return threads.find((t) => t.id === asked?.id && t.state !== 'streaming');
        },
        { what: 'the inline answer' },
      );

      await vscode.commands.executeCommand('claudeStream.setApiKey', { key: wrong });
      const refused = await askInChat('And with a wrong key?');
      assert.equal(refused.state, 'error');
      const posted = JSON.stringify(await vscode.commands.executeCommand('claudeStream._test.chatPosted'));
      assert.match(posted, /API key was rejected/, 'the 401 is explained to the user');
      const threads = JSON.stringify(await vscode.commands.executeCommand('claudeStream._test.inlineThreads'));
      for (const part of [...keyParts(key), ...keyParts(wrong)]) {
        assert.ok(!posted.includes(part), `the chat webview was sent part of a key (${part})`);
        assert.ok(!threads.includes(part), 'an inline thread shows part of a key');
      }
      await sleep(1500); // the log channel writes its file asynchronously
      assert.ok(outputLog(), `no Claude Stream log under ${userDataDir()}/logs`);
      const leaks: string[] = [];
      const files = filesUnder(dirname(userDataDir()));
      for (const file of files) {
        const text = readFileSync(file, 'latin1');
        if (text.includes(key) || text.includes(wrong)) leaks.push(file.slice(dirname(userDataDir()).length));
      }
      console.log(`      scanned ${files.length} files (logs, settings, workspace and global storage, home); key found in: ${leaks.join(', ') || 'none'}`);
      assert.ok(files.length > 10, `only ${files.length} files scanned`);
      // code-server keeps SecretStorage out of these folders, so no file may hold the key at all.
      assert.deepEqual(leaks, []);
    } finally {
      await vscode.commands.executeCommand('claudeStream.removeApiKey');
      await keyed.dispose();
    }
  });

  it('shows hostile model output in an inline thread as untrusted markdown: no command links, no HTML', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the runner opens the samples folder');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src/cart.ts'));
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    editor.selection = new vscode.Selection(0, 0, Math.min(4, document.lineCount - 1), 0);
    const hostile =
      'Run [this](command:workbench.action.terminal.new) or [that](command:claudeStream.removeApiKey).\n\n<img src=x onerror=alert(1)><script>alert(2)</script> $(alert) done.';
    local.server.enqueue({ text: hostile });
    const terminals = vscode.window.terminals.length;
    const asked = await vscode.commands.executeCommand<{ status: string; id?: string }>('claudeStream.askAboutSelection', { question: 'Explain' });
    assert.equal(asked?.status, 'started');
    type View = { id: string; state: string; answer: string; bodies: Array<{ kind: string; isTrusted?: unknown; supportHtml?: boolean; supportThemeIcons?: boolean }> };
    const view = await waitFor(
      async () => {
        const threads = (await vscode.commands.executeCommand<View[]>('claudeStream._test.inlineThreads')) ?? [];
        return threads.find((t) => t.id === asked?.id && t.state !== 'streaming');
      },
      { what: 'the inline answer' },
    );
    assert.equal(view.state, 'done');
    assert.equal(view.answer, hostile, 'the answer is shown, as text');
    assert.ok(view.bodies.length >= 2, 'question and answer comments');
    for (const body of view.bodies) {
      assert.equal(body.kind, 'markdown');
      assert.equal(body.isTrusted, false, 'command links in model output are not enabled');
      assert.notEqual(body.supportHtml, true, 'raw HTML is not rendered');
      assert.notEqual(body.supportThemeIcons, true, 'no $(icon) syntax');
    }
    assert.equal(vscode.window.terminals.length, terminals);
  });

  it('streams through a proxy-style gateway under a path prefix', async () => {
    const gateway = await listenGateway(local.server.url);
    const undo = await setSetting('baseUrl', gateway.url);
    try {
      local.server.enqueue({ text: 'Answered through the gateway.', delayMs: 2 });
      const answer = await askInChat('Via the gateway?');
      assert.equal(answer.state, 'done', answer.error);
      assert.equal(answer.text, 'Answered through the gateway.');
      assert.ok(
        gateway.hits.some((h) => h === 'POST /anthropic/v1/messages'),
        gateway.hits.join(', '),
      );
    } finally {
      await undo();
      await gateway.close();
    }
  });

  for (const [name, open] of [
    [
      'a closed port',
      async () => {
        const probe = net.createServer();
        await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
        const { port } = probe.address() as net.AddressInfo;
        await new Promise<void>((r) => probe.close(() => r()));
        return { url: `http://127.0.0.1:${port}`, close: async () => {} };
      },
    ],
    [
      'a port that does not speak HTTP',
      async () => {
        const sockets = new Set<net.Socket>();
        const server = net.createServer((socket) => {
          sockets.add(socket);
          socket.end('SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n');
        });
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        const { port } = server.address() as net.AddressInfo;
        // The client may keep its half of a refused socket open; close() would wait for it.
        return {
          url: `http://127.0.0.1:${port}`,
          close: () =>
            new Promise<void>((r) => {
              sockets.forEach((s) => s.destroy());
              server.close(() => r());
            }),
        };
      },
    ],
  ] as const) {
    it(`fails with a clear error, not a hang, when the base URL is ${name}`, async () => {
      const target = await open();
      const undo = await setSetting('baseUrl', target.url);
      try {
        const started = Date.now();
        const answer = await askInChat(`Anyone at ${name}?`, 20_000);
        assert.equal(answer.state, 'error');
        assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
        const posted = (await vscode.commands.executeCommand<Array<{ message: { type: string; error?: { message: string } } }>>('claudeStream._test.chatPosted')) ?? [];
        const error = posted
          .map((p) => p.message)
          .filter((m) => m.type === 'stream/end')
          .pop()?.error;
        assert.match(error?.message ?? '', /reach|connection|dropped|closed/i, `the error says what failed: ${error?.message}`);
      } finally {
        await undo();
        await target.close();
      }
    });
  }
});
