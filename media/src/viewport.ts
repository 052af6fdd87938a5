// Zoom and pan as pure arithmetic on a transform: `translate(x, y) scale(k)` with origin at the top left.

export interface Transform {
  x: number;
  y: number;
  k: number;
}

export interface Size {
  width: number;
  height: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 6;

export const IDENTITY: Transform = { x: 0, y: 0, k: 1 };

/** The diagram's labels are 13 px: below this zoom they would render under 11 px, too small to read. */
export const LABEL_PX = 13;
export const READABLE_PX = 11;
export const READABLE_ZOOM = Math.ceil((READABLE_PX / LABEL_PX) * 10_000) / 10_000;

function clampZoom(k: number, min = MIN_ZOOM): number {
  return Math.min(MAX_ZOOM, Math.max(min, k));
}

/** Zooms by `factor` keeping the point (px, py) of the viewport still (under the mouse, or the center). */
export function zoomAt(t: Transform, factor: number, px: number, py: number, min = MIN_ZOOM): Transform {
  const k = clampZoom(t.k * factor, min);
  const f = k / t.k;
  return { k, x: px - (px - t.x) * f, y: py - (py - t.y) * f };
}

export function panBy(t: Transform, dx: number, dy: number): Transform {
  return { ...t, x: t.x + dx, y: t.y + dy };
}

/**
 * The whole content in view, centered. Small maps are not blown up past 1:1; big ones shrink, but not
 * below `minReadable` (then the user pans): a 300-node map at 5% is a grey smear.
 */
export function fit(content: Size, view: Size, padding = 16, minReadable = 0.25): Transform {
  if (content.width <= 0 || content.height <= 0 || view.width <= 0 || view.height <= 0) return IDENTITY;
  const k = clampZoom(Math.max(minReadable, Math.min(1, (view.width - 2 * padding) / content.width, (view.height - 2 * padding) / content.height)));
  const x = Math.max(padding, (view.width - content.width * k) / 2);
  const y = Math.max(padding, (view.height - content.height * k) / 2);
  return { k, x, y };
}

/**
 * The first view of a map: as wide as the panel allows (never above 1:1), from the top. A tall map is
 * then read by scrolling, rather than shrunk until its labels are too small to read; Fit shows it all.
 */
export function initialView(content: Size, view: Size, padding = 16, minReadable = 0.5): Transform {
  if (content.width <= 0 || content.height <= 0 || view.width <= 0 || view.height <= 0) return IDENTITY;
  const whole = fit(content, view, padding, 0);
  if (whole.k >= 0.8) return whole;
  const k = clampZoom(Math.max(minReadable, Math.min(1, (view.width - 2 * padding) / content.width)));
  return { k, x: Math.max(padding, (view.width - content.width * k) / 2), y: padding };
}

/**
 * The view of a map whose labels must stay readable: the whole map, centered, at the largest zoom up to 1:1
 * that shows it all; never below `min`. `fits` says whether all of it is then in view (else the caller
 * shows the overview, or the map from its top left corner).
 */
export function readableView(content: Size, view: Size, min = READABLE_ZOOM, padding = 16): { t: Transform; fits: boolean } {
  if (content.width <= 0 || content.height <= 0 || view.width <= 0 || view.height <= 0) return { t: IDENTITY, fits: true };
  const whole = Math.min(1, (view.width - 2 * padding) / content.width, (view.height - 2 * padding) / content.height);
  const k = Math.max(min, whole);
  const x = Math.max(padding, (view.width - content.width * k) / 2);
  const y = Math.max(padding, (view.height - content.height * k) / 2);
  return { t: { k, x, y }, fits: whole >= min };
}

/** Moves the view so that a point of the content (in content coordinates) is at the viewport's center. */
export function centerOn(t: Transform, point: { x: number; y: number }, view: Size): Transform {
  return { k: t.k, x: view.width / 2 - point.x * t.k, y: view.height / 2 - point.y * t.k };
}

/** A wheel event's zoom factor: smooth for trackpads, one step per notch for mice. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-Math.max(-100, Math.min(100, pixels)) / 300);
}

export function toCss(t: Transform): string {
  return `translate(${t.x.toFixed(1)}px, ${t.y.toFixed(1)}px) scale(${t.k.toFixed(4)})`;
}

export function isTransform(v: unknown): v is Transform {
  const t = v as Transform;
  return !!t && [t.x, t.y, t.k].every((n) => typeof n === 'number' && Number.isFinite(n)) && t.k > 0;
}
