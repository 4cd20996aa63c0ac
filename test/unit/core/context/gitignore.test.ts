import * as assert from 'node:assert/strict';
import { gitignoreTest, relativeTo } from '../../../../src/core/context/gitignore';

describe('workspace context: what .gitignore leaves out of the # completion', () => {
  const ignored = gitignoreTest([
    { dir: '/repo', text: '*.log\nbuild/\n# a comment\n!keep.log\n' },
    { dir: '/repo/app', text: 'secrets.json\n/local/\n!build/\n' },
  ]);

  it('leaves out a file a pattern names, and every file under an ignored folder', () => {
    assert.equal(ignored('/repo/debug.log'), true);
    assert.equal(ignored('/repo/deep/er/trace.log'), true);
    assert.equal(ignored('/repo/build/out/main.js'), true);
    assert.equal(ignored('/repo/src/main.ts'), false);
  });

  it('applies a nested .gitignore only below its own folder, anchored there', () => {
    assert.equal(ignored('/repo/app/secrets.json'), true);
    assert.equal(ignored('/repo/secrets.json'), false);
    assert.equal(ignored('/repo/app/local/x.txt'), true);
    assert.equal(ignored('/repo/app/src/local/x.txt'), false, 'a leading slash anchors the pattern to the .gitignore folder');
  });

  it('lets a deeper or later "!" pattern bring a file back', () => {
    assert.equal(ignored('/repo/keep.log'), false);
    assert.equal(ignored('/repo/app/build/index.js'), false);
  });

  it('keeps a file out when its folder is ignored, whatever a .gitignore inside that folder says, as git does', () => {
    const test = gitignoreTest([
      { dir: '/repo/logs', text: '!important.txt\n' },
      { dir: '/repo', text: 'logs/\n' },
    ]);
    assert.equal(test('/repo/logs/important.txt'), true);
  });

  it('ignores nothing outside the folders its files sit in, and nothing without files', () => {
    assert.equal(ignored('/elsewhere/debug.log'), false);
    assert.equal(gitignoreTest([])('/repo/debug.log'), false);
  });
});

describe('workspace context: a nested .gitignore pattern said from the top folder', () => {
  it('anchors a pattern with a slash to its folder and lets one without match at any depth below it', () => {
    assert.equal(relativeTo('app', 'secrets.json'), 'app/**/secrets.json');
    assert.equal(relativeTo('app', '/local/'), 'app/local/');
    assert.equal(relativeTo('app', 'docs/*.md'), 'app/docs/*.md');
    assert.equal(relativeTo('app', 'build/'), 'app/**/build/');
    assert.equal(relativeTo('app', '!keep.txt'), '!app/**/keep.txt');
    assert.equal(relativeTo('app', '# note'), '# note');
    assert.equal(relativeTo('', 'anything'), 'anything');
  });
});
