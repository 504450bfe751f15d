// Builds what `pnpm start` and the tests need: type-checked JS and .d.ts for every package
// (tsc -b follows the project references), then billpay.js, custom-elements.json and the
// hosted card page's card rules (packages/server/hosted/card-rules.js), the console (packages/console/dist),
// the React, Vue, Svelte and HTML demos (demo/frameworks/dist, one Vite run) and the developer
// documentation (docs/dist, served at /docs).
import { spawnSync } from 'node:child_process';

const steps = [
  ['pnpm', ['exec', 'tsc', '-b', 'packages/sdk', 'packages/elements', 'packages/console', 'packages/server']],
  ['node', ['packages/elements/scripts/bundle.mjs']],
  ['node', ['packages/elements/scripts/manifest.mjs']],
  ['node', ['packages/server/scripts/bundle-hosted.mjs']],
  ['node', ['packages/console/scripts/bundle.mjs']],
  ['pnpm', ['exec', 'vite', 'build', '--config', 'demo/frameworks/vite.config.mjs']],
  // The developer documentation served at /docs (docs/dist); TypeDoc only when the SDK changed.
  ['node', ['scripts/docs/build.mjs', '--if-stale']],
];

for (const [command, args] of steps) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build failed: ${command} ${args.join(' ')}`);
    process.exit(result.status ?? 1);
  }
}
