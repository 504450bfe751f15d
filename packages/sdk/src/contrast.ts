/**
 * Colour contrast as WCAG 2.1 measures it (relative luminance, 1.4.3 Contrast (Minimum)): a pure
 * rule shared by the practice's configuration, the server and the console's settings page.
 */

/** A colour as `#rrggbb` (the form a colour input gives). */
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** What text needs against its background at WCAG 2.1 AA (normal size). */
export const AA_TEXT_CONTRAST = 4.5;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.039_28 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** The relative luminance of `#rrggbb`, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 0xff) + 0.7152 * channel((n >> 8) & 0xff) + 0.0722 * channel(n & 0xff);
}

/** The contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [high, low] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** The ratio as people read it, rounded down to one decimal ("4.4", never a rounded-up "4.5"). */
export function formatContrast(ratio: number): string {
  return (Math.floor(ratio * 10) / 10).toFixed(1);
}

/**
 * Whether a brand colour works as the widget uses it: links in it on white, and white text on its
 * buttons. Both are its contrast against white, which must reach AA for text (4.5:1).
 */
export function brandColorContrast(hex: string): { ok: boolean; ratio: number } {
  const ratio = contrastRatio(hex, '#ffffff');
  return { ok: ratio >= AA_TEXT_CONTRAST, ratio };
}
