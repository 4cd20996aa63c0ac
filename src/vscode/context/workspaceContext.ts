/**
 * The host side of workspace context: answers the chat webview's `context/*` requests, keeps its
 * own copy of every attachment it issued (a submitted attachment is replaced by it), resolves
 * `#mentions` typed in a prompt, asks before a secret goes out, and refuses what the limits or the
 * window do not allow, with offers of a part.
 */
import * as vscode from 'vscode';
import { selectionAttachment } from '../../core/chat/attachments';
import { dropTarget } from '../../core/context/dropUris';
import { formatProblems, formatTerminal, formatTree, summarizeProblems } from '../../core/context/formats';
import { newAttachmentId } from '../../core/context/ids';
import { checkFileSize, checkWindow, formatBytes, type PartSpec, type Refusal, type WindowRoom } from '../../core/context/limits';
import { parseMentions } from '../../core/context/mentions';
import { estimateImageTokens, estimateTextTokens } from '../../core/context/tokens';
import { lastSelectedLine } from '../../core/inline/context';
import { describeFindings, detectSecrets } from '../../core/inline/secrets';
import type { Logger } from '../../core/ports';
import type { TurnImage } from '../../core/streaming/types';
import type { AddableContextKind, AttachmentView, ChatHostMessage, ContextOffer, ImageMediaType } from '../../shared/protocol';
import { Disposable } from '../disposable';
import type { EditorTracker } from '../editorTracker';
import type { ChatContext, ContextRequest } from './chatContext';
import {
  checkFile, documentSymbols, problems, readBytes, readFirstLines, readText, relativePath, resolveSymbol, suggest, TerminalWatch, workingTreeChanges, workspaceFiles,
} from './workspaceSources';

type Post = (message: ChatHostMessage) => void;

/** What the context service needs from the chat. */
export interface WorkspaceContextDeps {
  editors: EditorTracker;
  logger: Logger;
  /** The window's room now. */
  room(): WindowRoom;
  /** Whether the selected model takes images. */
  images(): { model: string; accepts: boolean };
  /** Tells the meter how many tokens the chips beside the input hold. */
  setAttachedTokens(tokens: number): void;
}

/** Most tokens of file content a folder attachment carries beside its tree. */
const FOLDER_FILE_TOKENS = 20_000;
/** Images kept for sending (newest last); older ones are dropped from memory. */
const MAX_IMAGES = 20;

const IMAGE_EXTENSIONS: Record<string, ImageMediaType> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** Why something was not attached: shown as the chip's refused note. */
class NotAttached extends Error {
  constructor(message: string, readonly offers: Array<ContextOffer & { part: PartSpec }> = [], readonly source?: { uri: vscode.Uri; path: string }) {
    super(message);
  }
}

/** Resolution outcome the handlers share. */
type Resolved = AttachmentView;

export class WorkspaceContext extends Disposable implements ChatContext {
  /** Attachments issued and not yet sent (or removed), by id. */
  private readonly issued = new Map<string, AttachmentView>();
  /** Image data by attachment id; survives the send, since edits and regenerations send it again. */
  private readonly imageStore = new Map<string, TurnImage>();
  /** Offers made with a refusal, by request id. */
  private readonly offers = new Map<string, { source: { uri: vscode.Uri; path: string }; offers: Array<ContextOffer & { part: PartSpec }> }>();
  private readonly terminal = new TerminalWatch();
  private activeFileOn = false;
  private post: Post | undefined;

  /**
   * Asks before an attachment that looks like it holds a secret goes beside the input; true sends.
   * A modal like the inline ask's; the integration suite swaps it through a test hook.
   */
  confirmSecret: (warning: string) => Promise<boolean> = async (warning) =>
    (await vscode.window.showWarningMessage(warning, { modal: true, detail: 'Claude would receive it with your next message. Attach it anyway?' }, 'Attach Anyway')) === 'Attach Anyway';

