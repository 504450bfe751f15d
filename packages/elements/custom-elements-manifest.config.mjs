// How custom-elements.json is made from the source (read by `cem analyze` and scripts/manifest.mjs).
// Two facts are written once in the source and copied onto every element here, so the class JSDoc
// does not repeat them: the `--billpay-*` custom properties of the shared tokens (their `@cssprop`
// lines are on `tokens` in src/styles/shared.ts; every element whose `static styles` include
// `tokens` honours them), and each event's detail type (from `BillPayEventMap` in src/events.ts).
// Private members are left out.

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function sharedTokensAndEventTypes() {
  /** @type {{ name: string; description: string; default?: string }[]} */
  const tokenProperties = [];
  /** @type {Set<string>} class names whose `static styles` include `tokens` */
  const themedClasses = new Set();
  /** @type {Map<string, { type: string; description: string }>} */
  const eventTypes = new Map();

  return {
    name: 'billpay-shared-tokens-and-event-types',
    collectPhase({ ts, node }) {
      const file = node.getSourceFile?.()?.fileName ?? '';
      if (ts.isVariableStatement(node) && file.endsWith('styles/shared.ts')) {
        const declaration = node.declarationList.declarations.find((d) => d.name.getText() === 'tokens');
        if (!declaration) return;
        const defaults = customPropertyDefaults(declaration.initializer?.getText() ?? '');
        for (const doc of node.jsDoc ?? []) {
          for (const [, name, description] of doc.getFullText().matchAll(/@cssprop\s+(--[\w-]+)\s+-\s+(.+)/g)) {
            tokenProperties.push({ name, description: description.trim(), ...(defaults.has(name) ? { default: defaults.get(name) } : {}) });
          }
        }
      }
      if (ts.isClassDeclaration(node) && node.name) {
        const styles = node.members.find((m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'styles');
        if (styles?.initializer && /\btokens\b/.test(styles.initializer.getText())) themedClasses.add(node.name.getText());
      }
      if (ts.isInterfaceDeclaration(node) && node.name.getText() === 'BillPayEventMap') {
        for (const member of node.members) {
          if (!ts.isPropertySignature(member) || !member.type) continue;
          const name = member.name.getText().replace(/^['"]|['"]$/g, '');
          const description = (member.jsDoc ?? []).map((doc) => (typeof doc.comment === 'string' ? doc.comment : '')).join(' ');
          eventTypes.set(name, { type: member.type.getText().replace(/\s+/g, ' '), description: description.replace(/\s+/g, ' ').trim() });
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          // Private members are not part of anyone's API; listing them only hides what is.
          if (declaration.members) declaration.members = declaration.members.filter((member) => member.privacy !== 'private');
          if (!declaration.customElement) continue;
          if (themedClasses.has(declaration.name)) {
            const own = declaration.cssProperties ?? [];
            const shared = tokenProperties.map((token) => ({ ...token, ...own.find((p) => p.name === token.name) }));
            declaration.cssProperties = [...shared, ...own.filter((p) => !tokenProperties.some((t) => t.name === p.name))];
          }
          for (const event of declaration.events ?? []) {
            const known = eventTypes.get(event.name);
            if (!known) continue;
            event.type = { text: known.type };
            event.description ||= known.description;
          }
        }
      }
    },
  };
}

/** `var(--billpay-x, fallback)` in a css`` template: each property's fallback, nested parentheses and all. */
function customPropertyDefaults(cssText) {
  const defaults = new Map();
  for (const match of cssText.matchAll(/var\((--billpay-[\w-]+),\s*/g)) {
    let depth = 1;
    let end = match.index + match[0].length;
    for (; end < cssText.length && depth > 0; end++) {
      if (cssText[end] === '(') depth++;
      else if (cssText[end] === ')') depth--;
    }
    if (!defaults.has(match[1])) defaults.set(match[1], cssText.slice(match.index + match[0].length, end - 1).trim());
  }
  return defaults;
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  litelement: true,
  packagejson: false,
  plugins: [sharedTokensAndEventTypes()],
};
