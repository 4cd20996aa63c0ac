import { strict as assert } from 'node:assert';
import { extractEntities, resolveOverlaps } from '../../../../src/core/analysis/entities';

const found = (text: string, code = false) => extractEntities(text, code).map((e) => `${e.type}:${e.text}`);

describe('entity extraction', () => {
  const cases: Array<[string, string]> = [
    ['See https://nodejs.org/api/fs.html for details.', 'url:https://nodejs.org/api/fs.html'],
    ['Mail jane.doe@example.com today.', 'email:jane.doe@example.com'],
    ['Push the branch to github.com and open a PR.', 'url:github.com'],
    ['The guide on docs.python.org covers it.', 'url:docs.python.org'],
    ['Edit /etc/nginx/nginx.conf first.', 'path:/etc/nginx/nginx.conf'],
    ['Open C:\\Users\\me\\app\\index.ts now.', 'path:C:\\Users\\me\\app\\index.ts'],
    ['Change the tsconfig.json file.', 'file:tsconfig.json'],
    ['Add @types/node to devDependencies.', 'package:@types/node'],
    ['It landed in 1.90.2 last week.', 'version:1.90.2'],
    ['It throws a TypeError here.', 'error:TypeError'],
    ['The call fails with ENOENT here.', 'error:ENOENT'],
    ['Node reports ERR_MODULE_NOT_FOUND then.', 'error:ERR_MODULE_NOT_FOUND'],
    ['The kernel sends SIGKILL then.', 'error:SIGKILL'],
    ['Patch CVE-2021-44228 quickly.', 'cve:CVE-2021-44228'],
    ['Set NODE_OPTIONS before starting.', 'env:NODE_OPTIONS'],
    ['Run tsc with --watch enabled.', 'flag:--watch'],
    ['Pass -v to see more.', 'flag:-v'],
    ['Add the @Component decorator.', 'decorator:@Component'],
    ['Then fs.readFile() returns a buffer.', 'call:fs.readFile()'],
    ['The useState hook keeps state.', 'identifier:useState'],
    ['Rename max_retries in config.', 'identifier:max_retries'],
    ['The HttpClient class sends it.', 'identifier:HttpClient'],
    ['It was written by Linus Torvalds in 2005.', 'person:Linus Torvalds'],
    ['Funding came from the Linux Foundation last year.', 'organization:Linux Foundation'],
    ['We ported it from JavaScript to TypeScript quickly.', 'product:TypeScript'],
  ];
  for (const [text, expected] of cases) {
    it(`finds ${expected}`, () => assert.ok(found(text).includes(expected), `${found(text).join(', ')}`));
  }

  it('reads a pinned package as the package and its version, whatever the ecosystem writes between them', () => {
    assert.deepEqual(found('Install @scope/pkg@1.2.3 and lodash@4.17.21.'), ['package:@scope/pkg', 'version:1.2.3', 'package:lodash', 'version:4.17.21']);
    assert.deepEqual(found('Pin requests==2.31.0 in CI.'), ['package:requests', 'version:2.31.0']);
    assert.deepEqual(found('Run go get github.com/spf13/cobra@v1.8.0 first.'), ['package:github.com/spf13/cobra', 'version:v1.8.0']);
    assert.deepEqual(found('pip install "numpy>=1.26,<2" pandas'), ['package:numpy', 'version:1.26', 'package:pandas']);
    // A dist-tag is no version, and a version passed by flag is not a package.
    assert.deepEqual(found('npm i react@latest'), ['package:react']);
    assert.deepEqual(found('gem install rails -v 7.1.3'), ['package:rails', 'flag:-v', 'version:7.1.3']);
  });

  it('prefers an error name over a plain environment constant of the same span', () => {
    assert.deepEqual(found('We saw ERR_INVALID_ARG_TYPE again.'), ['error:ERR_INVALID_ARG_TYPE']);
  });

  it('resolveOverlaps keeps the longer of two overlapping spans', () => {
    const kept = resolveOverlaps([
      { start: 0, end: 5, text: 'a', type: 'file', priority: 9 },
      { start: 2, end: 12, text: 'b', type: 'path', priority: 1 },
      { start: 12, end: 14, text: 'c', type: 'flag', priority: 1 },
    ]);
    assert.deepEqual(
      kept.map((k) => k.text),
      ['b', 'c'],
    );
  });

  it('does not count the first word of a sentence as a proper noun', () => {
    assert.deepEqual(found('Remember to save.'), []);
  });

  it('in code, counts calls and errors but not every variable name', () => {
    const code = found('const userName = await fs.promises.readFile(configPath); throw new RangeError("x");', true);
    assert.deepEqual(code, ['call:fs.promises.readFile()', 'error:RangeError']);
  });
});

