/**
 * Visual snapshots, the one comparer of the stories (test/stories/snapshots/) and the console's
 * end-to-end screens (test/e2e/snapshots/): a screenshot compared with the one committed in its
 * folder, with a small tolerance for anti-aliasing. `UPDATE_SNAPSHOTS=1` writes what is shown as
 * the new reference (look at it before committing); otherwise a missing or different one fails,
 * and the screenshot and a picture of the differences are left in `.test-results/visual/` for
 * review.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import UPNG from 'upng-js';

const REVIEW_DIR = '.test-results/visual';
/** Share of pixels that may differ (anti-aliasing, sub-pixel text) before a snapshot fails. */
const TOLERANCE = 0.002;

export type SnapshotVerdict = { readonly ok: true } | { readonly ok: false; readonly why: string };

/**
 * A screenshot as it is kept: 256 colours, about a third of the bytes of the full-colour PNG (the
 * widgets and the console are flat colours and anti-aliased text), compared after the same reduction.
 */
function reduced(screenshot: Buffer): Buffer {
  const image = UPNG.decode(screenshot.buffer.slice(screenshot.byteOffset, screenshot.byteOffset + screenshot.byteLength) as ArrayBuffer);
  const rgba = UPNG.toRGBA8(image)[0];
  if (!rgba) throw new Error('an empty screenshot');
  return Buffer.from(UPNG.encode([rgba], image.width, image.height, 256));
}

/** `screenshot` against the reference `folder/name.png`. */
export function compareSnapshot(folder: string, name: string, screenshot: Buffer): SnapshotVerdict {
  const actual = reduced(screenshot);
  const file = join(folder, `${name}.png`);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, actual);
    return { ok: true };
  }
  const keep = (suffix: string, data: Buffer) => {
    mkdirSync(REVIEW_DIR, { recursive: true });
    writeFileSync(join(REVIEW_DIR, `${name}.${suffix}.png`), data);
  };
  if (!existsSync(file)) {
    keep('actual', actual);
    return { ok: false, why: `no reference snapshot ${file}: run its test with UPDATE_SNAPSHOTS=1 (the stories: UPDATE_SNAPSHOTS=1 pnpm test stories), look at it, commit it` };
  }
  const expected = PNG.sync.read(readFileSync(file));
  const shown = PNG.sync.read(actual);
  if (expected.width !== shown.width || expected.height !== shown.height) {
    keep('actual', actual);
    return { ok: false, why: `${name}: ${shown.width}x${shown.height}px, the reference is ${expected.width}x${expected.height}px` };
  }
  const diff = new PNG({ width: shown.width, height: shown.height });
  const differing = pixelmatch(expected.data, shown.data, diff.data, shown.width, shown.height, { threshold: 0.1 });
  if (differing / (shown.width * shown.height) <= TOLERANCE) return { ok: true };
  keep('actual', actual);
  keep('diff', PNG.sync.write(diff));
  return { ok: false, why: `${name}: ${differing} pixels differ from the reference (${((differing / (shown.width * shown.height)) * 100).toFixed(2)}%)` };
}
