/**
 * Dictionaries shared by topics and entities: developer technology names with their
 * canonical spelling, well-known organisations, and given names (for person detection).
 * Keys are lower case.
 */

const TECH = [
  'TypeScript', 'JavaScript', 'Node.js', 'Python', 'Rust', 'Golang', 'Java', 'Kotlin', 'Swift', 'C#', 'C++',
  'Ruby', 'PHP', 'Scala', 'Haskell', 'Elixir', 'Erlang', 'Clojure', 'Lua', 'Perl', 'Dart', 'Zig', 'Julia',
  'React', 'Vue', 'Angular', 'Svelte', 'Next.js', 'Nuxt', 'Remix', 'Express', 'Fastify', 'NestJS', 'Django',
  'Flask', 'FastAPI', 'Rails', 'Spring', 'Laravel', 'Flutter', 'Electron', 'Tauri', 'Deno', 'Bun',
  'Docker', 'Kubernetes', 'Helm', 'Terraform', 'Ansible', 'Nginx', 'Apache', 'Git', 'GitHub', 'GitLab',
  'Bitbucket', 'npm', 'Yarn', 'pnpm', 'pip', 'Cargo', 'Maven', 'Gradle', 'webpack', 'Vite', 'esbuild',
  'Rollup', 'Babel', 'ESLint', 'Prettier', 'Jest', 'Mocha', 'Vitest', 'Playwright', 'Cypress', 'Selenium',
  'PostgreSQL', 'MySQL', 'SQLite', 'MongoDB', 'Redis', 'Kafka', 'RabbitMQ', 'Elasticsearch', 'GraphQL',
  'gRPC', 'REST', 'WebSocket', 'WebAssembly', 'AWS', 'Azure', 'GCP', 'Linux', 'Windows', 'macOS', 'Ubuntu',
  'Debian', 'VS Code', 'Vim', 'Neovim', 'Emacs', 'Bash', 'Zsh', 'PowerShell', 'Tailwind', 'CSS', 'HTML',
  'JSON', 'YAML', 'TOML', 'SQL', 'HTTP', 'HTTPS', 'OAuth', 'JWT', 'lodash', 'axios', 'Redux', 'RxJS',
  'jQuery', 'NumPy', 'pandas', 'PyTorch', 'TensorFlow', 'LLVM', 'Claude', 'Chrome', 'Firefox', 'Safari',
  'Chromium', 'V8', 'Vercel', 'Netlify', 'Heroku', 'Jenkins', 'CircleCI', 'GitHub Actions', 'Homebrew',
  'Prisma', 'Sequelize', 'Mongoose', 'Storybook', 'Webview', 'Markdown', 'Unicode', 'UTF-8', 'CommonJS',
  'ES modules', 'TSX', 'JSX', 'Sass', 'Tokio', 'Serde', 'Actix', 'Gin', 'OpenAPI', 'Swagger', 'Postman',
  'Slack', 'Jira', 'Figma', 'Xcode', 'Android', 'iOS', 'Unity', 'Godot', 'Ollama', 'LangChain',
];

const ALIASES: Record<string, string> = {
  ts: 'TypeScript', js: 'JavaScript', node: 'Node.js', nodejs: 'Node.js', 'node.js': 'Node.js', py: 'Python',
  go: 'Golang', golang: 'Golang', rs: 'Rust', 'c++': 'C++', cpp: 'C++', csharp: 'C#', 'c#': 'C#',
  reactjs: 'React', 'react.js': 'React', vuejs: 'Vue', 'vue.js': 'Vue', nextjs: 'Next.js', k8s: 'Kubernetes',
  postgres: 'PostgreSQL', vscode: 'VS Code', 'visual studio code': 'VS Code', sh: 'Bash', shell: 'Bash',
  shellscript: 'Bash', yml: 'YAML', wasm: 'WebAssembly', tailwindcss: 'Tailwind', golang1: 'Golang',
  tsx: 'TSX', jsx: 'JSX', kt: 'Kotlin', rb: 'Ruby', 'objective-c': 'Objective-C', console: 'Bash',
};

/** Lower-case name or alias → canonical technology name. */
export const TECH_NAMES: ReadonlyMap<string, string> = new Map([
  ...TECH.map((t): [string, string] => [t.toLowerCase(), t]),
  ...Object.entries(ALIASES),
]);

/** Aliases that are ordinary words in prose; they only count as code-fence languages. */
export const FENCE_ONLY_ALIASES: ReadonlySet<string> = new Set(['go', 'node', 'shell', 'console', 'sh', 'rs', 'py', 'js', 'ts', 'kt', 'rb', 'yml', 'cpp']);

