// Over 350 lines: the one router for the chat's context requests and the attachments it issued; the sources it calls live in contextSources.ts and workspaceSources.ts.
/**
 * The host side of workspace context: answers the chat webview's `context/*` requests, keeps its
 * own copy of every attachment it issued (a submitted attachment is replaced by it), resolves
 * `#mentions` typed in a prompt, asks before a secret goes out, and refuses what the limits or the
 * window do not allow, with offers of a part.
 */
import * as vscode from 'vscode';
import { selectionAttachment } from '../../core/chat/attachments';
import { dropTarget } from '../../core/context/dropUris';
import { newAttachmentId } from '../../core/context/ids';
import { IMAGE_EXTENSIONS, imageSize } from '../../core/context/imageSize';
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
  changesAttachment,
  folderAttachment,
  NotAttached,
  partAttachment,
  problemsAttachment,
  symbolAttachment,
  terminalAttachment,
  type Draft,
  type SourceTools,
} from './contextSources';
import { GitignoreFilter } from './gitignoreFilter';
import { checkFile, documentSymbols, readBytes, readFirstLines, readText, relativePath, suggest, TerminalWatch, workspaceFiles } from './workspaceSources';

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

/** Images kept for sending (newest last); older ones are dropped from memory. */
const MAX_IMAGES = 20;

export class WorkspaceContext extends Disposable implements ChatContext {
  /** Attachments issued and not yet sent (or removed), by id. */
  private readonly issued = new Map<string, AttachmentView>();
  /** Image data by attachment id; survives the send, since edits and regenerations send it again. */
  private readonly imageStore = new Map<string, TurnImage>();
  /** Offers made with a refusal, by request id. */
  private readonly offers = new Map<string, { source: { uri: vscode.Uri; path: string }; offers: Array<ContextOffer & { part: PartSpec }> }>();
  private readonly terminal = new TerminalWatch();
  private readonly gitignore = new GitignoreFilter();
  private activeFileOn = false;
  private readonly tools: SourceTools = { room: () => this.deps.room(), files: () => this.files(), checkSecrets: (text, path) => this.checkSecrets(text, path) };
  private post: Post | undefined;

