import * as vscode from 'vscode';
import type { ChatStatus, CompletedAnswer, LiveAnalysisPort } from '../core/chat/chatTypes';
import { realTimers, throttleLatest } from '../core/chat/deltaBatcher';
import type { ClaudeStreamConfig } from '../core/config';
import { toStreamSettings } from '../core/config';
import { lastSelectedLine } from '../core/inline/context';
import type { Logger } from '../core/ports';
import { silentLogger } from '../core/ports';
import type { StreamRequest } from '../core/streaming/types';
import { threadsToRetire } from '../core/inline/threadLimit';
import { CHAT_ONLY_ERROR_ACTIONS, ERROR_ACTIONS, type AnswerOutcome, type ErrorAction } from '../core/vocabulary';
import { selectionAttachment } from '../core/chat/attachments';
import type { AttachmentView } from '../shared/protocol';
import type { CodeActions } from './codeActions';
import { Disposable } from './disposable';
import { runErrorAction } from './errorActions';
import { parseAskArgs, preflight, type RefusalReason } from './inlinePreflight';
import { InlineThread, type InlineState, type RunStream } from './inlineThread';

/** What `InlineAsk` needs from the rest of the extension. */
export interface InlineAskDeps {
  /** `StreamRunner.run`: resolves the key (asking when missing), never rejects, stoppable by Stop Generating. */
  runStream: RunStream;
  config(): ClaudeStreamConfig;
  /** Diff preview, confirm and one undoable edit (`CodeActions.applyToRange`). */
  codeActions: Pick<CodeActions, 'applyToRange'>;
  /** Seeds the chat with this exchange (`ChatController.continueExchange`); the chat is opened first. */
  continueInChat(question: string, answer: string, state: AnswerOutcome, context: { prompt: string; attachments: AttachmentView[] }): Promise<void>;
  /** The chat's model picker, for a 404 "unknown model" error. */
  pickModel?(): Promise<void>;
  analysis?: LiveAnalysisPort;
  /** Extra system text, such as learned preferences. */
  systemSuffix?(): string | undefined;
  /** Starts loading the SDK while the user picks a question. */
  prewarm?(): void;
  logger?: Logger;
}

/** What `claudeStream.askAboutSelection` returns, so scripts and tests can tell what happened. */
export type InlineAskResult = { status: 'started'; id: string } | { status: 'refused'; reason: RefusalReason; message: string };

/** One thread as the read-only test hook shows it. */
export interface InlineThreadView {
  id: string;
  uri: string;
  /** [startLine, startCharacter, endLine, endCharacter], 0-based. */
  range: [number, number, number, number];
  state: InlineState;
  question: string;
  answer: string;
  body: string;
  contextValue: string;
  /** Each comment's label, e.g. "lines 15–20" on the question. */
  labels: Array<string | undefined>;
  timing: InlineThread['timing'];
  /** How each comment's body is rendered: model output must stay untrusted markdown. */
  bodies: Array<{ kind: 'string' } | { kind: 'markdown'; isTrusted: unknown; supportHtml: boolean | undefined; supportThemeIcons: boolean | undefined }>;
}

/**
 * Scrolls the thread into view: the widget sits under the range's last line, which after
 * "Trim to Limit" (or a scroll) can be far from where the user is looking.
 */
