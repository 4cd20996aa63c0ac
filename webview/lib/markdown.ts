/**
 * Model output → safe DOM. Every string the model writes goes through markdown-it with raw
 * HTML off, then DOMPurify with a strict allow-list, so nothing it writes can run script,
 * restyle the panel or fetch a remote resource. Shared by the chat and insights webviews.
 */
import MarkdownIt from 'markdown-it';
import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const LANGUAGES = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  kotlin,
  markdown,
  php,
  plaintext,
  python,
  ruby,
  rust,
  shell,
  sql,
  swift,
  typescript,
  xml,
  yaml,
};
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

/** Schemes a rendered link may carry; anything else loses its href (the host re-checks). */
const SAFE_URL = /^(?:(?:https?|mailto|vscode|vscode-insiders|file):|[^a-z:]|[a-z0-9+.-]*(?:[^a-z0-9+.\-:]|$))/i;
const SAFE_CLASS = /^(?:hljs(?:-[\w-]+)?|language-[\w+#.-]{1,40}|md-image|code-block)$/;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

md.options.highlight = (code: string, lang: string): string => {
  const language = lang && hljs.getLanguage(lang) ? lang : undefined;
  if (!language) return '';
  try {
    return hljs.highlight(code, { language, ignoreIllegals: true }).value;
  } catch {
    return '';
  }
};

// Highlighted or not, every fence gets `hljs` so the theme colours apply uniformly.
const defaultFence = md.renderer.rules.fence;
md.renderer.rules.fence = (tokens, idx, options, env, self) => {
  const html = defaultFence ? defaultFence(tokens, idx, options, env, self) : '';
  return html.replace(/^<pre><code(?: class="([^"]*)")?>/, (_m, cls: string | undefined) => `<pre class="code-block"><code class="hljs${cls ? ` ${cls}` : ''}">`);
};

// A model's image would be a remote fetch (a tracking pixel at best): show it as a link.
md.renderer.rules.image = (tokens, idx, _options, env, self) => {
  const token = tokens[idx];
  const alt = self.renderInlineAsText(token.children ?? [], md.options, env) || 'image';
  const src = String(token.attrGet('src') ?? '');
  const label = md.utils.escapeHtml(`[image: ${alt}]`);
  return SAFE_URL.test(src) && !/^data:/i.test(src) ? `<a class="md-image" href="${md.utils.escapeHtml(src)}">${label}</a>` : label;
};

const PURIFY_CONFIG = {
  ALLOWED_TAGS: [
    'a',
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'span',
  ],
  ALLOWED_ATTR: ['href', 'class', 'start', 'title'],
  ALLOWED_URI_REGEXP: SAFE_URL,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  SAFE_FOR_TEMPLATES: false,
  RETURN_DOM_FRAGMENT: true as const,
};

let hooksInstalled = false;
function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    const cls = node.getAttribute('class');
    if (cls !== null) {
      const kept = cls.split(/\s+/).filter((c) => SAFE_CLASS.test(c));
      if (kept.length > 0) node.setAttribute('class', kept.join(' '));
      else node.removeAttribute('class');
    }
    if (node.tagName === 'A') {
      node.removeAttribute('target');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

/** Sanitises an HTML string with the chat's allow-list and returns inert, safe nodes. */
export function sanitize(html: string): DocumentFragment {
  installHooks();
  return DOMPurify.sanitize(html, PURIFY_CONFIG);
}

/**
 * highlight.js compiles a language's grammar on its first use, which costs tens of ms: a
 * visible stall on the first code block of an answer. Compiling them while the panel is idle
 * moves that cost off the stream. Safe to call more than once.
 */
export function warmUpHighlighter(idle: (task: () => void) => void = (task) => setTimeout(task, 0)): void {
  const names = Object.keys(LANGUAGES);
  const next = () => {
    const name = names.shift();
    if (!name) return;
    hljs.highlight('x', { language: name, ignoreIllegals: true });
    idle(next);
  };
  idle(next);
  installHooks();
}

/** Renders markdown written by the model into a sanitised fragment ready to insert. */
export function renderMarkdown(source: string): DocumentFragment {
  return sanitize(md.render(source));
}
