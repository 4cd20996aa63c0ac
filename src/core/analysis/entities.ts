/**
 * Developer-aware entity extraction with regular expressions (wink's tokenizer splits
 * `lodash@4.17.21` and `NODE_OPTIONS`, so its entities are not used here). Overlaps are
 * resolved by keeping the longest span, then the more specific type. In code segments only
 * the unambiguous kinds count (calls, errors, env constants, URLs, paths, packages...):
 * every variable name in a code block would drown the prose entities.
 */
import type { EntityType } from '../../shared/protocol';
import { FILE_EXTENSIONS, LOWER_CASE_SPELLINGS, NOT_ENTITY_NAMES, ORGANIZATIONS, productSpelling, TECH_NAMES } from './techTerms';
import { modulePathSpans } from './modulePaths';
import { LazyTags } from './partsOfSpeech';
import { LIBRARY_NAMES } from './toolNames';
import { properNouns } from './properNouns';
import { stopWordsFor } from './stopWords';
import { STOP_WORDS } from './commonWords';

/** One entity occurrence in a piece of text. */
export interface EntitySpan {
  start: number;
  end: number;
  text: string;
  type: EntityType;
}

/**
 * A candidate span and its rule's priority, before overlaps are resolved. A `claim` is no
 * entity itself: it only keeps shorter spans off its text (the `npm` of `npm install`).
 */
export type ScoredSpan = EntitySpan & { priority: number; claim?: boolean };

interface Rule {
  type: EntityType;
  re: RegExp;
  /** Higher wins a tie between equally long spans. */
  priority: number;
  /** Normalises the matched text (e.g. `fs.readFile(` → `fs.readFile()`). */
  norm?: (s: string) => string;
  code?: boolean;
  /** The match's capture group that is the entity (the rest is context). */
  group?: number;
}

const EXT = FILE_EXTENSIONS;
/** Top folders of a project whose subfolders are paths even without a file name: `target/debug`, `src/components`. */
const TOP_FOLDERS =
  'src|lib|libs|build|builds|dist|out|target|bin|obj|apps|packages|tests?|spec|specs|docs|scripts|public|static|assets|vendor|internal|cmd|pkg|node_modules|tmp|examples|tools|include|resources|fixtures|migrations|templates|deploy|infra|charts|crates|\\.github|\\.vscode';

const DOTFILE = new RegExp(
  '(?<![\\w./~-])\\.(?:[a-z][\\w-]*(?:rc|ignore|config|attributes|modules|versions?|profile|keep|map)|env|github|gitlab|vscode|husky|ssh|venv|idea|' +
    'terraform|DS_Store|htaccess|git|aws|kube|docker|cargo|npm|nvm|cache|local|flake8|mailmap|circleci|devcontainer|storybook|vercel|netlify|yarn)' +
    '(?![\\w-])(?:\\.[\\w-]+)*' +
    // Any other dotfile with an extension: `.gitlab-ci.yml`, `.rubocop.yml`.
    `|(?<![\\w./~-])\\.[a-z][\\w-]*\\.(?:${EXT})\\b(?![\\w(])` +
    // Tool caches and state folders: `.mypy_cache`, `.pytest_cache`, `.next-env`.
    '|(?<![\\w./~-])\\.[a-z][a-z0-9]*[_-][\\w-]+(?![\\w(.])',
  'g',
);
/** A path inside a dot folder: `.git/config`, `.husky/pre-commit`. */
const DOT_FOLDER_PATH = /(?<![\w./~-])\.[a-z][\w-]*(?:\/[\w.@-]+)+/g;

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
  return pos === 'VERB' && (/^[a-z]+(?:ed|s)$/.test(word) || IRREGULAR_PAST.has(word));
}

const FILE_ARG = /\.(?:txt|toml|lock|json|whl|tar\.gz|tgz|zip|yml|yaml|cfg|in)$/i;

/**
 * The packages an install command names: every one of `npm install express cors dotenv` or
 * `pip install numpy pandas`, past flags, up to the sentence's end or its next word (a stop
 * word of the sentence's language ends the list too: "Führe npm install express aus"). The
 * command itself is claimed: its `npm` or `pip` is the tool at work, not a product named.
 */
