/**
 * The chat's colours in the light, dark and high-contrast themes, read inside the webview of a
 * real workbench (code-server + headless Chromium): what our media/chat.css makes of each
 * theme's variables, and the contrast a reader gets. Screenshots go to `screenshots/`.
 */
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { startMockAnthropicServer, type MockAnthropicServer } from '../server';
import { launchWorkbench, type Workbench } from './support/workbench';

/** Prose, inline code and a highlighted code block: every kind of text an answer shows. */
const SAMPLE = [
  'Retries should back off, as `retry()` does below, so a busy server gets room to recover.',
  '```typescript\nexport async function retry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {\n  for (let i = 0; ; i++) {\n    try {\n      return await run();\n    } catch (error) {\n      if (i + 1 >= attempts) throw error;\n    }\n  }\n}\n```',
  'Three attempts are usually enough.',
].join('\n\n');

/** What the newest answer looks like, and what the theme's variables resolve to, in one webview. */
interface Look {
  panel: string;
  text: string;
  foreground: string;
  codeBlock: string;
  codeBlockVar: string;
  codeBorder: string;
  codeBorderWidth: string;
  codeBorderVar: string;
  contrastBorder: string;
  inlineCode: string;
  inlineText: string;
  /** Lowest WCAG contrast of each kind of text against the colour behind it. */
  contrast: Record<string, number>;
}

/** Source text evaluated in the webview (tsx's helpers do not exist in the page). */
const LOOK = `(() => {
  const answer = [...document.querySelectorAll('[data-role="assistant"]')].pop();
  const style = (el, prop) => getComputedStyle(el).getPropertyValue(prop);
  // A variable as the browser computes it; CSSOM writes are allowed under the page's CSP.
  const resolve = (prop, value) => {
    const probe = document.createElement('div');
    probe.style.setProperty(prop, value);
    document.body.append(probe);
    const out = getComputedStyle(probe).getPropertyValue(prop);
    probe.remove();
    return out;
  };
  // color-mix() computes to "color(srgb r g b)" with channels in 0–1; rgb() has them in 0–255.
  const rgb = (c) => { const n = (c.match(/[\\d.]+/g) || []).map(Number); return c.startsWith('color(') ? n.map((v, i) => (i < 3 ? v * 255 : v)) : n; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const behind = (el) => { for (let n = el; n; n = n.parentElement) { const c = rgb(getComputedStyle(n).backgroundColor); if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3); } return [255, 255, 255]; };
  const ratio = (el) => { const a = lum(rgb(getComputedStyle(el).color).slice(0, 3)); const b = lum(behind(el)); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
  const kinds = { prose: 'p', 'inline code': ':not(pre) > code', 'code block text': 'pre.code-block code', 'highlighted token': 'pre.code-block [class*="hljs-"]' };
  const contrast = {};
  for (const [what, selector] of Object.entries(kinds)) {
    const els = [...answer.querySelectorAll(selector)];
    if (els.length) contrast[what] = Math.min(...els.map(ratio));
  }
  const pre = answer.querySelector('pre.code-block');
  const inline = answer.querySelector(':not(pre) > code');
  return {
    panel: style(document.body, 'background-color'),
    text: style(answer.querySelector('p'), 'color'),
    foreground: resolve('color', 'var(--vscode-foreground)'),
    codeBlock: style(pre, 'background-color'),
    codeBlockVar: resolve('background-color', 'var(--vscode-textCodeBlock-background)'),
    codeBorder: style(pre, 'border-top-color'),
    codeBorderWidth: style(pre, 'border-top-width'),
    codeBorderVar: resolve('border-top-color', 'var(--vscode-contrastBorder, var(--vscode-widget-border, rgba(128, 128, 128, 0.3)))'),
    contrastBorder: resolve('border-top-color', 'var(--vscode-contrastBorder, transparent)'),
    inlineCode: style(inline, 'background-color'),
    inlineText: style(inline, 'color'),
    contrast,
  };
})()`;

const TRANSPARENT = 'rgba(0, 0, 0, 0)';

