import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

/** One shape of a simple SVG logo: a rectangle or a path, filled and/or stroked. */
export interface LogoShape {
  readonly d?: string;
  readonly rect?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly rx: number };
  readonly fill: string | null;
  readonly stroke: string | null;
  readonly strokeWidth: number;
  readonly lineCap: 'butt' | 'round' | 'square';
}

export type Logo = { readonly kind: 'svg'; readonly viewBox: readonly [number, number, number, number]; readonly shapes: readonly LogoShape[] } | { readonly kind: 'image'; readonly data: Buffer };

const attr = (element: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
const num = (element: string, name: string, fallback = 0): number => {
  const value = Number(attr(element, name));
  return Number.isFinite(value) ? value : fallback;
};
const paint = (value: string | undefined, fallback: string | null): string | null => (value === undefined ? fallback : value === 'none' ? null : value);

/**
 * The small part of SVG a practice logo needs (a `viewBox`, `rect` and `path` with fill and
 * stroke), read into shapes the PDF draws as vectors. `undefined` for anything it cannot read.
 */
export function parseSvgLogo(svg: string): Logo | undefined {
  const box = /<svg[^>]*\sviewBox="([^"]+)"/.exec(svg)?.[1]?.trim().split(/[\s,]+/).map(Number);
  if (!box || box.length !== 4 || box.some((n) => !Number.isFinite(n))) return undefined;
  const shapes: LogoShape[] = [];
  for (const [element] of svg.matchAll(/<(?:rect|path)\b[^>]*>/g)) {
    const base = {
      fill: paint(attr(element, 'fill'), '#000'),
      stroke: paint(attr(element, 'stroke'), null),
      strokeWidth: num(element, 'stroke-width', 1),
      lineCap: (attr(element, 'stroke-linecap') as LogoShape['lineCap'] | undefined) ?? 'butt',
    };
    if (element.startsWith('<rect')) {
      shapes.push({ ...base, rect: { x: num(element, 'x'), y: num(element, 'y'), width: num(element, 'width'), height: num(element, 'height'), rx: num(element, 'rx') } });
    } else {
      const d = attr(element, 'd');
      if (d) shapes.push({ ...base, d });
    }
  }
  return shapes.length ? { kind: 'svg', viewBox: box as [number, number, number, number], shapes } : undefined;
}

/** The practice's statement logo (`logoFile`): an SVG drawn as vectors, or a PNG/JPEG image; none when unreadable. */
export async function loadLogo(file: string | undefined): Promise<Logo | undefined> {
  if (!file) return undefined;
  try {
    const extension = extname(file).toLowerCase();
    if (extension === '.svg') return parseSvgLogo(await readFile(file, 'utf8'));
    if (['.png', '.jpg', '.jpeg'].includes(extension)) return { kind: 'image', data: await readFile(file) };
  } catch {
    // A missing logo leaves the practice's name on its own; the statement is still printed.
  }
  return undefined;
}
