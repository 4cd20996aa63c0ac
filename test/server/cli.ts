/**
 * Runs the local Anthropic-compatible server until SIGTERM/SIGINT:
 *   tsx test/server/cli.ts --port 0 --key K [--host 127.0.0.1] [--demo]
 * Prints one JSON line, {"url":...,"port":...,"apiKey":...}, on stdout once listening.
 */
import { demoScenario, startMockAnthropicServer } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const server = await startMockAnthropicServer({
    port: Number(arg('port') ?? 0),
    host: arg('host') ?? '127.0.0.1',
    apiKey: arg('key'),
    defaultScenario: process.argv.includes('--demo') ? demoScenario : undefined,
    demo: process.argv.includes('--demo'),
  });
  process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port, apiKey: server.apiKey })}\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
