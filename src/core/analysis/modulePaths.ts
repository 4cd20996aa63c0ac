/**
 * Module paths, as each ecosystem writes them: npm subpaths (`lodash/debounce`,
 * `@scope/pkg/sub`), specifiers with a scheme (`node:fs/promises`, `jsr:@std/path`,
 * `npm:express`), Go import paths (`golang.org/x/sync/errgroup`), Rust paths (`serde::de`,
 * `std::collections::HashMap`) and the dotted modules of Python and the JVM (`os.path`,
 * `java.util.concurrent`). A slash pair is as often prose ("client/server") and a dotted name
 * as often a member access (`fs.readFile`), so each is kept only where its shape, its
 * ecosystem's prefix or the words around it make it a module. All are of type `package`.
 */
import type { ScoredSpan } from './entities';
import { FILE_EXTENSIONS, TECH_NAMES } from './techTerms';
import { STOP_WORDS } from './commonWords';

/** Verbs and prepositions that announce a module path: "import x from lodash/debounce". */
const MODULE_CUE =
  /\b(?:from|import|imports|imported|require|requires|required|package|module|install|add|use|uses|using|load|loads|prefer|replace|switch\s+to|migrate\s+to|depends?\s+on|pulled\s+in|pull\s+in)\s+(?:\S+\s+){0,2}$/i;
