import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import manifest from '../packages/elements/custom-elements.json' with { type: 'json' };

interface Member {
  readonly kind?: string;
  readonly privacy?: string;
  readonly static?: boolean;
}

// Each element's Docs page shows its API table from the manifest: attributes, properties, events
// with their detail types, slots, parts and custom properties. Protected and static members are for
// subclasses, not for a page using the element, so the table leaves them out.
setCustomElementsManifest({
  ...manifest,
  modules: manifest.modules.map((module) => ({
    ...module,
    declarations: module.declarations?.map((declaration) =>
      'members' in declaration
        ? { ...declaration, members: (declaration.members as readonly Member[]).filter((member) => !member.privacy && !member.static) }
        : declaration,
    ),
  })),
});

const preview: Preview = {
  parameters: {
    a11y: { test: 'error' },
    controls: { expanded: true },
    layout: 'padded',
  },
};

export default preview;
