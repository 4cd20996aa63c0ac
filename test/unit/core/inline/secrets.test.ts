import * as assert from 'node:assert/strict';
import { describeFindings, detectSecrets, looksRandom, sensitiveFileLabel } from '../../../../src/core/inline/secrets';

// Key-shaped strings are assembled at run time from a seeded generator, so this file holds
// no literal that secret scanners (or this detector) would flag in the repository itself.
function randomToken(length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', seed = 7): string {
  let state = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    // mulberry32: good enough spread that every alphabet size gets a random-looking mix.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out += alphabet[((t ^ (t >>> 14)) >>> 0) % alphabet.length];
  }
  return out;
}
const upperDigits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const kinds = (text: string, file?: string) => detectSecrets(text, file).map((f) => f.kind);

describe('Secret detector', () => {
  describe('finds', () => {
    const cases: Array<[string, string, string]> = [
      ['an Anthropic key', `const key = "${'sk-' + 'ant-api03-' + randomToken(40)}";`, 'anthropic-key'],
      ['an OpenAI key', `OPENAI = '${'sk-' + 'proj-' + randomToken(48)}'`, 'openai-key'],
      ['an AWS access key id', `aws_access_key_id = ${'AK' + 'IA' + randomToken(16, upperDigits)}`, 'aws-access-key'],
      ['an AWS secret key', `aws_secret_access_key = ${randomToken(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+')}`, 'aws-secret-key'],
      ['a GitHub token', `token: ${'gh' + 'p_' + randomToken(36)}`, 'github-token'],
      ['a Slack token', `SLACK = "${'xo' + 'xb-' + '1234567890-' + randomToken(24)}"`, 'slack-token'],
      ['a PEM private key', `${'-----BEGIN ' + 'RSA PRIVATE KEY-----'}\nMIIEow...\n-----END RSA PRIVATE KEY-----`, 'private-key'],
      ['an OpenSSH private key', `${'-----BEGIN ' + 'OPENSSH PRIVATE KEY-----'}`, 'private-key'],
      ['a password literal', 'db = connect(host, password="hunter2!x")', 'password'],
      ['a password in JSON', '{ "user": "admin", "password": "S3cr3t-Pa55" }', 'password'],
      ['a random value assigned to *_SECRET', `CLIENT_SECRET = "${randomToken(32)}"`, 'assigned-secret'],
      ['a random value assigned to *_TOKEN in .env style', `STRIPE_TOKEN=${randomToken(28)}`, 'assigned-secret'],
      ['a random value assigned to apiKey', `const apiKey = '${randomToken(24)}';`, 'assigned-secret'],
      ['a hex key assigned to *_KEY', `MAPS_API_KEY = "${randomToken(32, '0123456789abcdef')}"`, 'assigned-secret'],
    ];
    for (const [what, text, kind] of cases) {
      it(`${what}`, () => assert.ok(kinds(text).includes(kind as never), `${kinds(text).join(',') || 'nothing'} in ${text.slice(0, 60)}`));
    }

    it('files that hold secrets by name: .env, *.pem, id_rsa', () => {
      assert.deepEqual(kinds('PORT=3000', '.env'), ['sensitive-file']);
      assert.deepEqual(kinds('PORT=3000', 'config/.env.local'), ['sensitive-file']);
      assert.ok(sensitiveFileLabel('certs/server.pem'));
      assert.ok(sensitiveFileLabel('/home/me/.ssh/id_rsa'));
      assert.ok(sensitiveFileLabel('C:\\Users\\me\\.ssh\\id_ed25519'));
      assert.equal(sensitiveFileLabel('src/environment.ts'), undefined);
      assert.equal(sensitiveFileLabel('src/keyboard.ts'), undefined);
    });

    it('the line a secret is on, without repeating the secret', () => {
      const key = 'sk-' + 'ant-api03-' + randomToken(40);
      const findings = detectSecrets(`a = 1\nb = 2\nkey = "${key}"\n`);
      assert.deepEqual(
        findings.map((f) => f.line),
        [3],
      );
      const sentence = describeFindings(findings);
      assert.equal(sentence, 'This looks like it contains an Anthropic API key (line 3).');
      assert.ok(!sentence.includes(key));
    });
  });

  describe('stays quiet on ordinary code', () => {
    const ordinary: Array<[string, string]> = [
      ['reading a key from the environment', 'const apiKey = process.env.ANTHROPIC_API_KEY;'],
      ['config lookups', 'API_KEY = os.environ["API_KEY"]\nSECRET_KEY = settings.get("secret_key")'],
      ['constants named like tokens', 'const MAX_TOKENS = 4096;\nconst TOKEN_LIMIT = 12000;\nexport const CACHE_KEY = "user-profile-settings-v2";'],
      ['token types and keyword maps', "type TokenKind = 'word' | 'number';\nconst SORT_KEY = 'createdAt';\nconst primaryKey = 'id';"],
      ['password fields and prompts', 'const passwordLabel = "Enter your password";\nif (password === confirmPassword) save(password);\nconst pwd = await ask("Password:");'],
      ['placeholder passwords', 'password: "changeme"\npassword = "<password>"\npassword: "${DB_PASSWORD}"\npassword = "********"'],
      ['a redaction pattern mentioning sk-ant', 'const KEY_PATTERN = /\\bsk-ant-[A-Za-z0-9_-]{8,}/g;'],
      [
        'a UUID and a long camelCase identifier',
        'const requestId = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";\nconst handleKeyboardShortcutRegistration = registerKeyboardShortcutHandler;',
      ],
      ['test names and base64-free prose', 'it("refreshes the access token when it expires", async () => { await refreshToken(); });'],
      ['the BEGIN of a public key', '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE'],
      ['a task-key map', 'const keyMap = { save: "ctrl+s", open: "ctrl+o" };\nconst hotKey = "ctrl+shift+p";'],
    ];
    for (const [what, text] of ordinary) {
      it(what, () => assert.deepEqual(kinds(text), []));
    }

    it('a whole ordinary source file of this project', async () => {
      const { readFileSync } = await import('node:fs');
      for (const file of ['src/core/chat/chatController.ts', 'src/core/config.ts', 'src/vscode/streamRunner.ts', 'src/core/streaming/types.ts']) {
        assert.deepEqual(kinds(readFileSync(file, 'utf8'), file), [], file);
      }
    });
  });

  it('tells random-looking strings from words and identifiers', () => {
    assert.ok(looksRandom(randomToken(32)));
    assert.ok(!looksRandom('user-profile-settings-v2'));
    assert.ok(!looksRandom('SOME_CONSTANT_NAME_2'));
    assert.ok(!looksRandom('short1'));
    assert.ok(!looksRandom('abcdefghijklmnopqrstuvwxyz'), 'no digits');
  });
});
