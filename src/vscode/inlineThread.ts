import * as vscode from 'vscode';
import type { LiveAnalysisPort } from '../core/chat/chatTypes';
import { realTimers, throttleLatest } from '../core/chat/deltaBatcher';
import { codeBlockToApply } from '../core/inline/codeBlocks';
import { lastSelectedLine, lineSpan } from '../core/inline/context';
import { shiftRange, type TextChange } from '../core/inline/rangeTracking';
import type { ClassifiedError, StreamMetrics, StreamObserver, StreamRequest, StreamResult } from '../core/streaming/types';
import type { AttachmentView } from '../shared/protocol';

/** Where an inline answer is in its life. */
export type InlineState = 'streaming' | 'done' | 'cancelled' | 'error';

/** Runs one answer; never rejects (StreamRunner.run). */
export type RunStream = (request: StreamRequest, observer: StreamObserver, signal: AbortSignal) => Promise<StreamResult>;

/** What one inline ask is made of. */
export interface InlineAskSpec {
  id: string;
  uri: vscode.Uri;
  languageId: string;
  range: vscode.Range;
  /** The question as the user chose or typed it. */
  question: string;
  /** Short name shown on the thread, e.g. "Explain". */
  title: string;
  /** The full user turn sent: question, selection and context. */
  prompt: string;
  /** The selection as a chat attachment, for "Continue in Chat". */
  attachment?: AttachmentView;
}

/** Timings of one ask, in ms since it was sent; for the measurements in the tests. */
export interface InlineTiming {
  firstTextMs?: number;
  firstRenderMs?: number;
  /** Time to first token as the streaming core measured it on the HTTP stream. */
  streamTtftMs?: number;
}

/** Answer-comment updates per second at most: smooth to read, cheap for the comment widget. */
const RENDER_INTERVAL_MS = 100;
const CLAUDE: vscode.CommentAuthorInformation = { name: 'Claude' };
const YOU: vscode.CommentAuthorInformation = { name: 'You' };

/** Model output is hostile: no command links, no HTML, no theme-icon syntax. */
function untrusted(value: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(value, false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}

/**
 * One inline ask: a comment thread on the selected code with the question and the answer
 * streaming into it, its state, and the range it follows as the file is edited.
 */
export class InlineThread {
  state: InlineState = 'streaming';
  answer = '';
  error: ClassifiedError | undefined;
  range: vscode.Range;
  readonly timing: InlineTiming = {};
  private readonly thread: vscode.CommentThread;
  private abort: AbortController | undefined;
  private startedAt: number | undefined;
  private readonly render = throttleLatest<void>(() => this.paint(), RENDER_INTERVAL_MS, realTimers);

  constructor(
    controller: vscode.CommentController,
    readonly spec: InlineAskSpec,
  ) {
    this.range = spec.range;
    this.thread = controller.createCommentThread(spec.uri, spec.range, []);
    this.thread.canReply = false;
    this.thread.label = `Claude · ${spec.title}`;
    this.thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    this.paint();
  }

  get id(): string {
    return this.spec.id;
  }

  /** The thread VS Code passes to thread-title commands. */
  get commentThread(): vscode.CommentThread {
    return this.thread;
  }

  /** The body the answer comment shows now. */
  get body(): string {
    return this.answerBody();
  }

  /** The code Apply would put over the selection, if the answer has a code block. */
  get codeToApply(): string | undefined {
    return this.state === 'streaming' ? undefined : codeBlockToApply(this.answer, this.spec.languageId)?.code;
  }

  /** Streams the answer into the thread; resolves with the result however it ended. */
  async run(runStream: RunStream, request: StreamRequest, analysis?: LiveAnalysisPort, onMetrics?: (m: StreamMetrics) => void): Promise<StreamResult> {
    const abort = (this.abort = new AbortController());
    const started = (this.startedAt = Date.now());
    this.timing.firstTextMs = this.timing.firstRenderMs = undefined;
    this.state = 'streaming';
    this.answer = '';
    this.error = undefined;
    this.paint();
    analysis?.begin(this.id);
    const observer: StreamObserver = {
      onText: (delta) => {
        this.timing.firstTextMs ??= Date.now() - started;
        this.answer += delta;
        analysis?.push(this.id, delta);
        this.render();
      },
      onMetrics,
    };
    const result = await runStream(request, observer, abort.signal);
    this.render.cancel();
    this.abort = undefined;
    this.answer = result.text;
    this.state = result.outcome;
    this.error = result.outcome === 'error' ? result.error : undefined;
    this.timing.streamTtftMs = result.timeToFirstTokenMs;
    this.paint();
    return result;
  }

  /** Stops the answer if it is streaming; the text so far stays, marked stopped. */
  stop(): void {
    this.abort?.abort();
  }

  /** Keeps the thread on the same code after an edit (VS Code does not update `range` itself). */
  follow(changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    const plain: TextChange[] = changes.map((c) => ({ range: { start: c.range.start, end: c.range.end }, text: c.text }));
    const moved = shiftRange({ start: this.range.start, end: this.range.end }, plain);
    const next = new vscode.Range(moved.start.line, moved.start.character, moved.end.line, moved.end.character);
    if (next.isEqual(this.range)) return;
    this.range = next;
    this.thread.range = next;
  }

  dispose(): void {
    this.stop();
    this.render.cancel();
    this.thread.dispose();
  }

  private paint(): void {
    if (this.answer !== '' && this.startedAt !== undefined) this.timing.firstRenderMs ??= Date.now() - this.startedAt;
    const question: vscode.Comment = {
      author: YOU,
      body: untrusted(this.spec.question),
      mode: vscode.CommentMode.Preview,
      label: lineSpan(this.range.start.line + 1, lastSelectedLine(this.range.start, this.range.end) + 1),
    };
    const answer: vscode.Comment = {
      author: CLAUDE,
      body: untrusted(this.answerBody()),
      mode: vscode.CommentMode.Preview,
      label: { streaming: 'answering…', done: undefined, cancelled: 'stopped', error: 'error' }[this.state],
      contextValue: this.state,
    };
    this.thread.comments = [question, answer];
    this.thread.contextValue = this.contextValue();
  }

  private answerBody(): string {
    switch (this.state) {
      case 'streaming':
        return this.answer === '' ? '_Claude is thinking…_' : `${this.answer} ▍`;
      case 'done':
        return this.answer;
      case 'cancelled':
        return `${this.answer}${this.answer ? '\n\n---\n' : ''}_Stopped._`;
      case 'error': {
        // The id is inline code, so markdown in it (it comes from a server) renders inert.
        const id = this.error?.requestId ? `\n\nRequest ID: \`${this.error.requestId.replace(/`/g, '')}\`` : '';
        return `${this.answer}${this.answer ? '\n\n---\n' : ''}**Error:** ${this.error?.message ?? 'the answer failed.'}${id}`;
      }
    }
  }

  /** Space-separated flags the `when` clauses of the thread's title buttons test. */
  private contextValue(): string {
    const flags = ['claudeInline', this.state];
    if (this.answer !== '') flags.push('hasAnswer');
    if (this.codeToApply !== undefined) flags.push('hasCode');
    if (this.state === 'error' && this.error) {
      for (const action of [this.error.action, ...(this.error.secondaryActions ?? [])]) if (action) flags.push(`action-${action}`);
      if (this.error.requestId) flags.push('hasRequestId');
    }
    return flags.join(' ');
  }
}
