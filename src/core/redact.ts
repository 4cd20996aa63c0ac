/** Anthropic keys and bearer-token-like strings, wherever they appear in a message. */
const KEY_PATTERN = /\bsk-ant-[A-Za-z0-9_-]{6,}|\b(?:x-api-key|authorization)\s*[:=]\s*["']?(?:Bearer\s+)?[^\s"',}]{6,}/gi;

/**
 * Removes API keys from text bound for logs, error messages or the webview. Known keys
 * are removed exactly, wherever they appear; key-shaped strings are removed by pattern.
 */
export function redactSecrets(text: string, knownSecrets: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  return out.replace(KEY_PATTERN, '[redacted]');
}
