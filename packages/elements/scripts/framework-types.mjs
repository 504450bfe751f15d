// Typings for using the elements from React 19, Vue 3 and Svelte 5, made from custom-elements.json
// (scripts/manifest.mjs writes them to types/ and checks them, as it does the manifest).
//
// Written here rather than by the wc-toolkit generators (@wc-toolkit/jsx-types 1.8,
// custom-element-vuejs-integration 1.4, custom-element-svelte-integration 1.2): on this manifest
// they import classes the package does not export, leave the events' detail types (`Account`,
// `Payment`) unimported, so any `skipLibCheck` project reads them as `any`, and the Vue one wraps
// each event in a second `CustomEvent`. Here every type comes from the package's own declarations:
// a property's from its class (`PayForm['account']`), an event's from `BillPayEventMap`.
//
// Only the elements the package exports are typed (their classes are in `@billpay/elements`); the
// ones they draw inside themselves are not for pages to use.

const HEADER = (what) => `// Generated from custom-elements.json by packages/elements/scripts/framework-types.mjs: do not edit.
// \`pnpm cem\` (or the build) writes it; \`pnpm cem:check\` fails when it is not what the manifest makes.
/**
 * ${what}
 *
 * Properties and attributes are typed from each element's class, events from \`BillPayEventMap\`.
 */`;

/**
 * The exported elements of `manifest`: tag, class, description, attributes (name, property),
 * public writable properties and events (name, description).
 */
export function elementsOf(manifest) {
  const exported = new Set((manifest.modules.find((m) => m.path === 'src/index.ts')?.exports ?? []).map((e) => e.name));
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((d) => d.customElement && d.tagName && exported.has(d.name))
    .map((d) => ({
      tag: d.tagName,
      className: d.name,
      summary: d.summary ?? '',
      attributes: (d.attributes ?? []).filter((a) => a.fieldName && a.name !== a.fieldName).map((a) => ({ name: a.name, property: a.fieldName, description: a.description ?? '' })),
      properties: (d.members ?? [])
        .filter((m) => m.kind === 'field' && !m.static && !m.readonly && (m.privacy ?? 'public') === 'public')
        .map((m) => ({ name: m.name, description: m.description ?? '' })),
      events: (d.events ?? []).filter((e) => e.name).map((e) => ({ name: e.name, description: e.description ?? '' })),
    }))
    .sort((a, b) => a.tag.localeCompare(b.tag));
}

const doc = (text, indent) => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n` : '');
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
/** payment-succeeded → PaymentSucceeded (Vue's handler props: `onPaymentSucceeded`). */
const pascal = (name) => name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());

/** Each element's props: attribute names and property names, typed from its class, then its events with `handler`. */
function propsOf(element, { attributes, eventKey, handler, indent }) {
  const lines = [];
  for (const p of element.properties) lines.push(`${doc(p.description, indent)}${indent}${key(p.name)}?: ${element.className}[${`'${p.name}'`}];`);
  if (attributes) {
    for (const a of element.attributes) {
      lines.push(`${doc(a.description || `Attribute of the \`${a.property}\` property.`, indent)}${indent}${key(a.name)}?: AttributeValue<${element.className}['${a.property}']>;`);
    }
  }
  for (const e of element.events) lines.push(`${doc(e.description, indent)}${indent}${key(eventKey(e.name))}?: ${handler(element, e.name)};`);
  return lines.join('\n');
}

const importClasses = (elements) => `import type { BillPayEventMap, ${elements.map((e) => e.className).join(', ')} } from '@billpay/elements';`;

const attributeValue = `
/** An attribute's value: its property's type, or for a number the number's text (\`heading-level="2"\`). */
type AttributeValue<T> = T extends number ? T | \`\${T}\` : T;`;

/** React 19: JSX props for custom elements set properties when the element has one, and `on<event>` adds a listener. */
function react(elements) {
  const body = elements
    .map(
      (element) => `${doc(element.summary, '  ')}  '${element.tag}': BillPayElementProps<${element.className}> & {
${propsOf(element, { attributes: true, eventKey: (name) => `on${name}`, handler: (el, name) => `BillPayHandler<${el.className}, '${name}'>`, indent: '    ' })}
  };`,
    )
    .join('\n');
  return `${HEADER("React 19's JSX for billpay's elements: `import type {} from '@billpay/elements/react';` once in the app.")}
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
${importClasses(elements)}
${attributeValue}

/** What React passes an \`on<event>\` handler: the element's event, \`currentTarget\` the element. */
export type BillPayHandler<T, K extends keyof BillPayEventMap> = (event: BillPayEventMap[K] & { currentTarget: T }) => void;
/** An element's ordinary HTML props (\`id\`, \`className\`, \`ref\`, \`key\`, children...). */
type BillPayElementProps<T> = DetailedHTMLProps<HTMLAttributes<T>, T>;

/** Every billpay element's props, by tag. */
export interface BillPayIntrinsicElements {
${body}
}

declare module 'react' {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- interface merging is how JSX learns tags
    interface IntrinsicElements extends BillPayIntrinsicElements {}
  }
}
`;
}

/** Vue 3: the elements as global components, so templates check props and \`@event\` handlers (\`onPaymentSucceeded\`). */
function vue(elements) {
  const body = elements
    .map(
      (element) => `${doc(element.summary, '  ')}  '${element.tag}': DefineComponent<{
${propsOf(element, { attributes: false, eventKey: (name) => `on${pascal(name)}`, handler: (_el, name) => `(event: BillPayEventMap['${name}']) => void`, indent: '    ' })}
  }>;`,
    )
    .join('\n');
  return `${HEADER("Vue 3's template types for billpay's elements: `import type {} from '@billpay/elements/vue';` once in the app (and `isCustomElement` for the tags in the compiler options).")}
import type { DefineComponent } from 'vue';
${importClasses(elements)}

/** Every billpay element as Vue sees it, by tag. */
export interface BillPayGlobalComponents {
${body}
}

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- interface merging is how Vue learns tags
  interface GlobalComponents extends BillPayGlobalComponents {}
}
`;
}

/** Svelte 5: \`svelte/elements\`' element map; \`on<event>\` attributes add listeners, known properties are set as properties. */
function svelte(elements) {
  const body = elements
    .map(
      (element) => `${doc(element.summary, '  ')}  '${element.tag}': HTMLAttributes<${element.className}> & {
${propsOf(element, { attributes: true, eventKey: (name) => `on${name}`, handler: (el, name) => `(event: BillPayEventMap['${name}'] & { currentTarget: ${el.className} }) => void`, indent: '    ' })}
  };`,
    )
    .join('\n');
  return `${HEADER("Svelte 5's element types for billpay's elements: `import type {} from '@billpay/elements/svelte';` once in the app.")}
import type { HTMLAttributes } from 'svelte/elements';
${importClasses(elements)}
${attributeValue}

/** Every billpay element's attributes, properties and events, by tag. */
export interface BillPaySvelteElements {
${body}
}

declare module 'svelte/elements' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- interface merging is how Svelte learns tags
  interface SvelteHTMLElements extends BillPaySvelteElements {}
}
`;
}

/** The typings' files (under types/) and their text. */
export function frameworkTypes(manifest) {
  const elements = elementsOf(manifest);
  return { 'react.d.ts': react(elements), 'vue.d.ts': vue(elements), 'svelte.d.ts': svelte(elements) };
}
