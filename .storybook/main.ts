import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  staticDirs: [
    { from: '../demo/assets', to: '/demo/assets' },
    // The offline hosted card page (fake-api.ts) shows the processor's real script and style.
    { from: '../stories/support/hosted', to: '/stories/support/hosted' },
    { from: '../packages/server/hosted', to: '/packages/server/hosted' },
  ],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  // Elements and the SDK are read from source, so stories show the code as it is now.
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    resolve: { ...viteConfig.resolve, conditions: ['source', 'browser', 'module', 'import', 'default'] },
    esbuild: false,
    oxc: { decorator: { legacy: true } },
  }),
};

export default config;
