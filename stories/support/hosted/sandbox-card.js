/* global document, window, location, DOMParser */
/**
 * The processor's hosted card page, offline, for Storybook and element tests: it asks the page
 * that framed it (same origin, with the fake API loaded; see stories/support/fake-processor.ts)
 * for the real page's markup, uses the real stylesheet and script from packages/server/hosted/,
 * and sends tokenization to the fake processor instead of the network. Only the transport is fake.
 */
const bridge = window.parent.billpayFakeProcessor;
const params = new URL(location.href).searchParams;
const lang = params.get('lang') === 'es' ? 'es' : 'en';
const markup = bridge.hostedCardHtml({ key: params.get('key') ?? '', parentOrigin: params.get('origin') ?? '', lang });
const parsed = new DOMParser().parseFromString(markup, 'text/html');

for (const { name, value } of parsed.documentElement.attributes) document.documentElement.setAttribute(name, value);
document.title = parsed.title;
const style = document.createElement('link');
style.rel = 'stylesheet';
style.href = '/packages/server/hosted/card.css';
document.head.append(style);
document.body.replaceWith(document.importNode(parsed.body, true));

window.fetch = (input, init) => bridge.fetch(input, init);
await import('/packages/server/hosted/card.js');
