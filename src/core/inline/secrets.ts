/** What kind of secret a finding looks like. */
type SecretKind =
  'anthropic-key' | 'openai-key' | 'aws-access-key' | 'aws-secret-key' | 'github-token' | 'slack-token' | 'private-key' | 'password' | 'assigned-secret' | 'sensitive-file';

/** One thing that looks like a secret. Never carries the secret itself. */
export interface SecretFinding {
  kind: SecretKind;
  /** Human words for the warning, e.g. "an AWS access key". */
  label: string;
  /** 1-based line within the scanned text; absent for a sensitive file name. */
  line?: number;
}

interface Rule {
  kind: SecretKind;
  label: string;
  pattern: RegExp;
  /** Extra check on the match, to keep ordinary code from tripping the rule. */
  accept?(match: RegExpExecArray): boolean;
}

/** Bits of Shannon entropy per character; random keys score 4+, words and identifiers far less. */
function shannonEntropy(text: string): number {
  if (text === '') return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * True for strings that look machine-generated: long, high entropy, mixing letters and
 * digits, and not a run of words (`user-profile-settings-v2`, `SOME_CONSTANT_NAME`).
 */
export function looksRandom(value: string): boolean {
  if (value.length < 16) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (/^(?:[A-Za-z]+[-_.])+[A-Za-z0-9]*$/.test(value)) return false;
  // Hex keys top out at 4 bits per char, so they get their own rule: 32+ hex digits assigned to a secret name.
  if (/^[0-9a-f]{32,}$/i.test(value)) return true;
  return shannonEntropy(value) >= (value.length >= 32 ? 4.0 : 3.6);
}

const PLACEHOLDER = /^(?:x+|\*+|\.+|changeme|change_me|password|passwd|secret|example|test|dummy|placeholder|your[-_ ]?\w*|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\})$/i;

const RULES: readonly Rule[] = [
  { kind: 'private-key', label: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  { kind: 'anthropic-key', label: 'an Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  {
    kind: 'openai-key',
    label: 'an OpenAI API key',
    pattern: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}/g,
    accept: (m) => looksRandom(m[0].replace(/^sk-(?:proj-|svcacct-|admin-)?/, '')),
  },
  { kind: 'aws-access-key', label: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  {
    kind: 'aws-secret-key',
    label: 'an AWS secret access key',
    pattern: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
  },
  { kind: 'github-token', label: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/g },
  {
    kind: 'slack-token',
    label: 'a Slack token',
    pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/g,
  },
  {
    kind: 'password',
    label: 'a password',
    // A literal assigned to a key named exactly password/passwd/pwd (not passwordLabel, not a lookup).
    pattern: /(?<![A-Za-z0-9_])["']?(?:password|passwd|pwd)["']?\s*(?::=|=|:)\s*(["'`])([^"'`\s]{4,})\1/gi,
    accept: (m) => !PLACEHOLDER.test(m[2]),
  },
  {
    kind: 'assigned-secret',
    label: 'a secret value',
    // NAME_KEY / NAME_SECRET / NAME_TOKEN (or apiKey, clientSecret, authToken) = "high-entropy literal".
    pattern:
      /(?<![A-Za-z0-9_])["']?((?:[A-Za-z0-9]+[_-])*(?:KEY|SECRET|TOKEN)|[a-z][A-Za-z0-9]*(?:Key|Secret|Token)|(?:[a-z0-9]+_)*(?:key|secret|token))["']?\s*(?::=|=|:)\s*["'`]?([A-Za-z0-9+/=_-]{16,})/g,
    accept: (m) => looksRandom(m[2]),
  },
];

const SENSITIVE_FILES: ReadonlyArray<[RegExp, string]> = [
  [/(?:^|\/)\.env(?:\.[^/]*)?$/i, 'an environment file (.env)'],
  [/\.(?:pem|key|p12|pfx|jks|keystore)$/i, 'a key or certificate file'],
  [/(?:^|\/)id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?$/, 'an SSH key file'],
  [/(?:^|\/)\.aws\/credentials$|(?:^|\/)\.(?:netrc|npmrc|pypirc)$/i, 'a credentials file'],
];

/** Why a file name alone suggests secrets, or undefined when it does not. */
export function sensitiveFileLabel(path: string): string | undefined {
  const normalised = path.replace(/\\/g, '/');
  for (const [pattern, label] of SENSITIVE_FILES) if (pattern.test(normalised)) return label;
  return undefined;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Finds what looks like a secret in text about to be sent (and in its file's name), so the
 * user is asked first. Tuned for few false positives on ordinary code: key-shaped tokens
 * must match a vendor format, and generic assignments must hold a high-entropy literal.
 * At most one finding per line.
 */
export function detectSecrets(text: string, fileName?: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  // One finding per line: the rules run from specific to generic, so the vendor name wins.
  const seen = new Set<number>();
  const fileLabel = fileName ? sensitiveFileLabel(fileName) : undefined;
  if (fileLabel) findings.push({ kind: 'sensitive-file', label: fileLabel });
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(text); m; m = rule.pattern.exec(text)) {
      if (rule.accept && !rule.accept(m)) continue;
      const line = lineAt(text, m.index);
      if (seen.has(line)) continue;
      seen.add(line);
      findings.push({ kind: rule.kind, label: rule.label, line });
    }
  }
  return findings;
}

/** One sentence for the confirmation dialog, e.g. "This looks like it contains an AWS access key (line 3)." */
export function describeFindings(findings: readonly SecretFinding[]): string {
  const parts = findings.slice(0, 3).map((f) => (f.line ? `${f.label} (line ${f.line})` : f.label));
  const more = findings.length > 3 ? ` and ${findings.length - 3} more` : '';
  return `This looks like it contains ${parts.join(', ')}${more}.`;
}
