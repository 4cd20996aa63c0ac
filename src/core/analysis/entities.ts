/**
 * Developer-aware entity extraction with regular expressions (wink's tokenizer splits
 * `lodash@4.17.21` and `NODE_OPTIONS`, so its entities are not used here). Overlaps are
 * resolved by keeping the longest span, then the more specific type. In code segments only
 * the unambiguous kinds count (calls, errors, env constants, URLs, paths, packages...):
 * every variable name in a code block would drown the prose entities.
 */
import type { EntityType } from '../../shared/protocol';
import { FILE_EXTENSIONS, LISTED_NAMES, LOWER_CASE_SPELLINGS, NOT_ENTITY_NAMES, ORGANIZATIONS, productSpelling, TECH_NAMES } from './techTerms';
import { modulePathSpans } from './modulePaths';
import { installSpans, splitPinned } from './installCommands';
import { LazyTags } from './partsOfSpeech';
import { LIBRARY_NAMES } from './toolNames';
import { properNouns } from './properNouns';

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
  /** A bare host name in prose ("push it to github.com"): a site, not an identifier. Only the generic top-level domains, which no code name ends in. */
  { type: 'url', re: /(?<![\w.@/-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|edu|gov)(?![\w/@-]|\.\w)/g, priority: 9 },
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
  // A release line too: `16.x`, `1.2.x`.
  { type: 'version', re: /(?<![\w.@-])v?\d+\.\d+\.\d+(?!\.\d)(?:-[\w.]+)?\b|\bv\d+(?:\.\d+)?\b|(?<![\w.@-])v?\d+(?:\.\d+)*\.x\b/g, priority: 3, code: true },
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

/** Members of the runtime globals of JavaScript: `process.env`, `window.location`, `import.meta.url`. */
const JS_GLOBAL_MEMBER = /^(?:process|window|document|globalThis|navigator|location|console|module|import\.meta)\.\w/;

/** Calls whose name is a plain English word followed by a parenthesis are prose, not code. */
const CALL_NEEDS_CODE_SHAPE = /[._$A-Z]|\(\)$/;

function collect(text: string, code: boolean, language: string, tags: LazyTags): ScoredSpan[] {
  // The packages an install command names: `pip install numpy`, `npm i -D vitest`, `go get github.com/x/y`.
  const found: ScoredSpan[] = [...installSpans(text, language, tags), ...modulePathSpans(text)];
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

      // `process.env`, `window.location`: a runtime global's member, not a file with an extension.
      if (rule.type === 'file' && JS_GLOBAL_MEMBER.test(raw)) {
        found.push({ start, end: start + raw.length, text: raw, type: 'identifier', priority: rule.priority });
        continue;
      }
      // A name as listed, not an alias: `shell` in backticks is an option, not Bash.
      const isName = LISTED_NAMES.has(raw.toLowerCase()) && (rule.type === 'identifier' || rule.type === 'file');
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

/** A release number right after a product's name: "Python 3.12", "Node 18.17", "Django 4"; not a quantity ("Redis 2 GB"). */
const VERSION_AFTER_PRODUCT = /^\s(v?\d+(?:\.\d+)*)(?![\w%]|\.\d|\s*(?:ms|s|sec|seconds?|minutes?|hours?|days?|times|GB|MB|KB|TB|GiB|MiB|x|%|percent)\b)/;

/** Versions that follow a product's name, where no other entity has claimed the text. */
function versionsAfterProducts(text: string, kept: ScoredSpan[]): ScoredSpan[] {
  const out: ScoredSpan[] = [];
  for (const span of kept) {
    // Known products only: "Option 1" or "Layer 2" is a capitalised word and a number.
    if (span.type !== 'product' || !TECH_NAMES.has(span.text.toLowerCase()) || NOT_ENTITY_NAMES.has(span.text.toLowerCase())) continue;
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
  // One sentence is tagged at most once, whichever rule asks first.
  const tags = new LazyTags(text);
  const spans = collect(text, code, language, tags);
  if (!code) spans.push(...properNouns(text, language, tags));
  const kept = resolveOverlaps(spans);
  return [...kept, ...versionsAfterProducts(text, kept)]
    .sort((a, b) => a.start - b.start)
    .filter((s) => !s.claim && !(s.type === 'product' && NOT_ENTITY_NAMES.has(s.text.toLowerCase())))
    .map((s) => (s.type === 'product' && LIBRARY_NAMES.has(s.text.toLowerCase()) ? { ...s, type: 'package' as const } : s))
    .flatMap(({ start, end, text: t, type }) => splitPinned({ start, end, text: t, type }));
}