/** Words after a path that say it is a module: "firebase/app over the compat package", "x/y is the entry point". */
const MODULE_CUE_AFTER = /^[`'"]?\s+(?:\S+\s+){0,3}?(?:package|module|subpath|entry\s+point|import)s?\b/i;
/** Word pairs with a slash that are prose or syntax, never a module: "read/write", "try/catch". */
const PROSE_PAIR =
  /^(?:read|write|input|output|client|server|and|or|yes|no|true|false|on|off|get|set|start|stop|open|close|before|after|frontend|backend|async|await|try|catch|import|export|push|pull|request|response|send|receive|encode|decode|key|value|he|she|his|her|either|day|night|up|down|left|right|min|max|width|height|x|y|in|out|if|else|with|without|src|dest|source|target|local|remote|dev|prod|error|errors|warning|warnings|info|debug|file|files|folder|user|users|group|name|id)$/;
/** A host name as the first segment of a path: `github.com`, `golang.org`, `k8s.io`. */
const HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/;
/** Hosts whose paths are Go or other source imports, not web pages: code hosts and Go's vanity hosts. */
const MODULE_HOST = /^(?:(?:github|gitlab|codeberg)\.com|bitbucket\.org|gitee\.com|gopkg\.in|(?:[a-z0-9-]+\.)*golang\.org|(?:[a-z0-9-]+\.)*k8s\.io|go\.[a-z0-9.-]+)$/;

/**
 * A `name/sub` path is a module path when it is scoped (`@scope/pkg/sub`), when a cue
 * announces it, when `name` is a known technology, a code host or shaped like a package name
 * (a hyphen or digit); otherwise it is prose such as "client/server" or a web address.
 */
function isSlashModule(raw: string, before: string, after: string): boolean {
  if (raw.startsWith('@')) return true;
  const parts = raw.split('/');
  const first = parts[0];
  if (parts.length === 2 && PROSE_PAIR.test(first) && PROSE_PAIR.test(parts[1])) return false;
  // A file name at the end makes it a path: `lib/utils/strings.ts`.
  const last = parts[parts.length - 1];
  if (last.includes('.') && FILE_EXTENSION.test(last.slice(last.lastIndexOf('.') + 1))) return false;
  if (HOST.test(first)) return MODULE_HOST.test(first) || MODULE_CUE.test(before);
  return MODULE_CUE.test(before) || MODULE_CUE_AFTER.test(after) || TECH_NAMES.has(first) || /[-\d]/.test(first);
}

/**
 * Python modules with dots in their name, from the standard library's module index and the
 * most used scientific and web packages. A dotted name is also a module where Python's own
 * syntax or the prose says so (`from x.y import`, "the x.y module"); elsewhere `json.loads`
 * or `os.environ` is an attribute of a module, not one.
 */
const PYTHON_MODULES: ReadonlySet<string> = new Set(
  (
    'os.path collections.abc concurrent.futures concurrent.futures.thread concurrent.futures.process ' +
    'urllib.parse urllib.request urllib.error urllib.response urllib.robotparser http.client http.server http.cookies ' +
    'http.cookiejar email.message email.parser email.policy email.utils email.headerregistry email.header email.mime ' +
    'email.mime.text email.mime.multipart email.mime.base email.generator email.charset email.encoders ' +
    'xml.etree xml.etree.ElementTree xml.dom xml.dom.minidom xml.dom.pulldom xml.sax xml.sax.handler ' +
    'xml.sax.saxutils xml.parsers.expat xmlrpc.client xmlrpc.server html.parser html.entities json.decoder ' +
    'json.encoder json.tool importlib.metadata importlib.resources importlib.util importlib.abc importlib.machinery ' +
    'logging.handlers logging.config unittest.mock multiprocessing.pool multiprocessing.shared_memory ' +
    'multiprocessing.managers multiprocessing.connection multiprocessing.dummy asyncio.subprocess asyncio.queues ' +
    'asyncio.streams ctypes.util ctypes.wintypes tkinter.ttk tkinter.filedialog tkinter.messagebox tkinter.font ' +
    'tkinter.scrolledtext tkinter.simpledialog dbm.gnu dbm.ndbm dbm.dumb dbm.sqlite3 wsgiref.simple_server ' +
    'wsgiref.util wsgiref.handlers wsgiref.validate curses.ascii curses.panel curses.textpad sqlite3.dbapi2 ' +
    'encodings.idna encodings.utf_8 encodings.mbcs test.support distutils.core lib2to3.fixes ' +
    'matplotlib.pyplot matplotlib.animation numpy.typing numpy.linalg numpy.random numpy.testing numpy.fft ' +
    'numpy.ma scipy.stats scipy.optimize scipy.sparse scipy.signal scipy.linalg scipy.integrate scipy.interpolate ' +
    'torch.nn torch.nn.functional torch.optim torch.utils.data torch.distributed torch.cuda tensorflow.keras ' +
    'sqlalchemy.orm sqlalchemy.ext sqlalchemy.engine pydantic.v1 google.protobuf pandas.api.types pandas.testing'
  ).split(' '),
);
/** Packages whose every lower-case dotted name is a module: `django.db.models`, `sklearn.model_selection`. */
const PYTHON_PACKAGE_ROOTS: ReadonlySet<string> = new Set(['django', 'sklearn', 'flask_sqlalchemy', 'airflow', 'google.cloud']);
/** JVM package roots: `java.util.concurrent`, `kotlinx.coroutines`, `androidx.compose.ui`. */
const JVM_ROOTS: ReadonlySet<string> = new Set(['java', 'javax', 'jakarta', 'kotlin', 'kotlinx', 'scala', 'android', 'androidx', 'groovy']);
/** First segments of reverse-domain package names: `org.apache.commons.lang3`, `com.google.gson`. */
const REVERSE_DOMAIN: ReadonlySet<string> = new Set(['org', 'com', 'io', 'net', 'dev', 'edu']);
const LOWER_SEGMENT = /^[a-z_][a-z0-9_]*$/;
const IMPORT_BEFORE = /\b(?:from|import|cimport)\s+[`'"]?$/;
const IMPORT_AFTER = /^[`'"]?\s+import\b/;
const MODULE_NOUN_AFTER = /^[`'"]?\s+(?:module|package|namespace|submodule|subpackage)s?\b/i;
const FILE_EXTENSION = new RegExp(`^(?:${FILE_EXTENSIONS})$`);

/** True when a dotted name is a module or a fully qualified class of one, not a member access. */
function isDottedModule(raw: string, before: string, after: string): boolean {
  if (TECH_NAMES.has(raw.toLowerCase())) return false; // node.js, next.js
  if (PYTHON_MODULES.has(raw)) return true;
  const parts = raw.split('.');
  const inner = parts.slice(0, -1);
  const last = parts[parts.length - 1];
  // Python's own syntax names a module whatever its last part: `from django.db import models`.
  if (inner.every((p) => LOWER_SEGMENT.test(p)) && (/\b(?:import|cimport)\s+[`'"]?$/.test(before) || IMPORT_AFTER.test(after))) return true;
  if (JVM_ROOTS.has(parts[0]) || (REVERSE_DOMAIN.has(parts[0]) && parts.length >= 3)) return inner.every((p) => LOWER_SEGMENT.test(p));
  if (FILE_EXTENSION.test(last)) return false; // config.json, main.py
  // Packages are lower case; a JVM or Rust-like path may end in a class: java.util.HashMap.
  if (!inner.every((p) => LOWER_SEGMENT.test(p))) return false;
  if (JVM_ROOTS.has(parts[0])) return true;
  if (REVERSE_DOMAIN.has(parts[0]) && parts.length >= 3) return true;
  if (!LOWER_SEGMENT.test(last)) return false;
  if (PYTHON_PACKAGE_ROOTS.has(parts[0]) || PYTHON_PACKAGE_ROOTS.has(inner.slice(0, 2).join('.'))) return true;
  return IMPORT_BEFORE.test(before) || IMPORT_AFTER.test(after) || MODULE_NOUN_AFTER.test(after);
}

interface ModuleRule {
  re: RegExp;
  /** Keeps a match, given the text before and after it; every match is kept without one. */
  keep?: (raw: string, before: string, after: string) => boolean;
}

const RULES: ModuleRule[] = [
  /** Scoped packages and their subpaths: `@types/node`, `@mui/material/Button`. */
  { re: /(?<![\w@/:])@[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*(?:\/[A-Za-z0-9][\w.-]*)*/g },
  /** Specifiers with a scheme: Node's built-ins, JSR and npm in Deno and Bun. */
  { re: /(?<![\w:/.@-])(?:node|jsr|npm):(?:@[a-z0-9][\w.-]*\/)?[a-z0-9_][\w.-]*(?:\/[a-z0-9_][\w.-]*)*(?:@[\w.^~*-]*[\w*])?/g },
  /** `lodash/debounce`, `react-dom/client`, `golang.org/x/sync/errgroup`. */
  { re: /(?<![\w./@:-])[a-z][\w.-]*(?:\/[a-z0-9][\w.-]*)+(?![\w/])/g, keep: isSlashModule },
  /** Rust (and C++) paths from a lower-case crate or namespace, not a call: `serde::de`, `tokio::sync::Mutex`. */
  { re: /(?<![\w:])[a-z_][a-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)+(?![\w(]|::)/g },
  /** Dotted names, not a call and not cut from a longer one: `os.path`, `java.util.concurrent`. */
  { re: /(?<![\w.@/:$-])[a-z_][a-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+(?![\w(]|\.\w)/g, keep: isDottedModule },
];

/** Words that describe a package rather than name it: "the main module", "a shared library". */
const DESCRIBING_WORDS: ReadonlySet<string> = new Set(
  (
    'new old main core same whole official internal external local default standard base shared common custom separate ' +
    'single entire original latest previous next other right wrong legacy deprecated optional native small large big tiny ' +
    'popular third-party top-level root test tests utility util utils helper helpers wrapper client server public private ' +
    'npm python node rust go java ruby dotnet system global parent child sub nested direct dev runtime transitive peer compat'
  ).split(' '),
);

/**
 * A package named by one plain word, where the prose says it is one: "the hashbrown crate",
 * "the standard errors package", "the aws-sdk package", "rand as a direct dependency".
 */
const NAMED_PACKAGE =
  /\b(?:(?:the|a|an)\s+(?:standard\s+|built-in\s+|stdlib\s+|monolithic\s+|deprecated\s+|legacy\s+|old\s+|new\s+|official\s+|experimental\s+)?([a-z][a-z0-9_-]*[a-z0-9])(?=\s+(?:package|crate|module|library|gem|wheel|dependency)(?!\.?[\w-]))|([a-z][a-z0-9_-]*[a-z0-9])(?=\s+as\s+an?\s+(?:direct\s+|dev\s+|runtime\s+|transitive\s+|peer\s+)?dependency\b))/g;

function namedPackageSpans(text: string): ScoredSpan[] {
  const out: ScoredSpan[] = [];
  for (const m of text.matchAll(NAMED_PACKAGE)) {
    const name = m[1] ?? m[2];
    if (STOP_WORDS.has(name) || DESCRIBING_WORDS.has(name) || /(?:est|ing)$/.test(name)) continue; // "the closest package", "the testing library"
    const start = (m.index ?? 0) + m[0].length - name.length;
    out.push({ start, end: start + name.length, text: name, type: 'package', priority: 7 });
  }
  return out;
}

/** Module paths in a segment of prose or code. */
export function modulePathSpans(text: string): ScoredSpan[] {
  const out: ScoredSpan[] = namedPackageSpans(text);
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (const m of text.matchAll(rule.re)) {
      const start = m.index ?? 0;
      // Sentence punctuation after a path ends the sentence, not the path.
      const raw = m[0].replace(/[.,;:!?]+$/, '');
      if (!raw || (rule.keep && !rule.keep(raw, text.slice(0, start), text.slice(start + raw.length)))) continue;
      out.push({ start, end: start + raw.length, text: raw, type: 'package', priority: 7 });
    }
  }
  return out;
}