  constructor(private readonly deps: WorkspaceContextDeps) {
    super();
    this.register(this.terminal);
    // Focus moving to the chat panel changes the active editor to none; the tracker keeps the last one, so only a real editor re-issues the chip.
    this.register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && this.activeFileOn) void this.refreshActiveFile();
      }),
    );
  }

  /** An image attachment's data, for the request. */
  imageData(attachmentId: string): TurnImage | undefined {
    return this.imageStore.get(attachmentId);
  }

  adopt(attachment: AttachmentView): void {
    this.issued.set(attachment.id, attachment);
    this.updateMeter();
  }

  ready(post: Post): void {
    this.post = post;
    post({ type: 'context/activeFile', enabled: this.activeFileOn });
    if (this.activeFileOn) void this.refreshActiveFile();
  }

  async handle(request: ContextRequest, post: Post): Promise<void> {
    this.post = post;
    switch (request.type) {
      case 'context/query':
        post({ type: 'context/suggestions', requestId: request.requestId, items: await suggest(request.kind, request.query) });
        return;
      case 'context/add':
        return this.reply(request.requestId, post, () => this.resolve(request.kind, request.value, request.requestId));
      case 'context/acceptOffer':
        return this.reply(request.requestId, post, () => this.acceptOffer(request.requestId, request.offerId));
      case 'context/dropUris':
        for (const raw of request.uris) await this.reply(request.requestId, post, () => this.resolveDrop(raw, request.requestId));
        return;
      case 'context/image':
        return this.reply(request.requestId, post, () => Promise.resolve(this.resolveImage(request.name, request.mediaType, Buffer.from(request.data, 'base64'))));
      case 'context/activeFile':
        this.activeFileOn = request.enabled;
        return this.refreshActiveFile();
      case 'context/remove':
        this.issued.delete(request.id);
        this.imageStore.delete(request.id);
        this.updateMeter();
        return;
      default: {
        const unreachable: never = request;
        return unreachable;
      }
    }
  }

  async prepareSubmit(text: string, submitted: readonly AttachmentView[] | undefined, post: Post): Promise<AttachmentView[] | undefined> {
    this.post = post;
    const attachments: AttachmentView[] = [];
    for (const a of submitted ?? []) {
      const own = this.issued.get(a.id);
      if (own) attachments.push(own);
      else {
        const checked = await this.recheck(a);
        if (checked) attachments.push(checked);
      }
    }
    try {
      for (const mention of parseMentions(text)) {
        if (attachments.some((a) => a.kind === mention.kind && (mention.value === undefined || a.path === mention.value || a.path?.endsWith(`/${mention.value}`) || a.label === mention.value))) continue;
        attachments.push(await this.resolve(mention.kind, mention.value, 'submit'));
      }
    } catch (error) {
      const refusal = error instanceof NotAttached ? error : new NotAttached(error instanceof Error ? error.message : String(error));
      post({ type: 'context/refused', requestId: 'submit', reason: `Not sent: ${refusal.message}`, ...(refusal.offers.length ? { offers: refusal.offers.map(({ id, label }) => ({ id, label })) } : {}) });
      // The prompt waits in the input, with the chips it had, so nothing the user wrote is lost.
      post({ type: 'input/set', text, focus: true });
      return undefined;
    }
    if (this.activeFileOn && !attachments.some((a) => a.kind === 'activeFile' || a.kind === 'file')) {
      const active = await this.activeFileAttachment().catch(() => undefined);
      if (active) attachments.push(active);
    }
    for (const a of attachments) this.issued.delete(a.id);
    this.updateMeter();
    return attachments;
  }

  /** Runs a resolution and posts its chip or its refusal. */
  private async reply(requestId: string, post: Post, run: () => Promise<Resolved>): Promise<void> {
    try {
      const attachment = await run();
      post({ type: 'input/attach', attachment, requestId });
    } catch (error) {
      if (!(error instanceof NotAttached)) this.deps.logger.warn(`Context: ${error instanceof Error ? error.message : String(error)}`);
      const refusal = error instanceof NotAttached ? error : new NotAttached(`Could not attach it: ${error instanceof Error ? error.message : String(error)}`);
      post({ type: 'context/refused', requestId, reason: refusal.message, ...(refusal.offers.length ? { offers: refusal.offers.map(({ id, label }) => ({ id, label })) } : {}) });
    }
  }

  /** Issues an attachment: kept by id, counted in the meter. */
  private issue(attachment: Omit<AttachmentView, 'id' | 'tokens'> & { tokens?: number }): AttachmentView {
    const issued: AttachmentView = { ...attachment, id: newAttachmentId(), tokens: attachment.tokens ?? estimateTextTokens(attachment.code) };
    this.issued.set(issued.id, issued);
    this.updateMeter();
    return issued;
  }

  private updateMeter(): void {
    let tokens = 0;
    for (const a of this.issued.values()) tokens += a.tokens;
    this.deps.setAttachedTokens(tokens);
  }

  /** Remembers a refusal's offers so `context/acceptOffer` can take one. */
  private refuse(requestId: string, refusal: Refusal, source: { uri: vscode.Uri; path: string }): never {
    if (refusal.offers.length) this.offers.set(requestId, { source, offers: refusal.offers });
    if (this.offers.size > 50) this.offers.delete(this.offers.keys().next().value as string);
    throw new NotAttached(refusal.reason, refusal.offers, source);
  }

  /** Asks before text that looks like it holds a secret is attached. */
  private async checkSecrets(text: string, path: string | undefined): Promise<void> {
    const findings = detectSecrets(text, path);
    if (findings.length === 0) return;
    const warning = `${path ? `${path}: ` : ''}${describeFindings(findings)}`;
    if (!(await this.confirmSecret(warning))) throw new NotAttached(`Not attached: ${warning.replace(/\.$/, '')} and you chose not to send it.`);
  }

  private async resolve(kind: AddableContextKind, value: string | undefined, requestId: string): Promise<Resolved> {
    switch (kind) {
      case 'selection':
        return this.resolveSelection();
      case 'file':
        if (!value) throw new NotAttached('Name a file: #file:path.');
        return this.resolveFile(await this.findFile(value), requestId);
      case 'folder':
        if (!value) throw new NotAttached('Name a folder: #folder:path.');
        return this.resolveFolder(value);
      case 'symbol':
        if (!value) throw new NotAttached('Name a symbol: #symbol:Name.');
        return this.resolveSymbol(value);
      case 'problems':
        return this.resolveProblems();
      case 'changes':
        return this.resolveChanges();
      case 'terminal':
        return this.resolveTerminal();
    }
  }

  /** A typed path may be workspace-relative or just a file name (`#file:cart.ts`): the shortest match wins. */
  private async findFile(value: string): Promise<string> {
    const checked = await checkFile(value);
    if (checked.ok || checked.tooBig || !/does not exist/.test(checked.reason)) return value;
    if (value.includes('..') || value.startsWith('/')) return value;
    const name = value.replace(/^\.\//, '');
    const matches = (await workspaceFiles()).map(relativePath).filter((p) => p === name || p.endsWith(`/${name}`)).sort((a, b) => a.length - b.length);
    return matches[0] ?? value;
  }

  private resolveSelection(): Resolved {
    const editor = this.deps.editors.editor;
    const text = editor?.document.getText(editor.selection) ?? '';
    if (!editor || text.trim() === '') throw new NotAttached('Select some code in an editor first.');
    const { start, end } = editor.selection;
    const path = relativePath(editor.document.uri);
    const attachment = selectionAttachment(path, editor.document.languageId, start.line + 1, lastSelectedLine(start, end) + 1, text.replace(/\r?\n$/, ''));
    this.issued.set(attachment.id, attachment);
    this.updateMeter();
    return attachment;
  }

  private async resolveFile(target: string | vscode.Uri, requestId: string, kind: 'file' | 'activeFile' = 'file'): Promise<Resolved> {
    const checked = await checkFile(target);
    if (!checked.ok) {
      if (checked.tooBig) {
        const lines = await readFirstLines(checked.tooBig.uri, 1_000_000).then((t) => t.split('\n').length).catch(() => undefined);
        this.refuse(requestId, checkFileSize(checked.tooBig.path, checked.tooBig.bytes, lines) as Refusal, checked.tooBig);
      }
      throw new NotAttached(checked.reason);
    }
    if (checked.directory) return this.resolveFolder(checked.path);
    const { text, languageId } = await readText(checked.uri);
    const refusal = checkWindow(checked.path, text, this.deps.room(), await documentSymbols(checked.uri));
    if (refusal) this.refuse(requestId, refusal, checked);
    await this.checkSecrets(text, checked.path);
    return this.issue({ kind, label: checked.path, code: text, language: languageId, path: checked.path });
  }

  private async acceptOffer(requestId: string, offerId: string): Promise<Resolved> {
    const made = this.offers.get(requestId);
    const offer = made?.offers.find((o) => o.id === offerId);
    if (!made || !offer) throw new NotAttached('That offer has expired; attach the file again.');
    this.offers.delete(requestId);
    const { part } = offer;
    const whole = part.endLine <= 100_000 && (await checkFile(made.source.uri)).ok ? (await readText(made.source.uri)).text : await readFirstLines(made.source.uri, part.endLine);
    const code = whole.split('\n').slice(part.startLine - 1, part.endLine).join('\n');
    await this.checkSecrets(code, made.source.path);
    const label = part.kind === 'symbol' ? `${made.source.path} · ${part.name}` : `${made.source.path} · lines ${part.startLine}–${part.endLine}`;
    const languageId = vscode.workspace.textDocuments.find((d) => d.uri.toString() === made.source.uri.toString())?.languageId;
    return this.issue({
      kind: part.kind === 'symbol' ? 'symbol' : 'file', label, code, path: made.source.path, range: { startLine: part.startLine, endLine: part.endLine },
      ...(languageId ? { language: languageId } : {}),
    });
  }

  private async resolveFolder(value: string): Promise<Resolved> {
    const checked = await checkFile(value);
    if (!checked.ok) throw new NotAttached(checked.tooBig ? `${value} is not a folder.` : checked.reason);
    if (!checked.directory) throw new NotAttached(`${checked.path} is a file; attach it with #file.`);
    const prefix = checked.path === '' || checked.path === '.' ? '' : `${checked.path}/`;
    const files = (await workspaceFiles()).map((uri) => ({ uri, path: relativePath(uri) })).filter((f) => f.path.startsWith(prefix)).sort((a, b) => a.path.localeCompare(b.path));
    if (files.length === 0) throw new NotAttached(`${checked.path} has no files to attach.`);
    const tree = formatTree(checked.path, files.map((f) => f.path));
    const room = this.deps.room();
    const budget = Math.min(FOLDER_FILE_TOKENS, room.maxTokens === undefined ? FOLDER_FILE_TOKENS : Math.max(0, room.maxTokens - room.usedTokens - estimateTextTokens(tree)));
    const parts: string[] = [];
    const left: string[] = [];
    let used = 0;
    for (const f of files) {
      const file = await checkFile(f.uri);
      if (!file.ok || file.directory || file.bytes > 100_000) {
        left.push(f.path);
        continue;
      }
      const { text } = await readText(f.uri);
      const tokens = estimateTextTokens(text);
      // A file that looks like it holds a secret is listed, not sent: a folder is no place to ask file by file.
      if (used + tokens > budget || detectSecrets(text, f.path).length > 0) {
        left.push(f.path);
        continue;
      }
      used += tokens;
      parts.push(`--- ${f.path} ---\n${text}`);
    }
    const note = left.length ? `\n\n(Listed but not included: ${left.slice(0, 50).join(', ')}${left.length > 50 ? ', …' : ''})` : '';
    const code = [tree, ...parts].join('\n\n') + note;
    const refusal = checkWindow(checked.path || 'The workspace', code, room);
    if (refusal) throw new NotAttached(refusal.reason);
    return this.issue({ kind: 'folder', label: `${checked.path || '.'}/ · ${parts.length} of ${files.length} files`, code, path: checked.path || '.' });
  }

  private async resolveSymbol(value: string): Promise<Resolved> {
    const symbol = await resolveSymbol(value);
    if (!symbol) throw new NotAttached(`No symbol named ${value} was found in the workspace.`);
    const checked = await checkFile(symbol.path);
    if (!checked.ok || checked.directory) throw new NotAttached(checked.ok ? `${symbol.path} is a folder.` : checked.reason);
    const { text, languageId } = await readText(checked.uri);
    const code = text.split('\n').slice(symbol.startLine - 1, symbol.endLine).join('\n');
    const refusal = checkWindow(symbol.name, code, this.deps.room());
    if (refusal) throw new NotAttached(refusal.reason);
    await this.checkSecrets(code, symbol.path);
    return this.issue({ kind: 'symbol', label: `${symbol.name} · ${symbol.path}`, code, language: languageId, path: symbol.path, range: { startLine: symbol.startLine, endLine: symbol.endLine } });
  }

  private async resolveProblems(): Promise<Resolved> {
    const items = problems();
    if (items.length === 0) throw new NotAttached('There are no problems in the workspace.');
    const code = formatProblems(items);
    await this.checkSecrets(code, undefined);
    return this.issue({ kind: 'problems', label: `Problems · ${summarizeProblems(items)}`, code });
  }

  private async resolveChanges(): Promise<Resolved> {
    const changes = await workingTreeChanges();
    if (typeof changes === 'string') throw new NotAttached(changes);
    const refusal = checkWindow('The working-tree diff', changes.text, this.deps.room());
    if (refusal) throw new NotAttached(refusal.reason);
    await this.checkSecrets(changes.text, undefined);
    const files = new Set([...changes.text.matchAll(/^diff --git a\/.+? b\/(.+)$/gm)].map((m) => m[1])).size;
    return this.issue({ kind: 'changes', label: `Changes · ${files} file${files === 1 ? '' : 's'}`, code: changes.text, language: 'diff' });
  }

  private async resolveTerminal(): Promise<Resolved> {
    const run = this.terminal.lastRun();
    if (!run) throw new NotAttached('No terminal command has finished since the window opened (it needs a terminal with shell integration).');
    const code = formatTerminal(run);
    await this.checkSecrets(code, undefined);
    return this.issue({ kind: 'terminal', label: `Terminal · ${run.command.slice(0, 60)}`, code, language: 'shellsession' });
  }

  private async resolveDrop(raw: string, requestId: string): Promise<Resolved> {
    const target = dropTarget(raw, vscode.env.remoteName);
    if (!target.ok) throw new NotAttached(target.reason);
    let uri: vscode.Uri;
    try {
      uri = target.kind === 'path' ? vscode.Uri.file(target.path) : vscode.Uri.parse(target.uri, true);
    } catch {
      throw new NotAttached(`${raw} is not a file URI.`);
    }
    const extension = uri.path.split('.').pop()?.toLowerCase() ?? '';
    const mediaType = IMAGE_EXTENSIONS[extension];
    if (mediaType) {
      const checked = await checkFile(uri).catch(() => undefined);
      // An image is binary, so checkFile refuses it; it is let through only from inside the workspace.
      if (checked && !checked.ok && /binary/.test(checked.reason)) return this.resolveImage(uri.path.split('/').pop() ?? 'image', mediaType, await readBytes(uri));
      if (checked && !checked.ok) throw new NotAttached(checked.reason);
    }
    return this.resolveFile(uri, requestId);
  }

  private resolveImage(name: string, mediaType: ImageMediaType, bytes: Buffer): Resolved {
    const { model, accepts } = this.deps.images();
    if (!accepts) throw new NotAttached(`${model} does not take images (its capabilities do not list image_input); pick a model that does to send ${name}.`);
    if (bytes.length === 0) throw new NotAttached(`${name} is empty.`);
    const base64 = bytes.toString('base64');
    if (base64.length > 5 * 1024 * 1024) throw new NotAttached(`${name} is ${formatBytes(bytes.length)}; the API takes images up to 5 MB.`);
    const size = imageSize(bytes);
    const attachment = this.issue({
      kind: 'image', label: name, code: '', tokens: estimateImageTokens(size?.width, size?.height),
      image: { mediaType, bytes: bytes.length, ...(size ? { width: size.width, height: size.height } : {}) },
    });
    this.imageStore.set(attachment.id, { mediaType, data: base64 });
    while (this.imageStore.size > MAX_IMAGES) this.imageStore.delete(this.imageStore.keys().next().value as string);
    return attachment;
  }

  private async activeFileAttachment(): Promise<Resolved | undefined> {
    const editor = this.deps.editors.editor;
    if (!editor || editor.document.uri.scheme !== 'file') return undefined;
    return this.resolveFile(editor.document.uri, 'activeFile', 'activeFile');
  }

  /** Sends the toggle's state with the active file's chip (re-issued as the editor changes). */
  private async refreshActiveFile(): Promise<void> {
    const post = this.post;
    if (!post) return;
    for (const [id, a] of this.issued) if (a.kind === 'activeFile') this.issued.delete(id);
    if (!this.activeFileOn) {
      this.updateMeter();
      post({ type: 'context/activeFile', enabled: false });
      return;
    }
    try {
      const attachment = await this.activeFileAttachment();
      post({ type: 'context/activeFile', enabled: true, ...(attachment ? { attachment } : { reason: 'No file is open in an editor.' }) });
    } catch (error) {
      post({ type: 'context/activeFile', enabled: true, reason: error instanceof Error ? error.message : String(error) });
    }
  }

  /** A submitted attachment the host did not issue: only text is taken, and it is checked for secrets. */
  private async recheck(a: AttachmentView): Promise<AttachmentView | undefined> {
    if (a.kind === 'image') return undefined;
    await this.checkSecrets(a.code, a.path);
    const { image: _image, ...rest } = a;
    void _image;
    return { ...rest, tokens: estimateTextTokens(a.code) };
  }
}

/** Width and height from a PNG, GIF or JPEG header; undefined for anything else. */
export function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length >= 10 && bytes.subarray(0, 3).toString('latin1') === 'GIF') return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return undefined;
      const marker = bytes[at + 1];
      const length = bytes.readUInt16BE(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
      at += 2 + length;
    }
  }
  return undefined;
}
