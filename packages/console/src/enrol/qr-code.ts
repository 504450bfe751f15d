import { svg, type SVGTemplateResult } from 'lit';
import { create } from 'qrcode';

/**
 * A QR code of `text` as SVG drawn by Lit (one path of dark modules, a quiet zone of 4), so no
 * markup string is parsed and the page's CSP needs nothing more.
 */
export function qrCode(text: string, label: string): SVGTemplateResult {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  let path = '';
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) {
      if (modules.get(row, col)) path += `M${col + 4} ${row + 4}h1v1h-1z`;
    }
  }
  const box = size + 8;
  return svg`<svg role="img" aria-label=${label} viewBox="0 0 ${box} ${box}" width="200" height="200" shape-rendering="crispEdges"><rect width=${box} height=${box} fill="#fff"/><path d=${path} fill="#000"/></svg>`;
}
