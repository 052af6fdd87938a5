// WCAG 2 contrast arithmetic on opaque `#rrggbb` colours, and a guard that darkens or lightens a theme
// colour just enough to reach a ratio (a theme's orange on white is 2.8:1; a marker needs 3:1).

export type Rgb = [number, number, number];

export function rgb(hex: string): Rgb {
  const n = parseInt(hex.slice(1, 7), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(c: Rgb): string {
  return `#${c.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance (WCAG 2.x). */
export function luminance(c: Rgb): number {
  const lin = c.map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

export function ratio(a: string, b: string): number {
  const [x, y] = [luminance(rgb(a)), luminance(rgb(b))].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/**
 * `color`, or the nearest colour towards black or white (whichever the backgrounds are far from) that has at
 * least `min`:1 against every one of `backgrounds`. The hue stays; only lightness moves.
 */
export function ensureContrast(color: string, backgrounds: readonly string[], min: number): string {
  const worst = (c: string) => Math.min(...backgrounds.map((b) => ratio(c, b)));
  if (worst(color) >= min) return color;
  const darkBackgrounds = backgrounds.every((b) => luminance(rgb(b)) < 0.18);
  const target: Rgb = darkBackgrounds ? [255, 255, 255] : [0, 0, 0];
  const from = rgb(color);
  for (let t = 0.05; t <= 1.0001; t += 0.05) {
    const c = toHex(mix(from, target, t));
    if (worst(c) >= min + 0.05) return c;
  }
  return toHex(target);
}
