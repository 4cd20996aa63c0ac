import * as assert from 'node:assert/strict';
import { dropTarget, remoteNameOf } from '../../../../src/core/context/dropUris';

describe('workspace context: where a dropped file lives', () => {
  it('opens a file: URI as it is, in a local or a remote window', () => {
    assert.deepEqual(dropTarget('file:///work/app/src/cart.ts', undefined), { ok: true, kind: 'uri', uri: 'file:///work/app/src/cart.ts' });
    assert.deepEqual(dropTarget(' file:///c%3A/app/cart.ts\r', 'ssh-remote'), { ok: true, kind: 'uri', uri: 'file:///c%3A/app/cart.ts' });
  });

  it("maps code-server's vscode-remote://host:port/… to the same path on this host, still percent-encoded", () => {
    assert.deepEqual(dropTarget('vscode-remote://127.0.0.1:35389/work/samples/src/retry.ts', '127.0.0.1:35389'), {
      ok: true,
      kind: 'uri',
      uri: 'file:///work/samples/src/retry.ts',
    });
    assert.deepEqual(dropTarget('vscode-remote://localhost:8080/home/me/my%20notes.md?x#y', 'LOCALHOST:8080'), { ok: true, kind: 'uri', uri: 'file:///home/me/my%20notes.md' });
  });

  it('maps an SSH or container remote by its name, the authority up to the first +', () => {
    assert.equal(remoteNameOf('ssh-remote+build-box'), 'ssh-remote');
    assert.equal(remoteNameOf('127.0.0.1:35389'), '127.0.0.1:35389');
    assert.deepEqual(dropTarget('vscode-remote://ssh-remote%2Bbuild-box/home/me/app/main.go', 'ssh-remote'), { ok: true, kind: 'uri', uri: 'file:///home/me/app/main.go' });
  });

  it('takes an absolute path from an OS drop, POSIX or Windows', () => {
    assert.deepEqual(dropTarget('/work/app/src/cart.ts', undefined), { ok: true, kind: 'path', path: '/work/app/src/cart.ts' });
    assert.deepEqual(dropTarget('C:\\app\\cart.ts', undefined), { ok: true, kind: 'path', path: 'C:\\app\\cart.ts' });
    assert.deepEqual(dropTarget('\\\\server\\share\\cart.ts', undefined), { ok: true, kind: 'path', path: '\\\\server\\share\\cart.ts' });
  });

  it('refuses a file on another remote, or a remote URI in a local window, naming where it is', () => {
    for (const remote of ['dev-container', undefined]) {
      const target = dropTarget('vscode-remote://ssh-remote%2Bbuild-box/home/me/app/main.go', remote);
      assert.equal(target.ok, false);
      assert.equal(
        !target.ok && target.reason,
        '/home/me/app/main.go is on ssh-remote+build-box, not where this workspace is open; only files in the open folders can be attached.',
      );
    }
  });

  it('refuses what is not a file on disk, and what is not a URI at all', () => {
    assert.deepEqual(dropTarget('untitled:Untitled-1', undefined), { ok: false, reason: 'untitled:Untitled-1 is not a file on disk.' });
    assert.deepEqual(dropTarget('https://example.com/cart.ts', '127.0.0.1:8080'), { ok: false, reason: 'https://example.com/cart.ts is not a file on disk.' });
    assert.deepEqual(dropTarget('vscode-vfs://github/me/app/cart.ts', undefined), { ok: false, reason: 'vscode-vfs://github/me/app/cart.ts is not a file on disk.' });
    assert.deepEqual(dropTarget('cart.ts', undefined), { ok: false, reason: 'cart.ts is not a file URI.' });
  });
});
