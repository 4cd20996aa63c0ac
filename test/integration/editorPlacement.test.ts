/**
 * Where code and answers land in the editor, in a real extension host: Apply's diff is decided
 * on the diff itself and closes, new files open in the fence's language beside the chat (not
 * over it), Open Chat never covers the active editor, line ranges are labelled as selected,
 * and an inline thread is scrolled into view.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ourExtension, sleep, useLocalServer, waitFor, type LocalServer } from './helpers';

interface ThreadView {
  id: string;
  range: [number, number, number, number];
  state: string;
  labels: Array<string | undefined>;
}
type AskResult = { status: 'started'; id: string } | { status: 'refused'; reason: string; message: string };

const panel = async () => (await vscode.commands.executeCommand('claudeStream._test.chatPanel')) as { open: boolean; visible: boolean; viewColumn?: number };
const fromWebview = (raw: unknown) => vscode.commands.executeCommand('claudeStream._test.chatReceive', raw);
const threads = async (): Promise<ThreadView[]> => (await vscode.commands.executeCommand<ThreadView[]>('claudeStream._test.inlineThreads')) ?? [];
const posted = async () => (await vscode.commands.executeCommand('claudeStream._test.chatPosted')) as Array<{ delivered: boolean; message: { type: string; text?: string } }>;

const PROPOSAL_SCHEME = 'claude-stream-proposal';
const diffTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === PROPOSAL_SCHEME);

async function scratch(lines: number, language = 'typescript'): Promise<vscode.TextEditor> {
  const content = Array.from({ length: lines }, (_, i) => `const line${i + 1} = ${i + 1};`).join('\n') + '\n';
  const document = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
}

async function openChatReady(): Promise<void> {
  await vscode.commands.executeCommand('claudeStream.openChat');
  await waitFor(async () => (await panel()).visible, { what: 'the chat webview to be ready', timeoutMs: 20_000 });
}

describe('Editor placement of chat code and inline answers', function () {
  this.timeout(60_000);
  let local: LocalServer;

  before(async () => {
    await ourExtension().activate();
    local = await useLocalServer();
  });
  after(async () => {
    await local?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  beforeEach(async () => {
    await vscode.commands.executeCommand('claudeStream._test.autoConfirm', undefined);
  });

  it('opens Apply as a diff that Accept on the diff applies and closes', async () => {
    const editor = await scratch(12);
    editor.selection = new vscode.Selection(2, 0, 4, 0);
    await openChatReady();
    const applied = fromWebview({ type: 'code/action', action: 'apply', messageId: 'm-none', code: 'const replaced = true;\n' });
    const tab = await waitFor(() => diffTabs()[0], { what: 'the Apply diff to open' });
    assert.ok(tab.input instanceof vscode.TabInputTextDiff);
    assert.notEqual(tab.group.viewColumn, (await panel()).viewColumn, 'the diff opened over the chat');
    await vscode.commands.executeCommand('claudeStream.proposal.accept', tab.input.modified);
    await applied;
    await waitFor(() => editor.document.getText().includes('const replaced = true;\nconst line5'), { what: 'the change to be applied' });
    assert.ok(!editor.document.getText().includes('const line3 ='), 'the selected lines were replaced');
    await waitFor(() => diffTabs().length === 0, { what: 'the diff to close once accepted' });
  });

  it('applies an accepted change to a file on disk in its editor, as one edit that undo reverts', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the sample workspace is open');
    const uri = vscode.Uri.joinPath(folder.uri, 'src', 'retry.ts');
    const onDisk = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: true });
    editor.selection = new vscode.Selection(0, 0, 1, 0);
    await openChatReady();
    const applied = fromWebview({ type: 'code/action', action: 'apply', messageId: 'm-none', code: '// accepted line\n' });
    const tab = await waitFor(() => diffTabs()[0], { what: 'the Apply diff to open' });
    assert.ok(tab.input instanceof vscode.TabInputTextDiff);
    await vscode.commands.executeCommand('claudeStream.proposal.accept', tab.input.modified);
    await applied;
    await waitFor(() => diffTabs().length === 0, { what: 'the diff to close' });
    const shown = await waitFor(
      () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString() && e.document.getText().startsWith('// accepted line\n')),
      { what: 'the file to be shown with the accepted change' },
    );
    await vscode.window.showTextDocument(shown.document, { viewColumn: shown.viewColumn });
    await vscode.commands.executeCommand('undo');
    await waitFor(() => shown.document.getText() === onDisk, { what: 'undo to bring the file back in one step' });
    // VS Code for the web saves after a delay by default (files.autoSave): leave the sample as it was.
    await shown.document.save();
    await sleep(1_500);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(onDisk, 'utf8'));
  });

  it('leaves the file as it was and closes the diff on Reject, or when the diff is closed', async () => {
    const editor = await scratch(6);
    const original = editor.document.getText();
    editor.selection = new vscode.Selection(1, 0, 2, 0);
    await openChatReady();
    const rejected = fromWebview({ type: 'code/action', action: 'apply', messageId: 'm-none', code: 'nope();\n' });
    const tab = await waitFor(() => diffTabs()[0], { what: 'the Apply diff to open' });
    assert.ok(tab.input instanceof vscode.TabInputTextDiff);
    await vscode.commands.executeCommand('claudeStream.proposal.reject', tab.input.modified);
    await rejected;
    await waitFor(() => diffTabs().length === 0, { what: 'the diff to close once rejected' });
    assert.equal(editor.document.getText(), original);

    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn });
    editor.selection = new vscode.Selection(1, 0, 2, 0);
    const closed = fromWebview({ type: 'code/action', action: 'apply', messageId: 'm-none', code: 'nope();\n' });
    const second = await waitFor(() => diffTabs()[0], { what: 'a second Apply diff to open' });
    await vscode.window.tabGroups.close(second);
    await closed;
    assert.equal(editor.document.getText(), original, 'closing the diff applied the change');
  });

  it('opens "New file" from a ```ts block as TypeScript in the editor group, leaving the chat in view', async () => {
    await scratch(3, 'plaintext');
    await openChatReady();
    const chatColumn = (await panel()).viewColumn;
    const before = new Set(vscode.workspace.textDocuments);
    await fromWebview({ type: 'code/action', action: 'newFile', messageId: 'm-none', code: 'export const answer = 42;\n', language: 'ts' });
    const created = await waitFor(() => vscode.workspace.textDocuments.find((d) => !before.has(d) && d.getText() === 'export const answer = 42;\n'), { what: 'the new file' });
    assert.equal(created.languageId, 'typescript');
    const shown = await waitFor(() => vscode.window.visibleTextEditors.find((e) => e.document === created), { what: 'the new file to be shown' });
    assert.notEqual(shown.viewColumn, chatColumn, 'the new file opened over the chat');
    assert.ok((await panel()).visible, 'the chat is still in view');
  });

  it('reveals the chat beside the active editor, never over it', async () => {
    await openChatReady();
    const chatColumn = (await panel()).viewColumn;
    // The user opens a file in the chat's own group, then asks for the chat again.
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'let x = 1;\n' });
    const editor = await vscode.window.showTextDocument(document, { viewColumn: chatColumn, preview: false });
    await vscode.commands.executeCommand('claudeStream.openChat');
    await waitFor(async () => (await panel()).visible, { what: 'the chat to be shown' });
    assert.notEqual((await panel()).viewColumn, editor.viewColumn, 'the chat covers the editor the user works in');
    assert.ok(
      vscode.window.visibleTextEditors.some((e) => e.document === document),
      'the editor is still visible',
    );
  });

  it('labels a whole-line selection by the lines it covers, in the thread header and in Add selection', async () => {
    const editor = await scratch(30);
    // Lines 15–20 selected from their start to the start of line 21, as a full-line selection does.
    editor.selection = new vscode.Selection(14, 0, 20, 0);
    local.server.enqueue({ text: 'These lines declare constants.' });
    const result = await vscode.commands.executeCommand<AskResult>('claudeStream.askAboutSelection', { question: 'What is this?' });
    assert.ok(result?.status === 'started', JSON.stringify(result));
    const view = await waitFor(async () => (await threads()).find((t) => t.id === result.id), { what: 'the thread' });
    assert.equal(view.labels[0], 'lines 15–20');

    await openChatReady();
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn });
    editor.selection = new vscode.Selection(8, 0, 12, 0);
    const from = (await posted()).length;
    await fromWebview({ type: 'context/addSelection' });
    // The selection waits beside the input as a chip, labelled with the lines it covers.
    const attached = await waitFor(async () => (await posted()).slice(from).find((p) => p.message.type === 'input/attach'), { what: 'the selection as a chip' });
    const label = (attached.message as { attachment?: { label?: string } }).attachment?.label ?? '';
    assert.match(label, /lines 9–12$/, `the chip says: ${label}`);
  });

  it('scrolls an inline thread into view when its code is off-screen', async () => {
    const editor = await scratch(1200);
    editor.selection = new vscode.Selection(3, 0, 7, 0);
    editor.revealRange(new vscode.Range(1100, 0, 1100, 0), vscode.TextEditorRevealType.AtTop);
    await waitFor(() => editor.visibleRanges[0]?.start.line > 1000, { what: 'the editor to scroll away' });
    local.server.enqueue({ text: 'Constants.' });
    const result = await vscode.commands.executeCommand<AskResult>('claudeStream.askAboutSelection', { question: 'Explain' });
    assert.ok(result?.status === 'started', JSON.stringify(result));
    await waitFor(() => editor.visibleRanges.some((r) => r.start.line <= 6 && r.end.line >= 6), {
      what: `line 7 (where the thread sits) to be visible; visible: ${editor.visibleRanges.map((r) => `${r.start.line}-${r.end.line}`).join(', ')}`,
    });
  });

  it('leaves the Comments panel closed when an inline answer appears', () => {
    const inspect = vscode.workspace.getConfiguration('comments').inspect<string>('openView');
    assert.equal(inspect?.defaultValue, 'never', 'VS Code opens the Comments panel by itself on the first thread');
  });
});
