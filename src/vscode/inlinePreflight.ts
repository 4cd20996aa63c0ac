import * as vscode from 'vscode';
import { buildInlineContext, buildInlinePrompt, type InlineContext } from '../core/inline/context';
import { INLINE_PRESETS, findPreset } from '../core/inline/presets';
import { describeFindings, detectSecrets } from '../core/inline/secrets';
import { estimateTokens, trimToTokens } from '../core/inline/tokens';

/** Arguments `claudeStream.askAboutSelection` accepts from keybindings, code actions and scripts. */
export interface AskArgs {
  /** Skips the quick pick; the ask is then scripted and never shows a dialog. */
  question?: string;
  /** A preset id (explain, bugs, tests, refactor, comments); also skips the pick. */
  preset?: string;
  /** Document and range to ask about, instead of the active editor's selection. */
  uri?: vscode.Uri;
  range?: vscode.Range;
}

/** Why an ask was not sent. */
export type RefusalReason = 'no_editor' | 'empty' | 'too_large' | 'secret' | 'cancelled';

/** An ask ready to send, or the reason it will not be. */
export type Preflight =
  | { ok: true; question: string; title: string; prompt: string; context: InlineContext; range: vscode.Range; trimmed: boolean }
  | { ok: false; reason: RefusalReason; message: string };

/** Reads `{ question, preset, uri, range }` from an untyped command argument. */
export function parseAskArgs(args: unknown): AskArgs {
  if (typeof args !== 'object' || args === null) return {};
  const raw = args as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  return {
    question: text(raw.question),
    preset: text(raw.preset),
    uri: raw.uri instanceof vscode.Uri ? raw.uri : undefined,
    range: raw.range instanceof vscode.Range ? raw.range : undefined,
  };
}

/** The quick pick: the presets, and whatever the user types as a question of their own. */
async function pickQuestion(): Promise<{ question: string; title: string } | undefined> {
  type Item = vscode.QuickPickItem & { question: string; title: string };
  const presets: Item[] = INLINE_PRESETS.map((p) => ({ label: p.label, description: p.description, question: p.question, title: p.label.replace(/^\$\([^)]*\)\s*/, '') }));
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'Ask Claude about the selection';
  pick.placeholder = 'Pick a preset, or type your own question and press Enter';
  pick.items = presets;
  // Opened from the editor's context menu, the pick would lose focus to the editor as the menu closes.
  pick.ignoreFocusOut = true;
  pick.onDidChangeValue((value) => {
    const own: Item[] = value.trim() ? [{ label: `$(question) ${value}`, description: 'Ask this', alwaysShow: true, question: value, title: 'Question' }] : [];
    pick.items = [...own, ...presets];
  });
  try {
    return await new Promise((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
  } finally {
    pick.dispose();
  }
}

const refuse = (reason: RefusalReason, message: string): Preflight => ({ ok: false, reason, message });

/**
 * Everything before an ask is sent: the question, the size check (trim or cancel) and the
 * secret check (send anyway or cancel). A scripted ask (`{ question }` or `{ preset }`)
 * shows no dialog: what would need the user's consent is refused instead.
 */
export async function preflight(
  document: vscode.TextDocument,
  selection: vscode.Range,
  args: AskArgs,
  limits: { contextLines: number; maxSelectionTokens: number },
): Promise<Preflight> {
  if (selection.isEmpty || document.getText(selection).trim() === '') return refuse('empty', 'Select some code to ask Claude about.');
  const scripted = args.question !== undefined || args.preset !== undefined;
  const preset = args.preset ? findPreset(args.preset) : undefined;
  if (args.preset && !preset) return refuse('cancelled', `Unknown preset "${args.preset}".`);
  const chosen =
    args.question !== undefined
      ? { question: args.question, title: 'Question' }
      : preset
        ? { question: preset.question, title: preset.label.replace(/^\$\([^)]*\)\s*/, '') }
        : await pickQuestion();
  if (!chosen) return refuse('cancelled', 'Cancelled.');

  let text = document.getText(selection);
  let range = selection;
  let trimmed = false;
  const tokens = estimateTokens(text);
  const max = limits.maxSelectionTokens;
  if (tokens > max) {
    const size = `The selection is about ${tokens.toLocaleString('en-US')} tokens (≈ characters ÷ 4), over the ${max.toLocaleString('en-US')}-token limit (claudeStream.inline.maxSelectionTokens).`;
    if (scripted) return refuse('too_large', `${size} Nothing was sent; select less or raise the limit.`);
    const choice = await vscode.window.showWarningMessage(size, { modal: true, detail: 'Trim sends only the first lines that fit.' }, 'Trim to Limit');
    if (choice !== 'Trim to Limit') return refuse('cancelled', 'Cancelled: the selection is too large.');
    const cut = trimToTokens(text, max);
    text = cut.text;
    const end = document.positionAt(document.offsetAt(selection.start) + text.length);
    range = new vscode.Range(selection.start, end);
    trimmed = true;
  }

  const path = vscode.workspace.asRelativePath(document.uri);
  const input = {
    document: { lineCount: document.lineCount, lineText: (n: number) => document.lineAt(n).text },
    start: range.start,
    end: range.end,
    selection: text,
    languageId: document.languageId,
    path,
  };
  let context = buildInlineContext({ ...input, contextLines: limits.contextLines });
  let prompt = buildInlinePrompt(context, chosen.question);
  if (estimateTokens(prompt) > max + 1_000) {
    // Context lines can be huge (minified code); the selection matters, its neighbours do not.
    context = buildInlineContext({ ...input, contextLines: 0 });
    prompt = buildInlinePrompt(context, chosen.question);
  }

  const scanned = [context.before?.text, context.selection, context.after?.text].filter((t): t is string => t !== undefined).join('\n');
  const findings = detectSecrets(scanned, path).map((f) => (f.line ? { ...f, line: f.line + (context.before?.firstLine ?? context.firstLine) - 1 } : f));
  if (findings.length) {
    const warning = `${describeFindings(findings)} Claude would receive it as part of the question.`;
    if (scripted) return refuse('secret', `${warning} Nothing was sent.`);
    const choice = await vscode.window.showWarningMessage(warning, { modal: true, detail: 'Remove the secret from the selection, or send it anyway.' }, 'Send Anyway');
    if (choice !== 'Send Anyway') return refuse('cancelled', 'Cancelled: the selection looks like it contains a secret.');
  }
  return { ok: true, question: chosen.question, title: chosen.title, prompt, context, range, trimmed };
}
