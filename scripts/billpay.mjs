// `pnpm billpay <command>`: the server package's `billpay` command (start, run-due, keys), as
// built by `pnpm build` (or `pnpm start`), run from the repository root.
import { existsSync } from 'node:fs';

const cli = new URL('../packages/server/dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('billpay is not built yet: run `pnpm build` first.');
  process.exit(2);
}
await import(cli.href);