/** Relative luminance of a computed `rgb(...)` colour, to tell light text from dark. */
function luminance(colour: string): number {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('Chat colours in the VS Code themes', function () {
  this.timeout(120_000);
  let server: MockAnthropicServer;
  let workbench: Workbench;
  let chat: FrameLocator;

  const look = async (): Promise<Look> => (await chat.locator('body').evaluate(LOOK)) as Look;

  /** Waits until the answer's text colour is no longer `previous`: the webview has taken the new theme. */
  async function lookAfterChange(previous: Look): Promise<Look> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const now = await look();
      if (now.text !== previous.text && now.panel !== previous.panel) return now;
      if (Date.now() > deadline) throw new Error(`the chat kept its colours after the theme changed: ${JSON.stringify(now)}`);
      await workbench.page.waitForTimeout(100);
    }
  }

  /** "Preferences: Color Theme" from the palette, then the theme row labelled exactly `label`. */
  async function pickColorTheme(label: string): Promise<void> {
    const { page } = workbench;
    const input = page.locator('.quick-input-widget .quick-input-box input').first();
    const row = (text: string) =>
      page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${text}\\s*$`) }) })
        .first();
    await page.keyboard.press('F1');
    await input.fill('>Preferences: Color Theme');
    await row('Preferences: Color Theme').click();
    await input.fill(label);
    await row(label).click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** What our stylesheet promises in every theme. */
  function assertStyled(theme: string, l: Look): void {
    const where = (what: string) => `${what} in ${theme}: ${JSON.stringify(l)}`;
    assert.equal(l.text, l.foreground, where('answer text is not the theme foreground'));
    assert.equal(l.inlineText, l.foreground, where('inline code text is not the theme foreground'));
    assert.equal(l.codeBlock, l.codeBlockVar, where('the code block background is not the theme code-block colour'));
    assert.notEqual(l.inlineCode, TRANSPARENT, where('inline code has no background of its own'));
    assert.notEqual(l.inlineCode, l.panel, where('inline code does not stand out from the panel'));
    assert.equal(l.codeBorderWidth, '1px', where('the code block has no border'));
    assert.equal(l.codeBorder, l.codeBorderVar, where('the code block border is not the theme border colour'));
    for (const [what, ratio] of Object.entries(l.contrast)) {
      // Token colours are the highlighter palette's choice: reported, asserted only in high contrast.
      if (what !== 'highlighted token' || theme === 'high contrast') assert.ok(ratio >= 3, where(`${what} has a contrast of ${ratio.toFixed(2)}:1`));
    }
    assert.ok((l.contrast.prose ?? 0) >= 4.5, where(`prose has a contrast of ${l.contrast.prose?.toFixed(2)}:1, under 4.5:1`));
  }

  before(async function () {
    this.timeout(120_000);
    server = await startMockAnthropicServer();
    workbench = await launchWorkbench({ name: 'e2e-chat-themes', baseUrl: server.url, apiKey: server.apiKey, theme: 'light', settings: { 'workbench.startupEditor': 'none' } });
    server.enqueue({ text: SAMPLE });
    await workbench.runCommand('Claude: Open Chat');
    chat = await workbench.webviewWith('[data-testid="chat-input"]', 30_000);
    await chat.locator('[data-testid="chat-input"]').fill('How should retries work?');
    await chat.locator('[data-testid="chat-input"]').press('Enter');
    await chat.locator('[data-role="assistant"][data-state="done"] pre.code-block [class*="hljs-"]').first().waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  it('follows the light, dark and high-contrast themes', async () => {
    await chat.locator('pre.code-block').first().scrollIntoViewIfNeeded();
    const light = await look();
    await workbench.screenshot('chat-theme-light');
    await workbench.setTheme('dark');
    const dark = await lookAfterChange(light);
    await workbench.screenshot('chat-theme-dark');
    await pickColorTheme('Dark High Contrast');
    const hc = await lookAfterChange(dark);
    await workbench.screenshot('chat-theme-hc');
    const show = (l: Look) =>
      Object.entries(l.contrast)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', ');
    console.log(`      lowest contrast: light ${show(light)}; dark ${show(dark)}; high contrast ${show(hc)}`);

    assertStyled('light', light);
    assertStyled('dark', dark);
    assertStyled('high contrast', hc);
    // Dark text on a light panel, light text on a dark one.
    assert.ok(luminance(light.text) < luminance(light.panel) && luminance(dark.text) > luminance(dark.panel));
    assert.notEqual(light.codeBlock, dark.codeBlock, 'the code block kept its light background in the dark theme');
    // High contrast draws every code block inside the theme's contrast border.
    assert.notEqual(hc.contrastBorder, TRANSPARENT, 'the high-contrast theme defines no contrast border');
    assert.equal(hc.codeBorder, hc.contrastBorder, 'the code block border is not the high-contrast border');
  });
});
