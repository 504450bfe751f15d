import { fileURLToPath } from 'node:url';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** Where things are and which ports are used when the settings do not say. */
export const defaults = {
  port: 8787,
  processorPort: 8788,
  host: '127.0.0.1',
  dataDir: here('../../../data'),
  practicesDir: here('../practices'),
  demoDir: here('../../../demo'),
  bundlePath: here('../../elements/dist/billpay.js'),
  consoleDir: here('../../console/dist'),
  docsDir: here('../../../docs/dist'),
} as const;
