/**
 * Files dragged from the Explorer and images pasted or dropped into the chat. VS Code hands a
 * webview a drop only while the user holds Shift (otherwise the editor area takes it), and
 * names the files in `application/vnd.code.uri-list` and `text/uri-list` (as `vscode-remote:`
 * URIs when the workspace is remote, as in code-server), `ResourceURLs` or `CodeFiles`; the
 * host maps each to a workspace file.
 * Images are read here and sent as base64; the host decides whether the model takes them.
 */
import type { ImageMediaType } from '../../src/shared/protocol/context';
import { FILE_LIST_TYPES, urisOf } from './droppedUris';

/** What a drop or a paste asks the host for. */
export interface DropEvents {
  uris(uris: string[]): void;
  image(name: string, mediaType: ImageMediaType, data: string, dataUrl: string): void;
}

/** Media types the Messages API takes as image blocks (the protocol's `IMAGE_MEDIA_TYPES`). */
const IMAGE_TYPES: readonly ImageMediaType[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const isImageType = (type: string): type is ImageMediaType => (IMAGE_TYPES as readonly string[]).includes(type);

/** The API's limit per image; a larger one is refused here, before it is read and sent. */
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** The image files a drop or a paste carries. */
function imagesOf(data: DataTransfer): Array<File & { type: ImageMediaType }> {
  return [...data.files].filter((file): file is File & { type: ImageMediaType } => isImageType(file.type));
}

/** Reads a file as base64 (no `data:` prefix) and as the data URL the thumbnail shows. */
function readImage(file: File): Promise<{ data: string; dataUrl: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('could not read the image'));
    reader.onload = () => {
      const dataUrl = typeof reader.result === 'string' ? reader.result : '';
      resolve({ data: dataUrl.slice(dataUrl.indexOf(',') + 1), dataUrl });
    };
    reader.readAsDataURL(file);
  });
}

/**
 * Makes `target` take file and image drops, and `input` take pasted images. Text paste and
 * text drops stay the browser's. Returns a function that removes the listeners.
 */
export function acceptDrops(target: HTMLElement, input: HTMLTextAreaElement, events: DropEvents, tooLarge: (name: string) => void): () => void {
  const sendImages = (files: Array<File & { type: ImageMediaType }>) => {
    for (const file of files) {
      if (file.size > MAX_IMAGE_BYTES) {
        tooLarge(file.name || 'image');
        continue;
      }
      void readImage(file).then(({ data, dataUrl }) => events.image(file.name || `pasted.${file.type.split('/')[1]}`, file.type, data, dataUrl));
    }
  };
  const carriesFiles = (data: DataTransfer | null) => !!data && (data.types.includes('Files') || FILE_LIST_TYPES.some((t) => data.types.includes(t)));
  const onDragOver = (e: DragEvent) => {
    if (!carriesFiles(e.dataTransfer)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    target.classList.add('drop-target');
  };
  const onDragLeave = (e: DragEvent) => {
    if (!target.contains(e.relatedTarget as Node | null)) target.classList.remove('drop-target');
  };
  const onDrop = (e: DragEvent) => {
    target.classList.remove('drop-target');
    const data = e.dataTransfer;
    if (!carriesFiles(data) || !data) return;
    e.preventDefault();
    const images = imagesOf(data);
    if (images.length) return sendImages(images);
    const uris = urisOf(data);
    if (uris.length) events.uris(uris);
  };
  const onPaste = (e: ClipboardEvent) => {
    const images = e.clipboardData ? imagesOf(e.clipboardData) : [];
    if (images.length === 0) return;
    e.preventDefault();
    sendImages(images);
  };
  target.addEventListener('dragover', onDragOver);
  target.addEventListener('dragleave', onDragLeave);
  target.addEventListener('drop', onDrop);
  input.addEventListener('paste', onPaste);
  return () => {
    target.removeEventListener('dragover', onDragOver);
    target.removeEventListener('dragleave', onDragLeave);
    target.removeEventListener('drop', onDrop);
    input.removeEventListener('paste', onPaste);
  };
}
