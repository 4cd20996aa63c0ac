/**
 * One chip per attachment, above the input and in the sent message: its kind, its label and
 * the tokens it costs. The chip is a disclosure button; it expands to show exactly what is
 * sent (the text, or the image), because nothing attached is hidden from the user.
 */
import type { AttachmentView } from '../../src/shared/protocol/context';

/** What a chip's kind badge says for each kind of context. */
const KIND_LABEL: Record<string, string> = {
  selection: 'sel',
  file: 'file',
  folder: 'folder',
  symbol: 'symbol',
  problems: 'problems',
  changes: 'changes',
  terminal: 'terminal',
  image: 'image',
  activeFile: 'active',
};

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "1 token", "312 tokens", "1.2K tokens". */
export function tokenLabel(tokens: number): string {
  if (tokens === 1) return '1 token';
  return `${tokens < 1000 ? integer.format(tokens) : compact.format(tokens)} tokens`;
}

/** The kind of an attachment; one stored before kinds existed is a selection. */
function kindOf(attachment: AttachmentView): string {
  return attachment.kind ?? 'selection';
}

/** Options of `contextChip`. */
export interface ChipOptions {
  /** `data-testid` of the chip (tests and the old "Add selection" chip rely on it). */
  testId: string;
  /** Shows × and calls this when it is clicked. */
  onRemove?: () => void;
  /** Prefix of the preview's element id; unique per row. */
  idPrefix: string;
}

let previewCounter = 0;

/**
 * A chip and the preview it expands: `element` holds both, so a row of chips can give an
 * open preview the whole width.
 */
export function contextChip(attachment: AttachmentView, options: ChipOptions): HTMLElement {
  const kind = kindOf(attachment);
  const item = document.createElement('div');
  item.className = 'context-item';
  item.dataset.testid = options.testId;
  item.dataset.kind = kind;
  if (attachment.id) item.dataset.id = attachment.id;

  const chip = document.createElement('span');
  chip.className = 'context-chip';
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'chip-toggle';
  toggle.dataset.testid = 'chip-toggle';
  toggle.setAttribute('aria-expanded', 'false');
  const badge = document.createElement('span');
  badge.className = 'chip-kind';
  badge.textContent = KIND_LABEL[kind] ?? kind;
  const label = document.createElement('span');
  label.className = 'chip-label';
  label.dataset.testid = 'chip-label';
  label.textContent = attachment.label;
  toggle.append(badge, label);
  if (typeof attachment.tokens === 'number') {
    const tokens = document.createElement('span');
    tokens.className = 'chip-tokens';
    tokens.dataset.testid = 'chip-tokens';
    tokens.textContent = tokenLabel(attachment.tokens);
    toggle.append(tokens);
  }
  toggle.setAttribute('aria-label', `${attachment.label}, ${kind}${typeof attachment.tokens === 'number' ? `, ${tokenLabel(attachment.tokens)}` : ''}. Show what is sent`);
  toggle.title = 'Show what is sent';
  chip.append(toggle);

  if (options.onRemove) {
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'chip-remove';
    remove.dataset.testid = 'chip-remove';
    remove.textContent = '×';
    remove.setAttribute('aria-label', `Remove ${attachment.label}`);
    remove.title = 'Remove';
    const onRemove = options.onRemove;
    remove.addEventListener('click', () => onRemove());
    chip.append(remove);
  }

  const preview = document.createElement('div');
  preview.className = 'chip-preview';
  preview.dataset.testid = 'chip-preview';
  preview.id = `${options.idPrefix}-${++previewCounter}`;
  preview.setAttribute('role', 'region');
  preview.setAttribute('aria-label', `What is sent for ${attachment.label}`);
  preview.hidden = true;
  toggle.setAttribute('aria-controls', preview.id);
  // Built on first open: a 5,000-line file costs nothing until the user looks.
  let filled = false;
  toggle.addEventListener('click', () => {
    if (!filled) {
      filled = true;
      preview.append(previewContent(attachment));
    }
    const open = preview.hidden;
    preview.hidden = !open;
    item.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', String(open));
  });
  item.append(chip, preview);
  return item;
}

function previewContent(attachment: AttachmentView): HTMLElement {
  if (attachment.image) {
    const figure = document.createElement('figure');
    figure.className = 'chip-image';
    if (attachment.image.thumbnail) {
      const img = document.createElement('img');
      img.src = attachment.image.thumbnail;
      img.alt = attachment.label;
      figure.append(img);
    }
    const caption = document.createElement('figcaption');
    caption.textContent = `${attachment.image.mediaType}, ${integer.format(Math.ceil(attachment.image.bytes / 1024))} KB`;
    figure.append(caption);
    return figure;
  }
  const pre = document.createElement('pre');
  pre.className = 'attachment-code';
  const code = document.createElement('code');
  if (attachment.language) code.dataset.language = attachment.language;
  code.textContent = attachment.code;
  pre.append(code);
  return pre;
}
