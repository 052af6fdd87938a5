// Small DOM helpers for the panel's toolbar and empty states.
import type { Option } from './panelView';

export function fill(select: HTMLSelectElement, options: Option[], value: string | undefined): void {
  select.replaceChildren(...options.map((o) => {
    const el = document.createElement('option');
    el.value = o.value;
    el.textContent = o.label;
    return el;
  }));
  select.value = value ?? '';
}

export function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}
