// The framework demos (React 19, Vue 3, Svelte 5, plain HTML), built in one Vite run into dist/,
// which the demo server serves at /frameworks/ (packages/server/src/http/static.ts). Each page is
// external modules and a stylesheet only: the demo pages' CSP allows no inline script or style.
//   pnpm exec vite build --config demo/frameworks/vite.config.mjs   (scripts/build.mjs does it)
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
/** billpay's tags, which Vue must leave to the browser rather than resolve as components. */
const isCustomElement = (tag) => ['bill-pay', 'bill-lookup', 'bill-summary', 'pay-form', 'plan-builder', 'good-faith-estimate'].includes(tag);

export default defineConfig({
  root: here('.'),
  base: '/frameworks/',
  // The demo site's own files (/styles.css, the logo) are the server's, not the build's.
  publicDir: false,
  logLevel: 'warn',
  plugins: [
    react({ include: /\/react\/.*\.tsx$/ }),
    vue({ template: { compilerOptions: { isCustomElement } } }),
    svelte({ configFile: false }),
  ],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // Source maps, as billpay.js has: a developer reading the demo in the browser sees its source.
    sourcemap: true,
    rolldownOptions: {
      input: {
        index: here('index.html'),
        react: here('react/index.html'),
        vue: here('vue/index.html'),
        svelte: here('svelte/index.html'),
        html: here('html/index.html'),
      },
    },
  },
});