function installSpans(text: string, language: string): ScoredSpan[] {
  const stop = stopWordsFor(language);
  const tags = new LazyTags(text);
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
      // A closing quote ends the argument (`"numpy>=1.26,<2"`); sentence punctuation ends the list.
      const unquoted = raw.replace(/['"`]+$/, '');
      const core = unquoted.replace(/['"`]*[.,;:!?)]+['"`]*$/, '');
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
 * Error codes: POSIX and Node errno names (ENOENT, ECONNRESET, EACCES), npm's (ELIFECYCLE,
 * ERESOLVE), ERR_* and signals. Shaped by errno's own prefixes, so an agency such as ENISA
 * or EMEA is not taken for one.
 */
const ERRNO =
  /\b(?:E(?:NO[A-Z]+|CONN[A-Z]+|ADDR[A-Z]+|HOST[A-Z]+|NET[A-Z]+|AI_[A-Z]+|ACCES|AGAIN|BADF|BADMSG|BUSY|EXIST|FAULT|FBIG|INTR|INVAL|IO|ISDIR|LOOP|MFILE|MLINK|NFILE|PERM|PIPE|RANGE|ROFS|SPIPE|SRCH|TIMEDOUT|TXTBSY|XDEV|PROTO|PROTONOSUPPORT|AFNOSUPPORT|CANCELED|INPROGRESS|ALREADY|WOULDBLOCK|OVERFLOW|NAMETOOLONG|DEADLK|DESTADDRREQ|MSGSIZE|ILSEQ|OPNOTSUPP|LIFECYCLE|INTEGRITY|RESOLVE|PEERINVALID|JSONPARSE|UNKNOWN|BADENGINE|BADPLATFORM|OTP|USAGE|PUBLISHCONFLICT|NEEDAUTH)|ERR_[A-Z0-9_]+|ERROR_[A-Z0-9_]+|SIG[A-Z]{2,}[0-9]*)\b/g;

const LOWER_CASE_NAMES = new RegExp(`(?<![\\w.@/-])(?:${LOWER_CASE_SPELLINGS.join('|')})(?![\\w@/-]|\\.\\w)`, 'g');

const RULES: Rule[] = [
  { type: 'url', re: /\bhttps?:\/\/[^\s<>()"'`]*[^\s<>()"'`.,;:!?]/g, priority: 10, code: true },
  { type: 'email', re: /\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g, priority: 9, code: true },
  { type: 'cve', re: /\bCVE-\d{4}-\d{4,}\b/g, priority: 9, code: true },
  { type: 'package', re: /(?<![\w/])(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*@[\^~]?\d+(?:\.[\dx*]+)*(?:-[\w.]+)?/gi, priority: 8, code: true },
  { type: 'package', re: /\b[A-Za-z0-9][\w.-]*(?:==|>=|~=)\d+(?:\.\d+)*\w*/g, priority: 8, code: true },
  // A folder may hold spaces where a backslash follows it: `C:\Program Files\nodejs\node.exe`.
  { type: 'path', re: /(?<![\w:])[A-Za-z]:\\(?:[^\s\\<>:"|?*`]+(?: [^\s\\<>:"|?*`]+)*\\)*(?:[^\s\\<>:"|?*`]*[^\s\\<>:"|?*`.,;])?/g, priority: 7, code: true },
  { type: 'path', re: /(?<![\w.)\]>/:])(?:~|\.{1,2})?\/(?:[\w.@-]+\/)*\.?[\w@-][\w.@+-]*\/?/g, priority: 6, code: true },
  {
    type: 'path',
    re: new RegExp(
      `(?<![\\w./@-])[\\w.-]+(?:/[\\w.@-]+)*/[\\w.@-]+\\.(?:${EXT})\\b|(?<![\\w./@-])[\\w.-]+(?:/[\\w.@-]+){2,}/?` +
        // A dotfile in a folder: `config/.env.production`.
        `|(?<![\\w./@-])[\\w.-]+(?:/[\\w.@-]+)*/\\.[\\w-]+(?:\\.[\\w-]+)*` +
        // One level under a project's conventional top folder: `target/debug`, `build/generated`.
        `|(?<![\\w./@-])(?:${TOP_FOLDERS})/[\\w.@-]*\\w/?(?![\\w/])`,
      'g',
    ),
    priority: 6,
    code: true,
  },
  { type: 'file', re: new RegExp(`(?<![\\w./@-])[\\w-][\\w.-]*\\.(?:${EXT})\\b(?![\\w(])`, 'g'), priority: 5, code: true },
  // A bare README is the project's documentation, as a word; README.md is a file.
  { type: 'file', re: /(?<![\w./-])(?:\.[a-z][\w.-]*rc|\.gitignore|\.env|\.npmrc|Dockerfile|Makefile)\b/g, priority: 5, code: true },
  /** Dotfiles, with what follows them: `.env.example`, `.prettierrc.json`, `.dockerignore`. */
  { type: 'file', re: DOTFILE, priority: 5, code: true },
  { type: 'path', re: DOT_FOLDER_PATH, priority: 6, code: true },
  /** Versioned shared libraries: `libssl.so.3`, `libz.1.dylib`, `libstdc++.so.6`. */
  { type: 'file', re: /(?<![\w./-])[A-Za-z][\w+-]*(?:\.\d+)*\.(?:so|dylib|dll)(?:\.\d+)*(?![\w.]*\w)/g, priority: 6, code: true },
  /** A plain word in backticks is an identifier: `debounce`, `retry`. */
  { type: 'identifier', re: /(?<=(?:^|[^`\w])`)[A-Za-z_$][\w$]*(?=`(?!\w))/g, priority: 1 },
  { type: 'error', re: /\b[A-Z][A-Za-z0-9]*(?:Error|Exception)\b/g, priority: 6, code: true },
  { type: 'error', re: ERRNO, priority: 6, code: true },
  { type: 'env', re: /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g, priority: 4, code: true },
  /** Environment variables without an underscore, where the text says so: `PYTHONPATH=src`, `$HOME`, "export EDITOR", "the PORT variable", or a well-known one. */
  {
    type: 'env',
    re: /(?<=\$)[A-Z][A-Z0-9]{1,}\b|\b[A-Z][A-Z0-9]{1,}(?==[^=])|(?<=\bexport\s)[A-Z][A-Z0-9]{1,}\b|\b[A-Z][A-Z0-9]{1,}(?=\s+(?:env(?:ironment)?\s+)?variable)/g,
    priority: 7,
    code: true,
  },
  { type: 'env', re: /\b(?:PATH|HOME|PYTHONPATH|GOPATH|GOROOT|GOBIN|KUBECONFIG|TMPDIR|CLASSPATH|EDITOR|PWD)\b/g, priority: 4, code: true },
  // Not the start of an IP address: 127.0.0.1.
  { type: 'version', re: /(?<![\w.@-])v?\d+\.\d+\.\d+(?!\.\d)(?:-[\w.]+)?\b|\bv\d+(?:\.\d+)?\b/g, priority: 3, code: true },
  // A flag is its name: `--max-old-space-size=4096` counts with every other value it is given.
  { type: 'flag', re: /(?<![\w-])--[a-z][\w-]*|(?<![\w-])-[a-zA-Z]{1,2}\b(?!-)/g, priority: 3 },
  { type: 'decorator', re: /(?<![\w@.])@[A-Za-z]\w*(?:\.\w+)*(?:\(\))?(?![\w@/.-])/g, priority: 3, code: true },
  {
    type: 'call',
    re: /\b[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\((?:\))?/g,
    priority: 2,
    norm: (s) => s.replace(/\(\)?$/, '()'),
    code: true,
  },
  { type: 'identifier', re: /\b[a-z_$][a-z0-9$]*(?:\.[A-Za-z_$][\w$]*)+\b/g, priority: 1 },
  { type: 'identifier', re: /\b[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+\b/g, priority: 1 },
  { type: 'identifier', re: /\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b/g, priority: 1 },
  { type: 'identifier', re: /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, priority: 1 },
  /** Dunder names: `__dirname`, `__init__`. */
  { type: 'identifier', re: /(?<![\w$])__[a-z][a-z0-9_]*\b/g, priority: 1 },
  /** Technologies whose own spelling is lower case (`npm`, `lodash`, `axios`): in prose they are names, not words. */
  { type: 'product', re: LOWER_CASE_NAMES, priority: 0 },
];

/** Calls whose name is a plain English word followed by a parenthesis are prose, not code. */
const CALL_NEEDS_CODE_SHAPE = /[._$A-Z]|\(\)$/;

function collect(text: string, code: boolean, language: string): ScoredSpan[] {
  // The packages an install command names: `pip install numpy`, `npm i -D vitest`, `go get github.com/x/y`.
  const found: ScoredSpan[] = [...installSpans(text, language), ...modulePathSpans(text)];
  for (const rule of RULES) {
    if (code && !rule.code) continue;
    rule.re.lastIndex = 0;
    for (const m of text.matchAll(rule.re)) {
      let raw = rule.group ? (m[rule.group] ?? '') : m[0];
      const start = rule.group ? (m.indices?.[rule.group]?.[0] ?? 0) : (m.index ?? 0);
      if (rule.type === 'call' && !CALL_NEEDS_CODE_SHAPE.test(raw)) continue;
      if (rule.type === 'call' && code && !raw.includes('.')) continue; // keywords: if(, for(
      // Sentence punctuation after a path or file name ends the sentence, not the name.
      if (rule.type === 'path' || rule.type === 'file' || rule.type === 'package') raw = raw.replace(/[.,;:!?]+$/, '');
      if (raw.length === 0) continue;
      if (rule.type === 'identifier' && /^[a-z](?:\.[a-z])+$/.test(raw)) continue; // e.g, i.e, a.m

      const isName = TECH_NAMES.has(raw.toLowerCase()) && (rule.type === 'identifier' || rule.type === 'file');
      const isOrg = rule.type === 'identifier' && ORGANIZATIONS.has(raw.toLowerCase());
      const type: EntityType = isOrg ? 'organization' : isName ? 'product' : rule.type;
      const shown = type === 'product' ? productSpelling(raw) : raw;
      found.push({ start, end: start + raw.length, text: rule.norm ? rule.norm(shown) : shown, type, priority: rule.priority });
    }
  }
  return found;
}

/** Keeps the longest span where spans overlap (then the higher priority, then the earlier). */
export function resolveOverlaps<T extends ScoredSpan>(spans: T[]): T[] {
  const sorted = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const kept: T[] = [];
  for (const s of sorted) {
    if (kept.every((k) => s.end <= k.start || s.start >= k.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
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
function splitPinned(span: EntitySpan): EntitySpan[] {
  if (span.type !== 'package') return [span];
  const m = PINNED.exec(span.text);
  if (!m || m[1].length === span.text.length) return [span];
  const name: EntitySpan = { start: span.start, end: span.start + m[1].length, text: m[1], type: 'package' };
  if (!m[2]) return [name];
  const at = span.text.indexOf(m[2], m[1].length);
  return [name, { start: span.start + at, end: span.start + at + m[2].length, text: m[2], type: 'version' }];
}

/** A release number right after a product's name: "Python 3.12", "Node 18.17", "Django 4"; not a quantity ("Redis 2 GB"). */
const VERSION_AFTER_PRODUCT = /^\s(v?\d+(?:\.\d+)*)(?![\w%]|\.\d|\s*(?:ms|s|sec|seconds?|minutes?|hours?|days?|times|GB|MB|KB|TB|GiB|MiB|x|%|percent)\b)/;

/** Versions that follow a product's name, where no other entity has claimed the text. */
function versionsAfterProducts(text: string, kept: ScoredSpan[]): ScoredSpan[] {
  const out: ScoredSpan[] = [];
  for (const span of kept) {
    if (span.type !== 'product') continue;
    const m = VERSION_AFTER_PRODUCT.exec(text.slice(span.end));
    if (!m) continue;
    const start = span.end + 1;
    const end = start + m[1].length;
    if (kept.some((k) => k.start < end && k.end > start)) continue;
    out.push({ start, end, text: m[1], type: 'version', priority: 3 });
  }
  return out;
}

/** Entities in one segment of text; `code` selects the code-segment rules, `language` (ISO 639-1) the proper-noun rules. */
export function extractEntities(text: string, code = false, language = 'en'): EntitySpan[] {
  const spans = collect(text, code, language);
  if (!code) spans.push(...properNouns(text, language));
  const kept = resolveOverlaps(spans);
  return [...kept, ...versionsAfterProducts(text, kept)]
    .sort((a, b) => a.start - b.start)
    .filter((s) => !s.claim && !(s.type === 'product' && NOT_ENTITY_NAMES.has(s.text.toLowerCase())))
    .map((s) => (s.type === 'product' && LIBRARY_NAMES.has(s.text.toLowerCase()) ? { ...s, type: 'package' as const } : s))
    .flatMap(({ start, end, text: t, type }) => splitPinned({ start, end, text: t, type }));
}
