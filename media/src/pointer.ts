// Dragging to pan, the wheel to pan or (with Ctrl) zoom, and keys on the map's background: pure plumbing
// between events and the transform, which main.ts owns.
import { panBy, wheelFactor, zoomAt, READABLE_ZOOM, type Transform } from './viewport';

export interface PointerHost {
  get(): Transform;
  set(t: Transform): void;
  zoomBy(f: number): void;
  fit(): void;
}

/** Wires the viewport; returns whether the last pointer-up ended a drag (its click is not a click). */
export function wirePointer(viewport: HTMLElement, host: PointerHost): () => boolean {
  let drag: { x: number; y: number; moved: boolean; id: number } | undefined;
  let dragged = false;
  viewport.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
    dragged = false;
  });
  viewport.addEventListener('pointermove', (e) => {
    if (!drag || drag.id !== e.pointerId) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) viewport.setPointerCapture(e.pointerId);
    drag.moved = true;
    viewport.classList.add('sm-dragging');
    host.set(panBy(host.get(), dx, dy));
    drag.x = e.clientX;
    drag.y = e.clientY;
  });
  const endDrag = (): void => {
    dragged = !!drag?.moved;
    drag = undefined;
    viewport.classList.remove('sm-dragging');
  };
  viewport.addEventListener('pointerup', endDrag);
  viewport.addEventListener('pointercancel', endDrag);
  viewport.addEventListener('wheel', (e) => {
    e.preventDefault();
    if (e.ctrlKey || e.metaKey) {
      const r = viewport.getBoundingClientRect();
      host.set(zoomAt(host.get(), wheelFactor(e.deltaY, e.deltaMode), e.clientX - r.left, e.clientY - r.top, READABLE_ZOOM));
    } else {
      host.set(panBy(host.get(), -e.deltaX, -e.deltaY));
    }
  }, { passive: false });
  // keys on the map's background (a focused node handles its own: keyboard.ts)
  viewport.addEventListener('keydown', (e) => {
    const step = 40;
    const pan = (dx: number, dy: number) => () => host.set(panBy(host.get(), dx, dy));
    const keys: Record<string, () => void> = {
      '+': () => host.zoomBy(1.25), '=': () => host.zoomBy(1.25), '-': () => host.zoomBy(0.8), '0': host.fit,
      ArrowLeft: pan(step, 0), ArrowRight: pan(-step, 0), ArrowUp: pan(0, step), ArrowDown: pan(0, -step),
    };
    const k = keys[e.key];
    if (k) {
      e.preventDefault();
      k();
    }
  });
  return () => dragged;
}
