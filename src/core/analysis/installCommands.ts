/**
 * Install and remove commands in prose (`npm i -D vitest`, `pip install "numpy>=1.26,<2"`,
 * `cargo remove serde`): the packages they name, past their flags, up to the end of the
 * list; and a pinned package read as the package and its version.
 */
import type { EntitySpan, ScoredSpan } from './entities';
import type { LazyTags } from './partsOfSpeech';
import { stopWordsFor } from './stopWords';
import { STOP_WORDS } from './commonWords';

/** A command that installs or removes the packages named after it (any flags in between). */
const INSTALL =
  /\b(?:(?:npm|pnpm|yarn|bun|deno)\s+(?:install|i|add|uninstall|un|remove|rm)|yarn\s+global\s+add|pip[x3]?\s+(?:un)?install|python3?\s+-m\s+pip\s+(?:un)?install|uv\s+(?:add|remove|pip\s+(?:un)?install)|poetry\s+(?:add|remove)|(?:conda|mamba)\s+(?:install|remove)|cargo\s+(?:add|install|remove)|gem\s+(?:un)?install|go\s+(?:get|install)|brew\s+(?:install|reinstall|uninstall)|(?:apt|apt-get|dnf|yum|zypper|snap|choco|winget|scoop)\s+(?:install|remove|purge)|apk\s+(?:add|del)|pacman\s+-S[a-z]*|composer\s+(?:global\s+)?(?:require|remove)|dotnet\s+add\s+package|nuget\s+install)(?=\s)/g;
/** A package name as an installer takes it: `express`, `@types/node`, `gcc-c++`, `lodash@4`, `requests>=2`, `github.com/x/y@latest`. */
const PACKAGE_ARG = /^(?:@[\w.-]+\/)?[A-Za-z0-9][\w.+-]*(?:\/[\w.-]+)*(?:@[\w.^~*-]+|(?:==|>=|<=|~=|>|<|=)[\w.*]+(?:,(?:==|>=|<=|~=|!=|>|<)[\w.*]+)*)?$/;
/** A version given on its own after the packages' flags (`gem install rails -v 7.1.3`): the version rule takes it. */
const BARE_VERSION = /^v?\d+(?:\.\d+)*$/;
/** Installer flags that take a value, which is no package: `-r requirements.txt`, `--features derive`. */
const FLAG_WITH_VALUE = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '--features',
  '-F',
  '--prefix',
  '--registry',
  '--target',
  '--channel',
  '--source',
  '--version',
  '--tag',
]);
/** Words after an install command that end its list of packages: "npm install express cors to get started". */
const END_OF_PACKAGES = new Set([
  'works',
  'worked',
  'installs',
  'installed',
  'fails',
  'failed',
  'adds',
  'added',
  'pulls',
  'gives',
  'takes',
  'fixes',
  'fixed',
  'helps',
  'first',
  'globally',
  'locally',
  'instead',
  'inside',
  'afterwards',
  'later',
  'manually',
  'successfully',
  'command',
  'package',
  'packages',
  'everything',
  'everywhere',
  'again',
  'next',
  'already',
  'yourself',
  'today',
  'tomorrow',
  'tonight',
  'soon',
  'anyway',
]);
/** Past forms that end no "-ed": "pip install x broke the build". */
const IRREGULAR_PAST = new Set([
  'broke',
  'took',
  'made',
  'gave',
  'ran',
  'went',
  'got',
  'came',
  'did',
  'had',
  'cut',
  'kept',
  'left',
  'put',
  'set',
  'shook',
  'threw',
  'wrote',
  'built',
  'brought',
  'caught',
  'won',
  'lost',
  'sped',
]);

/**
 * A word after the packages that is the sentence's verb, not one more package: "npm i dayjs
 * shaved 200 KB", "gem install rails saves time". A package may be a noun ("requests") or
 * even a verb ("make"), so only a verb in a verb's form ends the list.
 */
function endsTheList(word: string, pos: string | undefined): boolean {
  if (pos === 'ADV' && /^[a-z]+ly$/.test(word)) return true; // "poetry add x quietly pulls in…"
  return pos === 'VERB' && (/^[a-z]+(?:ed|s)$/.test(word) || IRREGULAR_PAST.has(word));
}