/** Canonical name for a code-fence info string such as `ts` or `python3`. */
export function canonicalLanguage(info: string): string | undefined {
  const lower = info.toLowerCase().replace(/\d+$/, '');
  return TECH_NAMES.get(lower);
}

/**
 * Technology names that are also ordinary English words ("the rest of", "react to", "a
 * node"): they count as topics only when written with a capital, as names are.
 */
export const NAMES_THAT_ARE_WORDS: ReadonlySet<string> = new Set([
  'rest', 'go', 'rust', 'swift', 'express', 'spring', 'ruby', 'react', 'node', 'dart', 'flask', 'jest', 'mocha',
  'rails', 'bun', 'apache', 'electron', 'helm', 'yarn', 'cargo', 'maven', 'julia', 'elixir', 'babel', 'rollup',
  'angular', 'sass', 'prettier', 'storybook', 'playwright', 'tailwind', 'ant', 'make', 'next', 'nest',
]);

/** Well-known organisations. */
export const ORGANIZATIONS: ReadonlySet<string> = new Set(
  [
    'Microsoft', 'Google', 'Anthropic', 'OpenAI', 'Apple', 'Amazon', 'Meta', 'Facebook', 'Mozilla', 'Netflix',
    'IBM', 'Oracle', 'Intel', 'NVIDIA', 'AMD', 'Red Hat', 'Canonical', 'Cloudflare', 'Stripe', 'Shopify',
    'Atlassian', 'JetBrains', 'HashiCorp', 'Docker Inc', 'OpenJS Foundation', 'Linux Foundation',
    'Apache Software Foundation', 'Mozilla Foundation', 'W3C', 'IETF', 'WHATWG', 'Ecma International',
    'TC39', 'NASA', 'CERN', 'NIST', 'ISO', 'IEEE', 'ACM', 'IANA', 'ICANN', 'OWASP', 'CNCF', 'FSF', 'EFF', 'OSI',
    'ETSI', 'ITU', 'OASIS', 'CISA', 'ENISA', 'NSA', 'FBI', 'ESA', 'Samsung', 'Twitter', 'Uber', 'Airbnb', 'Spotify', 'Salesforce', 'Adobe', 'Alibaba', 'Tencent',
  ].map((o) => o.toLowerCase()),
);

/**
 * Acronyms that name a technology or a concept, never an organisation, so "the API" or
 * "the CLI" is not taken for a body like "the IETF". Lower case.
 */
export const TECH_ACRONYMS: ReadonlySet<string> = new Set(
  (
    'api apis cli ui ux url uri cpu gpu ram rom ssd sdk ide lsp ast jit gc vm os db orm sql css html xml csv pdf json yaml ' +
    'http https tcp udp ip dns tls ssl ssh ftp smtp cdn ci cd pr mr qa faq todo readme id uuid guid utf ascii jwt oauth ' +
    'rest crud spa ssr csr dom svg png jpg gif mvp sla rfc cve tty pid env ttl lru fifo io npm ecs eks rds iam vpc'
  ).split(' '),
);

/** Words that end organisation names. */
export const ORG_SUFFIXES: ReadonlySet<string> = new Set(
  ['inc', 'corp', 'corporation', 'foundation', 'labs', 'ltd', 'llc', 'gmbh', 'group', 'university', 'institute', 'consortium', 'team', 'software', 'technologies', 'systems'],
);

/** Common given names: a capitalised run starting with one reads as a person. */
export const GIVEN_NAMES: ReadonlySet<string> = new Set(
  (
    'james john robert michael william david richard joseph thomas charles daniel matthew anthony mark ' +
    'donald steven paul andrew joshua kenneth kevin brian george edward ronald timothy jason jeffrey ryan ' +
    'jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel frank gregory ' +
    'alexander patrick dennis jerry tyler aaron henry peter adam nathan zachary douglas linus guido ' +
    'brendan anders bjarne dennis ken rob grace ada margaret barbara alan tim dan dave sarah mary patricia ' +
    'jennifer linda elizabeth susan jessica karen nancy lisa betty sandra ashley emily donna michelle ' +
    'carol amanda melissa deborah stephanie rebecca laura sharon cynthia kathleen amy angela anna emma ' +
    'olivia sophia maria ryan evan sindre kent martin yukihiro rasmus james dario ryan mitchell jordan ' +
    'addy jake chris sam alex max julia lucas marco luca sofia ali mohammed wei li chen yuki hiro ' +
    'satya sundar sam elon jeff bill steve larry sergey mark jensen dario daniela'
  ).split(' '),
);
