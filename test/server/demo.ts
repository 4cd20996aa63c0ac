import { userPrompt } from './conversation';
import type { MessagesRequestBody, Scenario } from './types';

const FENCE = '```';

const ANSWERS: Array<{ match: RegExp; text: string }> = [
  {
    match: /\b(hi|hello|hey)\b/i,
    text: "Hello! I'm running **offline** against the local test server, so every answer here is canned — but it streams exactly like the real API.\n\nTry asking about:\n\n- debouncing a function in TypeScript\n- reading a file in Python\n- a SQL query to find duplicates\n- why a Rust borrow fails",
  },
  {
    match: /debounce|throttle/i,
    text: `A debounce delays a call until the input has been quiet for a while. In TypeScript:\n\n${FENCE}ts\nexport function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  return (...args: A) => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), ms);\n  };\n}\n${FENCE}\n\nA few notes:\n\n1. **Leading vs trailing**: this version fires on the trailing edge.\n2. **Cancellation**: return an object with a \`cancel()\` if callers need to stop a pending call.\n3. For scroll handlers, \`requestAnimationFrame\` is often a better fit than a fixed delay.`,
  },
  {
    match: /python|file/i,
    text: `Reading a text file line by line in Python is simplest with a context manager:\n\n${FENCE}python\nfrom pathlib import Path\n\ndef count_lines(path: str) -> int:\n    with Path(path).open(encoding="utf-8") as f:\n        return sum(1 for _ in f)\n${FENCE}\n\n- The \`with\` block closes the file even if an exception is raised.\n- Iterating the file object streams it, so memory stays flat for large files.\n- Pass \`errors="replace"\` if the file may contain invalid UTF-8.`,
  },
  {
    match: /sql|duplicate/i,
    text: `To find duplicate emails in a \`users\` table:\n\n${FENCE}sql\nSELECT email, COUNT(*) AS n\nFROM users\nGROUP BY email\nHAVING COUNT(*) > 1\nORDER BY n DESC;\n${FENCE}\n\nIf you want the full rows, join back on the duplicated keys, or use a window function: \`COUNT(*) OVER (PARTITION BY email)\`. Add a unique index afterwards so it cannot happen again.`,
  },
  {
    match: /rust|borrow/i,
    text: `The borrow checker rejects a mutable borrow while an immutable one is still alive:\n\n${FENCE}rust\nlet mut v = vec![1, 2, 3];\nlet first = &v[0];\nv.push(4); // error[E0502]: cannot borrow \`v\` as mutable\nprintln!("{first}");\n${FENCE}\n\n\`push\` may reallocate, which would leave \`first\` dangling. Fixes:\n\n- copy the value out: \`let first = v[0];\`\n- or finish using \`first\` before the \`push\`.`,
  },
];

const FALLBACK =
  "I'm the **offline demo** model, so I only know a handful of canned answers. Here is what streaming looks like with some structure:\n\n" +
  '## What happens\n\n1. Your prompt goes to a local server on `127.0.0.1`.\n2. It answers with the same SSE events as the Messages API.\n3. The extension analyses the text as it arrives.\n\n' +
  `${FENCE}json\n{ "type": "content_block_delta", "delta": { "type": "text_delta", "text": "Hi" } }\n${FENCE}\n\n` +
  'Set an API key and turn the offline mode off to talk to Claude for real.';

/** The offline demo: realistic markdown answers for a handful of prompts, paced like a model. */
export function demoScenario(req: MessagesRequestBody): Scenario {
  const prompt = userPrompt(req);
  const answer = ANSWERS.find((a) => a.match.test(prompt))?.text ?? FALLBACK;
  return { text: answer, delayMs: 12, pingEvery: 40 };
}
