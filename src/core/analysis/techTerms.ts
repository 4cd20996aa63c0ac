/**
 * Dictionaries shared by topics and entities: developer technology names with their
 * canonical spelling, well-known organisations, and given names (for person detection).
 * Keys are lower case.
 */
import { TOOL_NAMES } from './toolNames';

// prettier-ignore
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

// prettier-ignore
const ALIASES: Record<string, string> = {
  ts: 'TypeScript', js: 'JavaScript', node: 'Node.js', nodejs: 'Node.js', 'node.js': 'Node.js', py: 'Python',
  go: 'Golang', golang: 'Golang', rs: 'Rust', 'c++': 'C++', cpp: 'C++', csharp: 'C#', 'c#': 'C#',
  reactjs: 'React', 'react.js': 'React', vuejs: 'Vue', 'vue.js': 'Vue', nextjs: 'Next.js', k8s: 'Kubernetes',
  postgres: 'PostgreSQL', vscode: 'VS Code', 'visual studio code': 'VS Code', sh: 'Bash', shell: 'Bash',
  shellscript: 'Bash', yml: 'YAML', wasm: 'WebAssembly', tailwindcss: 'Tailwind', golang1: 'Golang',
  tsx: 'TSX', jsx: 'JSX', kt: 'Kotlin', rb: 'Ruby', 'objective-c': 'Objective-C', console: 'Bash',
};

/** File extensions, as a regular-expression alternation: `ts|tsx|…|d\\.ts`. */
// prettier-ignore
export const FILE_EXTENSIONS =
  'ts|tsx|js|jsx|mjs|cjs|json|jsonc|md|mdx|py|pyi|ipynb|rs|go|java|c|cc|cpp|h|hpp|cs|rb|php|sh|bash|zsh|fish|ps1|yml|yaml|toml|lock|txt|html|css|scss|less|vue|svelte|sql|xml|ini|env|cfg|conf|gradle|kts|kt|swift|dart|ex|exs|erl|hs|scala|sbt|lua|jl|nix|bzl|cmake|mk|mod|sum|tf|tfvars|hcl|proto|graphql|gql|rst|adoc|service|socket|timer|plist|properties|pem|crt|db|sqlite|parquet|log|csv|tsv|vsix|wasm|jar|war|zip|gz|tgz|bz2|xz|7z|tar|dmg|exe|msi|deb|rpm|pdf|png|jpg|jpeg|svg|gif|webp|ico|woff2|ttf|patch|diff|bak|map|d\\.ts';

/** Lower-case name or alias → canonical technology name. */
// prettier-ignore
export const TECH_NAMES: ReadonlyMap<string, string> = new Map([
  ...TOOL_NAMES.map((t): [string, string] => [t.toLowerCase(), t]),
  ...TECH.map((t): [string, string] => [t.toLowerCase(), t]),
  ...Object.entries(ALIASES),
]);

/**
 * How a product named in prose is shown: in its canonical casing ("typescript" → TypeScript),
 * but as written where the writer chose another name for it ("Go", not Golang; "Node", not
 * Node.js), since the reader looks for the name they wrote.
 */
export function productSpelling(written: string): string {
  // Only a name written all in lower case takes the canonical casing: "GCC" and "FFmpeg" are
  // spellings of their own, "openssl" and "OpenSSL" both the makers'.
  if (SPELLINGS.has(written) || written !== written.toLowerCase()) return written;
  const canonical = TECH_NAMES.get(written);
  return canonical !== undefined && canonical.toLowerCase() === written ? canonical : written;
}

/** Every spelling the lists give a name, as written: "bash" the command beside "Bash" the shell. */
const SPELLINGS: ReadonlySet<string> = new Set([...TECH, ...TOOL_NAMES]);

/** Every listed name in lower case, without the aliases ("sh", "shell", "node"). */
export const LISTED_NAMES: ReadonlySet<string> = new Set([...SPELLINGS].map((n) => n.toLowerCase()));

/** Names spelt in lower case by their makers (`npm`, `lodash`, `bash`): in prose they are names, not words. */
export const LOWER_CASE_SPELLINGS: readonly string[] = [...SPELLINGS].filter((n) => n === n.toLowerCase() && /^[a-z][a-z0-9]+$/.test(n));

/**
 * Data formats, encodings and protocols: topics of an answer, but no entity in it, as a
 * reader tags entities ("Return JSON over HTTP" names no thing). Lower case.
 */
