/** One fenced code block from an answer. */
export interface CodeBlock {
  /** The info string's first word, lower-cased; '' when absent. */
  language: string;
  code: string;
}

/**
 * The fenced code blocks of a markdown answer (``` or ~~~, closed by a fence of the same
 * character at least as long). An unclosed last block, as in a stopped answer, is included.
 */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  let open: { fence: string; language: string; lines: string[] } | undefined;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (!open) {
      const start = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
      if (start) open = { fence: start[1], language: start[2].toLowerCase(), lines: [] };
      continue;
    }
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
    if (close && close[1][0] === open.fence[0] && close[1].length >= open.fence.length) {
      blocks.push({ language: open.language, code: open.lines.join('\n') });
      open = undefined;
    } else {
      open.lines.push(line);
    }
  }
  if (open && open.lines.length) blocks.push({ language: open.language, code: open.lines.join('\n') });
  return blocks;
}

const ALIASES: Record<string, string> = {
  ts: 'typescript',
  js: 'javascript',
  py: 'python',
  rb: 'ruby',
  sh: 'shellscript',
  bash: 'shellscript',
  shell: 'shellscript',
  'c++': 'cpp',
  cs: 'csharp',
  'c#': 'csharp',
  rs: 'rust',
  golang: 'go',
  kt: 'kotlin',
  yml: 'yaml',
  md: 'markdown',
  tsx: 'typescriptreact',
  jsx: 'javascriptreact',
};

/** The block Apply should use: the first in the document's language, else the first untagged, else the first. */
export function codeBlockToApply(markdown: string, languageId: string): CodeBlock | undefined {
  const blocks = extractCodeBlocks(markdown).filter((b) => b.code.trim() !== '');
  const normalise = (language: string) => ALIASES[language] ?? language;
  return blocks.find((b) => normalise(b.language) === languageId) ?? blocks.find((b) => b.language === '') ?? blocks[0];
}