function revealThread(editor: vscode.TextEditor | undefined, range: vscode.Range): void {
  if (!editor) return;
  const last = new vscode.Position(lastSelectedLine(range.start, range.end), 0);
  editor.revealRange(new vscode.Range(last, last), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * The error fixes an inline thread offers, each a thread-title command. The context actions
 * (new chat, drop oldest turns) belong to a conversation; an inline ask has one turn, and its
 * "Continue in Chat" is the way on.
 */
type InlineErrorAction = Exclude<ErrorAction, (typeof CHAT_ONLY_ERROR_ACTIONS)[number]>;
const INLINE_ERROR_ACTIONS = ERROR_ACTIONS.filter((a): a is InlineErrorAction => !(CHAT_ONLY_ERROR_ACTIONS as readonly string[]).includes(a));

/**
 * "Ask About Selection": the command, its lightbulb, and the comment threads the answers
 * stream into. Several asks can run at once; each follows its code as the file is edited,
 * and closing the file cancels its asks.
 */
export class InlineAsk extends Disposable {
  private readonly controller = this.register(vscode.comments.createCommentController('claudeStream.inline', 'Claude'));
  private readonly threads = new Map<string, InlineThread>();
  private counter = 0;
  private readonly logger: Logger;
  private readonly statusEmitter = this.register(new vscode.EventEmitter<ChatStatus>());
  private readonly answerEmitter = this.register(new vscode.EventEmitter<CompletedAnswer>());
  private readonly signalEmitter = this.register(new vscode.EventEmitter<{ messageId: string; signal: 'copied' | 'applied' }>());
  private readonly postRate = throttleLatest((rate: number) => this.fireStatus(rate), 250, realTimers);

  /** Fires when inline streaming starts, ends, or its rate changes (at most 4/s). Merge with the chat's. */
  readonly onDidChangeStatus = this.statusEmitter.event;
  /** Fires once per finished inline answer, whatever its outcome; `source` is 'inline'. */
  readonly onDidCompleteAnswer = this.answerEmitter.event;
  /** Fires when the user copies or applies an inline answer; `messageId` is the ask id. */
  readonly onDidSignal = this.signalEmitter.event;

  constructor(private readonly deps: InlineAskDeps) {
    super();
    this.logger = deps.logger ?? silentLogger;
    this.register({ dispose: () => this.postRate.cancel() });
    this.register({ dispose: () => [...this.threads.values()].forEach((t) => t.dispose()) });
    const command = (id: string, run: (...args: never[]) => unknown) => this.register(vscode.commands.registerCommand(id, run));
    command('claudeStream.askAboutSelection', (args?: unknown) => {
      this.deps.prewarm?.();
      return this.ask(args);
    });
    command('claudeStream.inline.stop', (target?: unknown) => this.find(target)?.stop());
    command('claudeStream.inline.apply', (target?: unknown) => this.apply(this.find(target)));
    command('claudeStream.inline.copy', (target?: unknown) => this.copy(this.find(target)));
    command('claudeStream.inline.continueInChat', (target?: unknown) => this.continueInChat(this.find(target)));
    command('claudeStream.inline.dismiss', (target?: unknown) => this.dismiss(this.find(target)));
    for (const action of INLINE_ERROR_ACTIONS) command(`claudeStream.inline.${action}`, (target?: unknown) => this.errorAction(action, this.find(target)));
    command('claudeStream.inline.copyRequestId', (target?: unknown) => this.copyRequestId(this.find(target)));
    this.register(
      vscode.languages.registerCodeActionsProvider(
        '*',
        { provideCodeActions: (document, range) => this.codeActions(document, range) },
        {
          providedCodeActionKinds: [InlineAsk.kind],
        },
      ),
    );
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.forDocument(e.document.uri, (t) => t.follow(e.contentChanges))));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.cancelFor(document.uri)));
    // Closing the last tab of a file is "closing the document" to the user, though VS Code may keep the model for minutes.
    this.register(vscode.window.tabGroups.onDidChangeTabs((e) => e.closed.forEach((tab) => this.onTabClosed(tab))));
    if (process.env.CLAUDE_STREAM_TEST_HOOKS === '1') {
      command('claudeStream._test.inlineThreads', () => this.views());
    }
  }

  private static readonly kind = vscode.CodeActionKind.Refactor.append('claude');

  /** Number of inline answers streaming now. */
  get activeCount(): number {
    return [...this.threads.values()].filter((t) => t.state === 'streaming').length;
  }

  /** `claudeStream.askAboutSelection`: asks about the selection and streams the answer into a thread. */
  async ask(rawArgs?: unknown): Promise<InlineAskResult> {
    const args = parseAskArgs(rawArgs);
    const editor = args.uri ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === args.uri?.toString()) : vscode.window.activeTextEditor;
    const document = editor?.document ?? (args.uri ? await vscode.workspace.openTextDocument(args.uri) : undefined);
    if (!document) return this.refused('no_editor', 'Open a file and select some code to ask Claude about.');
    const selection = args.range ?? editor?.selection ?? new vscode.Range(0, 0, 0, 0);
    const config = this.deps.config();
    const checked = await preflight(document, selection, args, config.inline);
    if (!checked.ok) return this.refused(checked.reason, checked.message);
    const id = `inline-${Date.now().toString(36)}-${++this.counter}`;
    const thread = new InlineThread(this.controller, {
      id,
      uri: document.uri,
      languageId: document.languageId,
      range: checked.range,
      question: checked.question,
      title: checked.title,
      prompt: checked.prompt,
      attachment: selectionAttachment(checked.context.path, checked.context.languageId, checked.context.firstLine, checked.context.lastLine, checked.context.selection),
    });
    this.threads.set(id, thread);
    this.retireOldThreads();
    revealThread(editor, checked.range);
    if (checked.trimmed) void vscode.window.showInformationMessage('Claude: the selection was trimmed to the token limit; the thread marks what was sent.');
    void this.start(thread);
    return { status: 'started', id };
  }

  private async start(thread: InlineThread): Promise<void> {
    const config = this.deps.config();
    const request: StreamRequest = {
      messages: [{ role: 'user', content: thread.spec.prompt }],
      settings: toStreamSettings(config),
      systemSuffix: this.deps.systemSuffix?.(),
    };
    const startedAt = Date.now();
    this.fireStatus();
    const result = await thread.run(this.deps.runStream, request, this.deps.analysis, (m) => this.postRate(m.tokensPerSecond));
    this.postRate.cancel();
    this.fireStatus();
    const analysis = await this.deps.analysis?.end(thread.id, result.outcome).catch(() => undefined);
    if (result.outcome === 'error') this.logger.warn(`Inline answer failed: ${result.error?.kind ?? 'unknown'}`);
    this.answerEmitter.fire({ messageId: thread.id, source: 'inline', prompt: thread.spec.prompt, result, analysis, startedAt });
  }

  private fireStatus(tokensPerSecond?: number): void {
    const streaming = this.activeCount > 0;
    this.statusEmitter.fire({ streaming, tokensPerSecond: streaming ? tokensPerSecond : undefined });
  }

  private refused(reason: RefusalReason, message: string): InlineAskResult {
    if (reason !== 'cancelled') void vscode.window.showWarningMessage(`Claude: ${message}`);
    return { status: 'refused', reason, message };
  }

  private codeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    if (range.isEmpty) return [];
    const action = new vscode.CodeAction('Ask Claude about this code', InlineAsk.kind);
    action.command = {
      command: 'claudeStream.askAboutSelection',
      title: 'Ask Claude about this code',
      arguments: [{ uri: document.uri, range: new vscode.Range(range.start, range.end) }],
    };
    return [action];
  }

  /** The ask behind a thread-title button (VS Code passes the CommentThread) or a script's `{ id }`. */
  private find(target: unknown): InlineThread | undefined {
    if (typeof target === 'object' && target !== null) {
      const id = (target as { id?: unknown }).id;
      if (typeof id === 'string' && this.threads.has(id)) return this.threads.get(id);
      for (const thread of this.threads.values()) if (thread.commentThread === target) return thread;
    }
    return undefined;
  }

  private forDocument(uri: vscode.Uri, run: (thread: InlineThread) => void): void {
    const key = uri.toString();
    for (const thread of this.threads.values()) if (thread.spec.uri.toString() === key) run(thread);
  }

  private cancelFor(uri: vscode.Uri): void {
    this.forDocument(uri, (thread) => thread.stop());
  }

  private onTabClosed(tab: vscode.Tab): void {
    if (!(tab.input instanceof vscode.TabInputText)) return;
    const uri = tab.input.uri.toString();
    const stillOpen = vscode.window.tabGroups.all.some((group) => group.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri));
    if (!stillOpen) this.cancelFor(tab.input.uri);
  }

  private async apply(thread: InlineThread | undefined): Promise<boolean> {
    if (!thread) return false;
    let code = thread.codeToApply;
    if (code === undefined) {
      void vscode.window.showInformationMessage('Claude: this answer has no code block to apply.');
      return false;
    }
    const document = await vscode.workspace.openTextDocument(thread.spec.uri);
    // A full-line selection ends at column 0 of the next line; keep that line break.
    if (thread.range.end.character === 0 && !thread.range.isSingleLine && !code.endsWith('\n')) code += '\n';
    const applied = await this.deps.codeActions.applyToRange(document, thread.range, code);
    if (applied) this.signalEmitter.fire({ messageId: thread.id, signal: 'applied' });
    return applied;
  }

  private async copy(thread: InlineThread | undefined): Promise<void> {
    if (!thread || thread.answer === '') return;
    await vscode.env.clipboard.writeText(thread.answer);
    this.signalEmitter.fire({ messageId: thread.id, signal: 'copied' });
  }

  private async continueInChat(thread: InlineThread | undefined): Promise<void> {
    if (!thread) return;
    thread.stop();
    await vscode.commands.executeCommand('claudeStream.openChat');
    // The bubble shows the question and a chip for the code; the request keeps the whole inline prompt.
    const context = { prompt: thread.spec.prompt, attachments: thread.spec.attachment ? [thread.spec.attachment] : [] };
    await this.deps.continueInChat(thread.spec.question, thread.answer, thread.state === 'streaming' ? 'cancelled' : thread.state, context);
  }

  private dismiss(thread: InlineThread | undefined): void {
    if (!thread) return;
    thread.dispose();
    this.threads.delete(thread.id);
    this.fireStatus();
  }

  /** Closes and forgets the oldest finished threads beyond the limit: the map must not grow without bound. */
  private retireOldThreads(): void {
    for (const id of threadsToRetire([...this.threads.values()])) this.dismiss(this.threads.get(id));
  }

  private async copyRequestId(thread: InlineThread | undefined): Promise<void> {
    const id = thread?.error?.requestId;
    if (!id) return;
    await vscode.env.clipboard.writeText(id);
    void vscode.window.setStatusBarMessage(`Claude: copied request ID ${id}`, 3000);
  }

  private errorAction(action: InlineErrorAction, thread: InlineThread | undefined): Promise<void> {
    return runErrorAction(action, thread?.error?.setting, {
      pickModel: () => this.deps.pickModel?.(),
      retry: () => {
        if (thread && thread.state !== 'streaming') void this.start(thread);
      },
    });
  }

  private views(): InlineThreadView[] {
    return [...this.threads.values()].map((t) => ({
      id: t.id,
      uri: t.spec.uri.toString(),
      range: [t.range.start.line, t.range.start.character, t.range.end.line, t.range.end.character],
      state: t.state,
      question: t.spec.question,
      answer: t.answer,
      body: t.body,
      contextValue: t.commentThread.contextValue ?? '',
      labels: t.commentThread.comments.map((c) => c.label),
      timing: { ...t.timing },
      bodies: t.commentThread.comments.map((c) =>
        typeof c.body === 'string'
          ? { kind: 'string' as const }
          : { kind: 'markdown' as const, isTrusted: c.body.isTrusted, supportHtml: c.body.supportHtml, supportThemeIcons: c.body.supportThemeIcons },
      ),
    }));
  }
}