describe('entity families that used to be missed', () => {
  it('leaves the full stop after a path to the sentence', () => {
    assert.ok(found('The handler lives in src/server/routes.ts.').includes('path:src/server/routes.ts'));
    assert.ok(found('Move the old logs to /var/log/archive.').includes('path:/var/log/archive'));
  });

  it('finds dotfiles and paths that end in one', () => {
    const got = found('Copy .env.example to ~/project/.env and list dist in .gitignore.');
    for (const e of ['file:.env.example', 'path:~/project/.env', 'file:.gitignore']) assert.ok(got.includes(e), got.join(', '));
  });

  it('finds versioned shared libraries', () => {
    for (const lib of ['libssl.so.3', 'libstdc++.so.6', 'libz.1.dylib']) assert.ok(found(`The loader cannot open ${lib} here.`).includes(`file:${lib}`), lib);
  });

  it('finds the package an install command names, past its flags', () => {
    assert.ok(found('Run pip install numpy first.').includes('package:numpy'));
    assert.ok(found('Then npm i express and start.').includes('package:express'));
    assert.ok(found('Use pnpm add -D vitest for tests.').includes('package:vitest'));
  });

  it('takes a plain word in backticks for an identifier', () => {
    assert.ok(found('Wrap the handler in `debounce` so it fires once.').includes('identifier:debounce'));
  });

  it('finds module paths but not prose such as client/server', () => {
    assert.ok(found('Import debounce from lodash/debounce to stay small.').includes('package:lodash/debounce'));
    assert.ok(found('The helper comes from react-dom/client today.').includes('package:react-dom/client'));
    assert.ok(!found('It is a classic client/server design.').some((e) => e.includes('client/server')));
  });

  it('finds people with several names and organisations named by an acronym', () => {
    assert.ok(found('Yesterday Guido van Rossum spoke.').includes('person:Guido van Rossum'));
    assert.ok(found('The review came from Tomasz Kowalski today.').includes('person:Tomasz Kowalski'));
    assert.ok(found('The patch was reported to the NSA by a researcher.').includes('organization:NSA'));
    assert.ok(!found('Call the API from the CLI.').some((e) => e.startsWith('organization:')));
  });

  it('finds every package an install command names, past flags, and no file given to -r', () => {
    const pkgs = (text: string) => found(text).filter((e) => e.startsWith('package:'));
    assert.deepEqual(pkgs('Run npm install express cors dotenv to get started.'), ['package:express', 'package:cors', 'package:dotenv']);
    assert.deepEqual(pkgs('Then pip install numpy pandas matplotlib.'), ['package:numpy', 'package:pandas', 'package:matplotlib']);
    assert.deepEqual(pkgs('sudo apt-get install -y build-essential libpq-dev'), ['package:build-essential', 'package:libpq-dev']);
    assert.deepEqual(pkgs('Use poetry add httpx, or conda install scipy.'), ['package:httpx', 'package:scipy']);
    assert.deepEqual(found('brew install postgresql@16 works on macOS.'), ['package:postgresql', 'version:16', 'product:macOS']);
    assert.deepEqual(pkgs('Then cargo add serde --features derive and build.'), ['package:serde']);
    assert.deepEqual(pkgs('Run pip install -r requirements.txt first.'), []);
    assert.ok(found('Run pip install -r requirements.txt first.').includes('file:requirements.txt'));
  });

  it('reads Windows paths with spaces, dunder names, calls at a sentence start and lower-case library names', () => {
    assert.ok(found('Open C:\\Program Files\\nodejs\\node.exe or add it to PATH.').includes('path:C:\\Program Files\\nodejs\\node.exe'));
    assert.ok(found('Use path.join(__dirname, "assets") here.').includes('identifier:__dirname'));
    const call = found('Call JSON.parse() inside a try block.');
    assert.ok(call.includes('call:JSON.parse()') && !call.some((e) => e.startsWith('organization:')), call.join(', '));
    assert.ok(found('The client wraps axios and retries.').includes('package:axios'));
  });

  it('reads dotfiles whole, with their extension, and paths inside dot folders', () => {
    assert.ok(found('Pin the version in .tool-versions for asdf.').includes('file:.tool-versions'));
    assert.ok(found('The CI reads .gitlab-ci.yml first.').includes('file:.gitlab-ci.yml'));
    assert.ok(found('Lint rules are in .flake8 today.').includes('file:.flake8'));
    assert.ok(found('Edit .git/config to add the remote.').includes('path:.git/config'));
    assert.ok(found('The .husky/pre-commit hook runs lint.').includes('path:.husky/pre-commit'));
    assert.deepEqual(
      found('Call .then() on it, or use .map on the array.').filter((e) => e.startsWith('file:')),
      [],
    );
  });

  it('finds module paths named after use or load, scoped subpaths and node: modules, but not try/catch', () => {
    assert.ok(found('Load next/router in the page.').includes('package:next/router'));
    assert.ok(found('Import it from @mui/material/Button.').includes('package:@mui/material/Button'));
    assert.ok(found('Import from node:fs/promises today.').includes('package:node:fs/promises'));
    assert.deepEqual(found('Use try/catch around it, with a read/write lock.'), []);
    assert.ok(!found('Import Image from next/image.').some((e) => e.startsWith('person:')));
  });

  it('reads hyphenated names, middle initials and names after a title', () => {
    assert.ok(found('I asked Jean-Luc Picard to review it.').includes('person:Jean-Luc Picard'));
    assert.ok(found('Our manager, Fatima Al-Sayed, signed off.').includes('person:Fatima Al-Sayed'));
    assert.ok(found('Written by Donald E. Knuth.').includes('person:Donald E. Knuth'));
    const titled = found('Talk to Dr. Ruth Nakamura before merging.');
    assert.deepEqual(titled, ['person:Ruth Nakamura']);
  });

  it('reads environment variables without an underscore where the text makes them one, decorators with (), and no version in an IP address', () => {
    assert.ok(found('Set PYTHONPATH=src first.').includes('env:PYTHONPATH'));
    assert.ok(found('Print $HOME in the shell.').includes('env:HOME'));
    assert.ok(found('Then export EDITOR=vim once.').includes('env:EDITOR'));
    assert.ok(found('Read the PORT variable at start.').includes('env:PORT'));
    assert.ok(found('Use @Injectable() on the service.').includes('decorator:@Injectable()'));
    assert.deepEqual(found('Requests to 127.0.0.1:8080 time out.'), []);
  });

  it('finds people and bodies in languages that capitalise names only, and acronyms after an article', () => {
    const fr = extractEntities("Selon l'QZTA, Émilie Dubois a quitté la QZTB.", false, 'fr').map((e) => `${e.type}:${e.text}`);
    assert.ok(fr.includes('organization:QZTA') && fr.includes('organization:QZTB') && fr.includes('person:Émilie Dubois'), fr.join(', '));
    const de = extractEntities('Das QZTA warnt vor der Lücke, die API nicht.', false, 'de').map((e) => `${e.type}:${e.text}`);
    assert.deepEqual(de, ['organization:QZTA']);
    const ru = extractEntities('Доклад прочитала Ольга Смирнова из Казани.', false, 'ru').map((e) => `${e.type}:${e.text}`);
    assert.ok(ru.includes('person:Ольга Смирнова'), ru.join(', '));
    // A stop word of the sentence's language ends an install command's packages.
    assert.deepEqual(
      extractEntities('Führe npm install express aus, um es zu installieren.', false, 'de')
        .filter((e) => e.type === 'package')
        .map((e) => e.text),
      ['express'],
    );
    // German capitalises nouns: two of them in a row are no name.
    assert.deepEqual(extractEntities('In der Schule Mathematik lernen.', false, 'de'), []);
  });

  // Made-up acronyms, so no list of organisations can be what finds them.
  it('takes an unknown acronym for an organisation where the sentence makes it an actor', () => {
    for (const text of [
      'The guidance was published by QZTA in March.',
      'QZTA recommends rotating keys every year.',
      'She worked at QZTA before the merger.',
      "QZTA's auditors signed off on the design.",
      'Follow the QZTA guidelines for storage.',
      'The QZTA approved the proposal.',
    ])
      assert.ok(found(text).includes('organization:QZTA'), text);
  });

  it('takes the partner of an organisation for one, reads an acronym that spells a stop word, and keeps errno names for error codes', () => {
    assert.ok(found('QZTA and XPLR signed a deal.').includes('organization:QZTA'));
    assert.ok(found('Both QZTA and the XPLR responded.').includes('organization:QZTA'));
    assert.ok(found('According to the WHO, it is over.').includes('organization:WHO'));
    assert.ok(found('The guidance from ENISA is clear.').includes('organization:ENISA'));
    assert.deepEqual(found('It fails with ENOENT or EACCES.'), ['error:ENOENT', 'error:EACCES']);
    assert.deepEqual(found('It is NOT a bug, and the API and CLI both work.'), []);
    assert.ok(!found('Please do NOT report it via email.').some((e) => e.startsWith('organization:')));
  });

  it('does not take technology acronyms or acronyms that modify a technical noun for organisations', () => {
    for (const text of [
      'Set the value to NULL before you save.',
      'The XSS protection is on by default.',
      'Use the QZTA path for the socket.',
      'This is licensed under the QZTA license.',
      'Convert the timestamp to UTC with the helper.',
      'The flow uses PKCE with the HMAC secret.',
      'The QZTA issues are tracked upstream.',
    ])
      assert.ok(!found(text).some((e) => e.startsWith('organization:')), `${text} → ${found(text).join(', ')}`);
  });

  it('finds module paths of every ecosystem, followed by punctuation, and leaves member accesses alone', () => {
    for (const [text, path] of [
      ['Bring in lodash/merge, then deep-copy.', 'lodash/merge'],
      ['Prefer svelte/store for shared state.', 'svelte/store'],
      ['We import yaml from gopkg.in/yaml.v3 in the loader.', 'gopkg.in/yaml.v3'],
      ['Serialize with serde_json::Value when the shape varies.', 'serde_json::Value'],
      ['We use core::fmt in no_std crates.', 'core::fmt'],
      ['Python ships importlib.metadata for version lookups.', 'importlib.metadata'],
      ['Use javax.crypto; it is built in.', 'javax.crypto'],
      ['from django.db import models', 'django.db'],
      ['The Kotlin code depends on kotlinx.serialization.', 'kotlinx.serialization'],
      ['Import from jsr:@oak/oak in the server.', 'jsr:@oak/oak'],
      ['Deno can load npm:chalk@5 directly.', 'npm:chalk'],
    ])
      assert.ok(found(text).includes(`package:${path}`), `${text} → ${found(text).join(', ')}`);
    const members = found('Read os.environ, call json.loads and check user.name, e.g. in tests.');
    assert.ok(!members.some((e) => e.startsWith('package:') || e.endsWith(':e.g')), members.join(', '));
    assert.ok(found('Visit example.com/docs/api for more.').includes('path:example.com/docs/api'));
    assert.ok(found('Call os.path.join() on both parts.').includes('call:os.path.join()'));
  });

  it('does not take the tool of an install command for a product named', () => {
    assert.deepEqual(found('Install it with npm install -g pnpm today.'), ['flag:-g', 'package:pnpm']);
    assert.ok(found('Then npm is ready.').includes('product:npm'));
  });

  it("reads names with initials, several particles, O' and Mc, and a title inside a sentence", () => {
    assert.ok(found('The proof is due to J. K. Rowling, not to me.').includes('person:J. K. Rowling'));
    assert.ok(found('The fix came from Pieter van den Broek.').includes('person:Pieter van den Broek'));
    assert.ok(found('Ask Dr. Grace Hopper before the merge.').includes('person:Grace Hopper'));
    assert.ok(found("I paired with Sinead O'Brien and Ronald McDonald.").includes("person:Sinead O'Brien"));
    assert.deepEqual(found('Use option B. Then restart the server.'), []);
  });

  it('takes the body of a numbered standard for an organisation, but not a weekday, a language or a numbered product line', () => {
    assert.ok(found('QZTA 4021 defines the cable colours.').includes('organization:QZTA'));
    for (const text of ['PEP 484 added type hints.', 'An RTX 4090 is fast.', 'Ship it by Friday after the review.', 'The Spanish docs lag behind.']) {
      assert.deepEqual(found(text), [], text);
    }
  });
});
