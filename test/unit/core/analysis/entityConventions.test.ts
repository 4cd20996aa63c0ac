import { strict as assert } from 'node:assert';
import { extractEntities } from '../../../../src/core/analysis/entities';

const found = (text: string) => extractEntities(text).map((e) => `${e.type}:${e.text}`);
const has = (text: string, ...expected: string[]) => {
  const got = found(text);
  for (const e of expected) assert.ok(got.includes(e), `${text} → ${got.join(', ')} (wanted ${e})`);
};
const lacks = (text: string, ...unwanted: string[]) => {
  const got = found(text);
  for (const e of unwanted) assert.ok(!got.some((g) => g === e || g.endsWith(`:${e}`)), `${text} → ${got.join(', ')} (did not want ${e})`);
};

describe('entities as a reader tags them', () => {
  it('reads a release number after a known product as a version, and not after any capitalised word', () => {
    has('Python 3.12 removed distutils, so old setup scripts break.', 'product:Python', 'version:3.12', 'package:distutils');
    has('We still support Django 4 in the legacy app.', 'version:4');
    has('Import golang.org/x/exp/slices until we move to Go 1.21.', 'product:Go', 'version:1.21');
    lacks('Pick Option 1 or Layer 2 in the dialog.', '1', '2');
    lacks('Give Redis 2 GB of memory.', '2');
  });

  it('takes a flag by its name, whatever value it is given', () => {
    has('Set NODE_OPTIONS=--max-old-space-size=4096 for the build.', 'env:NODE_OPTIONS', 'flag:--max-old-space-size');
  });

  it('shows a product as its makers spell it, or as written where the writer chose another name', () => {
    has('Of course they do not load in bash.', 'product:bash');
    has('Our Go binary is fully static now.', 'product:Go');
    has('Requires Node 18.17 or later.', 'product:Node', 'version:18.17');
    has('Deploy it with kubectl and k8s manifests.', 'product:kubectl');
  });

  it('types libraries as packages and tools as products', () => {
    has('I switched from urllib.request to httpx last week.', 'package:httpx');
    has('Contributors lint with ruff and check types with mypy.', 'product:ruff', 'product:mypy');
    has('The client wraps axios and retries.', 'package:axios');
  });

  it('leaves data formats and protocols to the topics', () => {
    const got = found('Return JSON over HTTP and keep the YAML config small.');
    assert.deepEqual(got, []);
    lacks('TODO: update the README once the API is stable.', 'README');
    has('See README.md for the setup.', 'file:README.md');
  });

  it('drops a verb that opens the sentence from the name after it, but keeps a given name', () => {
    lacks('Requires Node 18.17 or later.', 'Requires Node');
    has('Rob Pike and Ken Thompson sketched UTF-8 on a placemat.', 'person:Rob Pike', 'person:Ken Thompson');
  });

  it('takes an acronym that is the subject of a verb for an organisation, and one that modifies a noun for none', () => {
    has('CISA added the bug to its catalog on Friday.', 'organization:CISA');
    has('ISO and IEC jointly publish most language standards.', 'organization:ISO', 'organization:IEC');
    has('TC39 meets every two months.', 'organization:TC39');
    has('The onboard software was written for NASA.', 'organization:NASA');
    lacks('QZTA drivers crash often on these boards.', 'QZTA');
    lacks('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.', 'SOFTWARE IS PROVIDED');
    lacks('The ZIP64 End of Central Directory record comes last.', 'ZIP64 End');
  });

  it('reads paths under a project folder, dotfiles in a folder and tool caches', () => {
    has('Where does Cargo put the artifacts, target/debug or target/release?', 'path:target/debug', 'path:target/release');
    has("Please don't commit anything under build/generated; it is regenerated.", 'path:build/generated');
    has('Move the secrets out of config/.env.production and into Vault.', 'path:config/.env.production');
    has('Add .venv and .mypy_cache to .dockerignore.', 'file:.mypy_cache', 'file:.venv', 'file:.dockerignore');
    has('Gradle only looks for app/build.gradle.kts now.', 'path:app/build.gradle.kts');
    has('Both lib/utils/strings.ts and packages/core/src/strings.ts export it.', 'path:lib/utils/strings.ts', 'path:packages/core/src/strings.ts');
    lacks('The client/server split stays.', 'client/server');
  });

  it('finds the packages of remove commands and conda pins, and ends the list at the sentence verb', () => {
    has('npm uninstall moment && npm i dayjs shaved 200 KB off the bundle.', 'package:moment', 'package:dayjs');
    lacks('npm uninstall moment && npm i dayjs shaved 200 KB off the bundle.', 'shaved', 'KB');
    lacks('poetry add pydantic@2.6.1 broke our validators.', 'broke');
    has('Run pip install flask requests gunicorn to start.', 'package:flask', 'package:requests', 'package:gunicorn');
    has('On the cluster I had to conda install -y scikit-learn=1.4.0 first.', 'package:scikit-learn', 'version:1.4.0');
    // A closing backtick ends the command: the next bullet's "Import:" is no package.
    lacks('-   Install: `npm install --save textextensions` -   Import: `import pkg from "textextensions"`', 'package:Import');
  });

  it('names a one-word package where the prose says it is one', () => {
    has('Is HashMap slower than the hashbrown crate?', 'package:hashbrown');
    has('We replaced github.com/pkg/errors with the standard errors package.', 'package:errors');
    has("You don't need rand as a direct dependency.", 'package:rand');
    lacks('Find the closest package.json to the file.', 'closest');
    lacks('Keep the main module small.', 'main');
  });

  it('reads bodies whose verb the tagger splits or mistakes, and their meetings', () => {
    has('CERN open-sourced the tool under a permissive licence.', 'organization:CERN');
    has('ESA and JAXA share the telemetry format.', 'organization:ESA', 'organization:JAXA');
    has('TC39 moved the proposal to stage 3 at the last ECMA meeting.', 'organization:ECMA');
    has('The ISO 8601 format is what the API expects.', 'organization:ISO');
  });

  it('keeps a known name apart from the acronym after it, and names no prize, plural acronym or shouted word', () => {
    has('José Valim designed Elixir to run on the Erlang VM.', 'product:Erlang', 'person:José Valim');
    has('The CPU spikes, according to the Datadog APM dashboard.', 'product:Datadog');
    lacks('Frances E. Allen won the Turing Award for her work.', 'Turing Award');
    lacks('The bundler rewrites their URLs to /static/media.', 'URLs');
    assert.deepEqual(found('WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES.'), []);
    has('The loader resolves it to the old GCC runtime, not the system FFmpeg.', 'product:GCC', 'product:FFmpeg');
  });

  it('reads release lines, JVM packages with a file-like last part, and an adverb after the packages', () => {
    has('Requires Node 18.17.0 or later; 16.x is end-of-life.', 'version:16.x', 'version:18.17.0');
    has('The bean lives in com.example.billing.service for now.', 'package:com.example.billing.service');
    lacks('poetry add pytest-asyncio@^0.23 quietly pulls in a newer pytest.', 'quietly');
    has('Swap the deprecated imp module for importlib.util.', 'package:imp', 'package:importlib.util');
  });

  it('reads a runtime global member as an identifier and a technology acronym as no body', () => {
    has('Read the token from process.env before the call.', 'identifier:process.env');
    lacks('The CSSOM exposes computed styles.', 'CSSOM');
    has('Read it from os.path first, or from django.db import models.', 'package:os.path');
  });

  it('reads error names that Windows spells with ERROR_', () => {
    has('LoadLibrary fails with ERROR_MOD_NOT_FOUND here.', 'error:ERROR_MOD_NOT_FOUND');
  });
});