  /**
   * Asks before an attachment that looks like it holds a secret goes beside the input; true sends.
   * A modal like the inline ask's; the integration suite swaps it through a test hook.
   */
  confirmSecret: (warning: string) => Promise<boolean> = async (warning) =>
    (await vscode.window.showWarningMessage(warning, { modal: true, detail: 'Claude would receive it with your next message. Attach it anyway?' }, 'Attach Anyway')) ===
    'Attach Anyway';

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
      case 'context/query': {
        // The list is only a help to typing: when it cannot be made, an empty one keeps the popup quiet.
        const items = await suggest(request.kind, request.query, () => this.files()).catch((error: unknown) => {
          this.deps.logger.warn(`Context: no suggestions for #${request.kind}: ${error instanceof Error ? error.message : String(error)}`);
          return [];
        });
        post({ type: 'context/suggestions', requestId: request.requestId, items });
        return;
      }
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
    try {
      for (const a of submitted ?? []) {
        const own = this.issued.get(a.id);
        const checked = own ?? (await this.recheck(a));
        if (checked?.kind === 'image') this.checkImageModel(checked.label);
        if (checked) attachments.push(checked);
      }
      for (const mention of parseMentions(text)) {
        if (
          attachments.some(
            (a) => a.kind === mention.kind && (mention.value === undefined || a.path === mention.value || a.path?.endsWith(`/${mention.value}`) || a.label === mention.value),
          )
        )
          continue;
        attachments.push(await this.resolve(mention.kind, mention.value, 'submit'));
      }
    } catch (error) {
      const refusal = error instanceof NotAttached ? error : new NotAttached(error instanceof Error ? error.message : String(error));
      post({
        type: 'context/refused',
        requestId: 'submit',
        reason: `Not sent: ${refusal.message}`,
        ...(refusal.offers.length ? { offers: refusal.offers.map(({ id, label }) => ({ id, label })) } : {}),
      });
      // The prompt waits in the input with the chips it had (the active file's stays on its toggle), so nothing the user wrote or attached is lost.
      post({ type: 'input/set', text, focus: true });
      for (const a of submitted ?? []) if (a.kind !== 'activeFile') post({ type: 'input/attach', attachment: this.issued.get(a.id) ?? a });
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

  /** The workspace's files that git does not ignore. */
  private files(): Promise<vscode.Uri[]> {
    return workspaceFiles(this.gitignore);
  }

  /** Runs a resolution and posts its chip or its refusal. */
  private async reply(requestId: string, post: Post, run: () => Promise<AttachmentView>): Promise<void> {
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
  private issue(attachment: Draft): AttachmentView {
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

  /** Refuses an image when the selected model does not take images; checked on attaching and again on sending, since the model may change between. */
  private checkImageModel(name: string): void {
    const { model, accepts } = this.deps.images();
    if (!accepts) throw new NotAttached(`${model} does not take images (its capabilities do not list image_input); pick a model that does to send ${name}.`);
  }

  /** Asks before text that looks like it holds a secret is attached. */
  private async checkSecrets(text: string, path: string | undefined): Promise<void> {
    const findings = detectSecrets(text, path);
    if (findings.length === 0) return;
    const warning = `${path ? `${path}: ` : ''}${describeFindings(findings)}`;
    if (!(await this.confirmSecret(warning))) throw new NotAttached(`Not attached: ${warning.replace(/\.$/, '')} and you chose not to send it.`);
  }

  private async resolve(kind: AddableContextKind, value: string | undefined, requestId: string): Promise<AttachmentView> {
    switch (kind) {
      case 'selection':
        return this.resolveSelection();
      case 'file':
        if (!value) throw new NotAttached('Name a file: #file:path.');
        return this.resolveFile(await this.findFile(value), requestId);
      case 'folder':
        if (!value) throw new NotAttached('Name a folder: #folder:path.');
        return this.issue(await folderAttachment(value, this.tools));
      case 'symbol':
        if (!value) throw new NotAttached('Name a symbol: #symbol:Name.');
        return this.issue(await symbolAttachment(value, this.tools));
      case 'problems':
        return this.issue(await problemsAttachment(this.tools));
      case 'changes':
        return this.issue(await changesAttachment(this.tools));
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
    const matches = (await this.files())
      .map(relativePath)
      .filter((p) => p === name || p.endsWith(`/${name}`))
      .sort((a, b) => a.length - b.length);
    return matches[0] ?? value;
  }

  private resolveSelection(): AttachmentView {
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

  private async resolveFile(target: string | vscode.Uri, requestId: string, kind: 'file' | 'activeFile' = 'file'): Promise<AttachmentView> {
    const checked = await checkFile(target);
    if (!checked.ok) {
      if (checked.tooBig) {
        const lines = await readFirstLines(checked.tooBig.uri, 1_000_000)
          .then((t) => t.split('\n').length)
          .catch(() => undefined);
        this.refuse(requestId, checkFileSize(checked.tooBig.path, checked.tooBig.bytes, lines) as Refusal, checked.tooBig);
      }
      throw new NotAttached(checked.reason);
    }
    if (checked.directory) return this.issue(await folderAttachment(checked.path, this.tools));
    const { text, languageId } = await readText(checked.uri);
    const refusal = checkWindow(checked.path, text, this.deps.room(), await documentSymbols(checked.uri));
    if (refusal) this.refuse(requestId, refusal, checked);
    await this.checkSecrets(text, checked.path);
    return this.issue({ kind, label: checked.path, code: text, language: languageId, path: checked.path });
  }

  private async acceptOffer(requestId: string, offerId: string): Promise<AttachmentView> {
    const made = this.offers.get(requestId);
    const offer = made?.offers.find((o) => o.id === offerId);
    if (!made || !offer) throw new NotAttached('That offer has expired; attach the file again.');
    this.offers.delete(requestId);
    return this.issue(await partAttachment(made.source, offer.part, this.tools));
  }

  private async resolveTerminal(): Promise<AttachmentView> {
    return this.issue(await terminalAttachment(this.terminal, this.tools));
  }

  private async resolveDrop(raw: string, requestId: string): Promise<AttachmentView> {
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

  private resolveImage(name: string, mediaType: ImageMediaType, bytes: Buffer): AttachmentView {
    this.checkImageModel(name);
    if (bytes.length === 0) throw new NotAttached(`${name} is empty.`);
    const base64 = bytes.toString('base64');
    if (base64.length > 5 * 1024 * 1024) throw new NotAttached(`${name} is ${formatBytes(bytes.length)}; the API takes images up to 5 MB.`);
    const size = imageSize(bytes);
    const attachment = this.issue({
      kind: 'image',
      label: name,
      code: '',
      tokens: estimateImageTokens(size?.width, size?.height),
      image: { mediaType, bytes: bytes.length, ...(size ? { width: size.width, height: size.height } : {}) },
    });
    this.imageStore.set(attachment.id, { mediaType, data: base64 });
    while (this.imageStore.size > MAX_IMAGES) this.imageStore.delete(this.imageStore.keys().next().value as string);
    return attachment;
  }

  private async activeFileAttachment(): Promise<AttachmentView | undefined> {
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
    return { ...rest, tokens: estimateTextTokens(a.code) };
  }
}