const FILE_ARG = /\.(?:txt|toml|lock|json|whl|tar\.gz|tgz|zip|yml|yaml|cfg|in)$/i;

/**
 * The packages an install command names: every one of `npm install express cors dotenv` or
 * `pip install numpy pandas`, past flags, up to the sentence's end or its next word (a stop
 * word of the sentence's language ends the list too: "Führe npm install express aus"). The
 * command itself is claimed: its `npm` or `pip` is the tool at work, not a product named.
 */
export function installSpans(text: string, language: string, tags: LazyTags): ScoredSpan[] {
  const stop = stopWordsFor(language);
  const out: ScoredSpan[] = [];
  INSTALL.lastIndex = 0;
  for (const m of text.matchAll(INSTALL)) {
    const from = (m.index ?? 0) + m[0].length;
    out.push({ start: m.index ?? 0, end: from, text: m[0], type: 'package', priority: 8, claim: true });
    const rest = text.slice(from);
    const tokens = rest.matchAll(/\S+/g);
    let skipValue = false;
    let last = 0;
    let named = 0;
    for (const t of tokens) {
      const gap = rest.slice(last, t.index);
      last = (t.index ?? 0) + t[0].length;
      if (/\n/.test(gap)) break;
      let raw = t[0];
      if (skipValue) {
        skipValue = false;
        continue;
      }
      if (raw.startsWith('-')) {
        skipValue = FLAG_WITH_VALUE.has(raw);
        continue;
      }
      const lead = /^['"`]*/.exec(raw)?.[0].length ?? 0;
      raw = raw.slice(lead);
      // A quote that closes the argument it opened ends only the argument (`"numpy>=1.26,<2"`);
      // any other closing quote or backtick ends the command, as sentence punctuation does.
      const unquoted = lead > 0 ? raw.replace(/['"]+$/, '') : raw;
      const core = unquoted.replace(/['"`]*[.,;:!?)]*['"`]*$/, '');
      const ended = core.length < unquoted.length;
      const lower = core.toLowerCase();
      if (BARE_VERSION.test(core) && !ended) continue;
      if (!core || STOP_WORDS.has(lower) || (language !== 'en' && stop.has(lower)) || END_OF_PACKAGES.has(lower) || FILE_ARG.test(core) || !PACKAGE_ARG.test(core)) break;
      const start = from + (t.index ?? 0) + lead;
      if (named > 0 && (/^\p{Lu}{2,}$/u.test(core) || (language === 'en' && endsTheList(core, tags.at(start)?.pos)))) break;
      out.push({ start, end: start + core.length, text: core, type: 'package', priority: 8 });
      named += 1;
      if (ended) break;
    }
  }
  return out;
}

/**
 * A package pinned to a version: `lodash@4.17.21`, `@types/node@20`, `numpy==1.26.4`,
 * `requests>=2.31`, conda's `scipy=1.11`, `github.com/x/y@v1.2.0`, `express@^4.18`. Group 1 is the package, group
 * 2 the version without its range operator; a dist-tag (`@latest`, `@next`) is no version.
 */
const PINNED = /^((?:@[\w.-]+\/)?[^@=<>~!\s]+)(?:@|==|>=|<=|~=|>|<|=)[\^~=]?(v?\d[\w.*+-]*)?[\w.,<>=!-]*$/;

/**
 * A pinned package is two entities, the package and its version: "lodash@4.17.21" counts
 * as a mention of lodash, with the others, and its version reads on its own.
 */
export function splitPinned(span: EntitySpan): EntitySpan[] {
  if (span.type !== 'package') return [span];
  const m = PINNED.exec(span.text);
  if (!m || m[1].length === span.text.length) return [span];
  const name: EntitySpan = { start: span.start, end: span.start + m[1].length, text: m[1], type: 'package' };
  if (!m[2]) return [name];
  const at = span.text.indexOf(m[2], m[1].length);
  return [name, { start: span.start + at, end: span.start + at + m[2].length, text: m[2], type: 'version' }];
}
