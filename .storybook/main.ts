import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y'],
  staticDirs: [{ from: '../demo/assets', to: '/demo/assets' }],
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