export const NOT_ENTITY_NAMES: ReadonlySet<string> = new Set([
  'json',
  'yaml',
  'yml',
  'toml',
  'xml',
  'csv',
  'tsv',
  'http',
  'https',
  'tcp',
  'udp',
  'utf-8',
  'unicode',
  'rest',
  'websocket',
  'jwt',
  'oauth',
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
// prettier-ignore
export const NAMES_THAT_ARE_WORDS: ReadonlySet<string> = new Set([
  'rest', 'go', 'rust', 'swift', 'express', 'spring', 'ruby', 'react', 'node', 'dart', 'flask', 'jest', 'mocha',
  'rails', 'bun', 'apache', 'electron', 'helm', 'yarn', 'cargo', 'maven', 'julia', 'elixir', 'babel', 'rollup',
  'angular', 'sass', 'prettier', 'storybook', 'playwright', 'tailwind', 'ant', 'make', 'next', 'nest',
]);

/** Well-known organisations. */
// prettier-ignore
export const ORGANIZATIONS: ReadonlySet<string> = new Set(
  [
    'Microsoft', 'Google', 'Anthropic', 'OpenAI', 'Apple', 'Amazon', 'Meta', 'Facebook', 'Mozilla', 'Netflix',
    'IBM', 'Oracle', 'Intel', 'NVIDIA', 'AMD', 'Red Hat', 'Canonical', 'Cloudflare', 'Stripe', 'Shopify',
    'Atlassian', 'JetBrains', 'HashiCorp', 'Docker Inc', 'OpenJS Foundation', 'Linux Foundation',
    'Apache Software Foundation', 'Mozilla Foundation', 'W3C', 'IETF', 'WHATWG', 'Ecma International',
    'TC39', 'Samsung', 'Twitter', 'Uber', 'Airbnb', 'Spotify', 'Salesforce', 'Adobe', 'Alibaba', 'Tencent',
  ].map((o) => o.toLowerCase()),
);

/**
 * Acronyms that name a technology, a format, a concept or a licence, never an organisation,
 * so "the API", "the PEM key" or "by the HMAC" is not taken for a body like "the IETF"
 * (see {@link ORG_ACTOR_BEFORE}). Lower case. Grown from the organisations the rule found in
 * README prose of node_modules (the developer-prose eval), never from the held-out sets.
 */
// prettier-ignore
export const TECH_ACRONYMS: ReadonlySet<string> = new Set(
  (
    'api apis cli ui ux url uri cpu gpu ram rom ssd sdk ide lsp ast jit gc vm os db orm sql css html xml csv pdf json yaml ' +
    'http https tcp udp ip dns tls ssl ssh ftp smtp cdn ci cd pr mr qa faq todo readme id uuid guid utf ascii jwt oauth ' +
    'rest crud spa ssr csr dom cssom svg png jpg gif mvp sla rfc cve tty pid env ttl lru fifo io npm ecs eks rds iam vpc ' +
    // Web, security and crypto.
    'xss csrf ssrf xxe rce sqli cors csp hsts sri xhr ajax pwa seo cms wasm esm cjs umd iife mjs cdn sso mfa otp totp ' +
    'rbac acl pki ca crl ocsp aes des rsa ecdsa ecdh dsa sha md5 crc hmac pem der pfx jws jwe jwk jwks oidc saml ldap ' +
    'ntlm pat msal wam tfs gpg pgp ddos dos mitm cwe cvss sbom sast dast poc waf ' +
    // Systems, networks and hardware.
    'ipc rpc grpc soap wsdl mqtt amqp imap pop mime lan wan vpn nat dhcp arp bgp icmp mtu qos ntp nfs smb rdp vnc sftp scp ' +
    'quic tld urn ipv dpi fps rgb rgba hsl cmyk hdd nvme usb hdmi pcie sata bios uefi mbr raid nas san simd mmu dma irq ' +
    'arm risc tpu fpga asic iot oom aot ir cfg dag bfs dfs lfu lifo nio jvm jre jdk clr wsl gui tui repl lts eol eof ' +
    'crlf lf cr nul null nan utc gmt dst tz rtt stdin stdout stderr cwd uid gid path home tmp sudo ' +
    // Practice and business shorthand.
    'oop fp tdd bdd ddd dry kiss acid etl olap oltp ml ai llm llms nlp ocr gpt saas paas iaas faas sre uat kpi okr roi ' +
    'eta tbd wip lgtm fyi asap tldr dto dao mvc mvvm ssg isr mpa cte ddl dml udf rss wcag aria lcp cls fid ttfb tti inp ' +
    'iri idna dsgvo rgpd lopd ki ia bd bdd ue ce ' +
    'ie msie mbp dtd csi pkce mcp afinn gdpr hipaa pci soc sox eula tos gpl lgpl agpl bsd mpl spdx oss foss ' +
    // Media and file formats.
    'jpeg webp avif mp3 mp4 wav epub rtf tsv hex ansi zip ntfs fat exfat apfs ext4 jar war apk ipa dmg msi ' +
    // Document series and product lines numbered like standards: "PEP 484", "FIPS 140", "RTX 4090".
    'pep fips rtx gtx sp'
  ).split(' '),
);

/**
 * Words before an unknown acronym that make it an actor, so an organisation: "the IETF",
 * "reported to the NSA", "published by NIST", "a grant from ESA", "she works at CERN".
 */
export const ORG_ACTOR_BEFORE = /(?:\b(?:the|by|from|at|for|joined|joining|join|according\s+to|via)\s+(?:the\s+)?)$/i;

/**
 * Verbs after an unknown acronym that an actor does: "NASA published", "OWASP lists",
 * "NIST recommends". Plain "is"/"has" are left out: "NULL is" would read as a body.
 */
export const ORG_ACTOR_AFTER =
  /^\s+(?:(?:also|now|still|recently|officially|finally|has|have|had)\s+)?(?:announce[sd]?|recommend(?:s|ed)?|publish(?:es|ed)?|released|maintain(?:s|ed)?|define[sd]?|list(?:s|ed)|say[s]?|said|warn(?:s|ed)?|issued|approve[sd]?|certif(?:y|ies|ied)|host(?:s|ed)|funded|sponsor(?:s|ed)|offered|provide[sd]?|reported|launch(?:es|ed)|introduce[sd]?|standardi[sz]e[sd]?|acquire[sd]?|own(?:s|ed)|operate[sd]?|founded|signed|requires|required|mandate[sd]?|regulate[sd]?|advise[sd]?|suggest(?:s|ed)|confirm(?:s|ed)|partner(?:s|ed)|hire[sd]|employ(?:s|ed)|runs|ran|built|develop(?:s|ed)|designed|created|updated|revised|retired|deprecated|adopted|ratified|registers|registered|assigns|assigned|oversees|manages|managed|governs|audits|audited|investigates|investigated|fined|sued|banned|awarded|granted|measured|observed|estimates|estimated|tracks|tracked|detected|discovered|built)\b/i;

/** Nouns after an unknown acronym that say an organisation's people or output: "NIST guidelines", "CERN researchers". */
export const ORG_NOUN_AFTER =
  /^\s+(?:meetings?|conferences?|summit|plenary|assembly|vote|guidelines?|guidance|recommendations?|researchers?|engineers?|scientists?|staff|members?|spokes(?:person|man|woman)|headquarters|board|committee|working\s+group|advisory|advisories|bulletin|announcement|press\s+release|survey|study|report|grant|funding|mission|missions|telescope|satellite|officials?|director|chair|president|CEO|employees?|team)\b/;

/**
 * Nouns after an acronym that make it a modifier of a technical thing, not an actor: "the
 * WSL path", "the XS version", "the MIT license". They veto {@link ORG_ACTOR_BEFORE}.
 */
export const TECH_NOUN_AFTER =
  /^\s+(?:paths?|versions?|keys?|files?|formats?|protocols?|algorithms?|librar(?:y|ies)|licen[cs]es?|encoded|encoding|channels?|variables?|environments?|payloads?|secrets?|modes?|strings?|tokens?|codes?|protection|methods?|headers?|values?|types?|clients?|servers?|sdks?|data|ids?|names?|signatures?|certificates?|modules?|packages?|plugins?|extensions?|flags?|options?|settings?|parsers?|specs?|specifications?|syntax|schemas?|fields?|records?|requests?|responses?|endpoints?|calls?|port|ports|address(?:es)?|buffers?|streams?|events?|handlers?|errors?|builds?|binar(?:y|ies)|devices?|drivers?|chips?|cards?|bus|layers?|stacks?|tables?|queries|query|indexes|index|columns?|rows?|pages?|tags?|attributes?|elements?|nodes?|trees?|files?|blocks?|chunks?|bytes?|bits?|mask|masks|characters?|chars?|text|output|input|support|compatible|compliant|based|style|lists?|escape|loaders?|issues?|bugs?)\b/i;

/**
 * English words written with a capital that name no person, body or product: days, months,
 * and languages and nationalities ("by Friday", "the Spanish docs"). Lower case.
 */
// prettier-ignore
export const NOT_NAMES: ReadonlySet<string> = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july august ' +
    'september october november december english french german spanish italian portuguese dutch russian chinese ' +
    'japanese korean vietnamese thai arabic hebrew hindi turkish polish swedish norwegian danish finnish greek czech ' +
    'ukrainian indonesian persian american british european canadian australian indian african asian latin'
  ).split(' '),
);

/** Words that end organisation names. */
// prettier-ignore
export const ORG_SUFFIXES: ReadonlySet<string> = new Set(
  ['inc', 'corp', 'corporation', 'foundation', 'labs', 'ltd', 'llc', 'gmbh', 'group', 'university', 'institute', 'consortium', 'team', 'software', 'technologies', 'systems'],
);

/** Common given names: a capitalised run starting with one reads as a person. */
// prettier-ignore
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
