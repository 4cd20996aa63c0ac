/**
 * The ONLY module that imports `@vscode/webview-ui-toolkit`. Microsoft stopped maintaining
 * it in 2025; everything else builds controls through these factories, so a move to
 * `@vscode-elements/elements` (or plain elements) changes this one file.
 *
 * The toolkit's FAST elements style themselves from the `--vscode-*` variables VS Code sets
 * on the webview, through constructable stylesheets, which the nonce CSP allows.
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDropdown, vsCodeOption } from '@vscode/webview-ui-toolkit';

let registered = false;

/** Registers the toolkit components the webviews use. Safe to call more than once. */
export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDropdown(), vsCodeOption());
}

/** Options shared by the control factories. */
export interface ControlOptions {
  /** Stable `data-testid`. */
  testId?: string;
  /** Tooltip and accessible name when the label is an icon. */
  title?: string;
}

/** Options of `button`. */
export interface ButtonOptions extends ControlOptions {
  appearance?: 'primary' | 'secondary' | 'icon';
  onClick: (event: MouseEvent) => void;
}

function applyCommon(el: HTMLElement, options: ControlOptions): void {
  if (options.testId) el.dataset.testid = options.testId;
  if (options.title) {
    el.title = options.title;
    el.setAttribute('aria-label', options.title);
  }
}

/** A themed button; `label` is its visible text (an icon glyph when `appearance` is icon). */
export function button(label: string, options: ButtonOptions): HTMLElement {
  registerToolkit();
  const el = document.createElement('vscode-button');
  el.textContent = label;
  el.setAttribute('appearance', options.appearance ?? 'secondary');
  applyCommon(el, options);
  el.addEventListener('click', (event) => {
    if (el.hasAttribute('disabled')) return;
    options.onClick(event);
  });
  return el;
}

/** Enables or disables a control made by these factories. */
export function setDisabled(el: HTMLElement, disabled: boolean): void {
  el.toggleAttribute('disabled', disabled);
}

/** A dropdown whose options can be replaced; `value` is the selected option. */
export interface Dropdown {
  readonly element: HTMLElement;
  /** Replaces the options; an item is its value, or a value with the label shown for it. */
  setOptions(items: ReadonlyArray<string | DropdownItem>, selected: string): void;
  readonly value: string;
}

/** One dropdown option whose label differs from its value. */
interface DropdownItem {
  value: string;
  label: string;
  title?: string;
}

/** A themed dropdown that calls `onChange` when the user picks another value. */
export function dropdown(options: ControlOptions & { onChange: (value: string) => void }): Dropdown {
  registerToolkit();
  const el = document.createElement('vscode-dropdown') as HTMLElement & { value: string };
  applyCommon(el, options);
  let current = '';
  let updating = false;
  el.addEventListener('change', () => {
    if (updating || el.value === current) return;
    current = el.value;
    options.onChange(current);
  });
  return {
    element: el,
    get value() {
      return current;
    },
    setOptions(items, selected) {
      updating = true;
      const all = items.map((item): DropdownItem => (typeof item === 'string' ? { value: item, label: item } : item));
      const list = all.some((item) => item.value === selected) || !selected ? all : [{ value: selected, label: selected }, ...all];
      el.replaceChildren(
        ...list.map((item) => {
          const option = document.createElement('vscode-option');
          option.setAttribute('value', item.value);
          option.textContent = item.label;
          if (item.title) option.title = item.title;
          if (item.value === selected) option.setAttribute('selected', '');
          return option;
        }),
      );
      current = selected;
      el.value = selected;
      updating = false;
    },
  };
}
