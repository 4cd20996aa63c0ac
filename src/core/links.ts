/** Schemes a link in model output may open. Anything else (javascript:, command:, file:, vscode:) is refused. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** Returns the normalised URL if a link from model output is safe to open outside VS Code. */
export function safeExternalUrl(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return undefined;
  }
  if (!SAFE_SCHEMES.has(url.protocol)) return undefined;
  if (url.protocol !== 'mailto:' && !url.hostname) return undefined;
  return url.toString();
}

/** Splits `src/app.ts:12:3` into a path and an optional 1-based line. */
export function parseFileReference(reference: string): { path: string; line?: number } {
  const match = /^(.*?)(?::(\d+))?(?::\d+)?$/.exec(reference.trim());
  const path = match?.[1] || reference.trim();
  const line = match?.[2] ? Number(match[2]) : undefined;
  return { path, line };
}

/** True when a base URL points at this machine, as the offline demo and the tests do. */
export function isLoopbackUrl(baseUrl: string | undefined): boolean {
  if (!baseUrl) return false;
  try {
    const host = new URL(baseUrl).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}
