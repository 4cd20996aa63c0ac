import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startMockAnthropicServer, type MockAnthropicServer } from '../../server';
import type { SlowWebviewFigures } from './support/slowWebviewChild';

const TOKENS = 1_000_000;
/**
 * Host heap growth allowed while a 1,000,000-token answer (4 MB of text) streams: the answer
 * itself is held a few times over (service, controller, conversation), plus a fixed amount.
 */
const HEAP_BOUND_MB = 96;

describe('backpressure: a 1,000,000-token answer from the local server', function () {
  this.timeout(300_000);
  let server: MockAnthropicServer;
  before(async () => {
    server = await startMockAnthropicServer();
  });
  after(async () => {
    await server.close();
  });

  it('reaches a slow webview whole, with at most one delta in flight and host memory under a fixed bound', async () => {
    // Exactly TOKENS deltas of 4 characters each, as fast as the server can send them.
    const answer = Array.from({ length: TOKENS }, (_, i) => `w${(i % 97).toString().padStart(2, '0')} `).join('');
    server.enqueue({ text: answer, tokenChars: 4, delayMs: 0 });
    const child = join(__dirname, 'support', 'slowWebviewChild.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', child, server.url, server.apiKey, '20'], {
      maxBuffer: 1024 * 1024,
    });
    const f = JSON.parse(stdout.trim().split('\n').at(-1)!) as SlowWebviewFigures;
    console.log(
      `      ${TOKENS} tokens in ${f.seconds.toFixed(1)} s; ${f.deltaPosts} delta posts to a webview taking 20 ms each; ` +
        `peak heap growth ${f.peakHeapGrowthMB.toFixed(1)} MB, ${f.retainedHeapMB.toFixed(1)} MB after the answer (answer ${(answer.length / 1e6).toFixed(1)} MB)`,
    );
    assert.equal(server.requests.length, 1, 'one request, no retries');
    assert.equal(f.outputTokens, TOKENS);
    assert.equal(f.state, 'done');
    assert.equal(f.answerLength, answer.length);
    assert.equal(f.endLength, answer.length, 'the end message carries the whole answer');
    assert.ok(f.deltaTextLength > 0 && f.deltaTextIsPrefix, 'the deltas the webview took are the start of the answer, in order');
    assert.equal(f.maxTextInFlight, 1, 'never more than one delta waits for the webview');
    assert.ok(f.deltaPosts < 5000, `a slow webview gets merged deltas, not one per batch (${f.deltaPosts})`);
    assert.ok(f.peakHeapGrowthMB < HEAP_BOUND_MB, `peak heap growth ${f.peakHeapGrowthMB.toFixed(1)} MB stays under ${HEAP_BOUND_MB} MB`);
  });
});
