/**
 * A browser test page that navigates away (a form submitted natively, a link followed) takes every
 * later test of its file with it, and web-test-runner then waits for the file until its timeout:
 * a hang that names no test. Here such a navigation is stopped and reported as a console error,
 * which fails the test that caused it (see fail-on-console.ts). In Node (Mocha), it does nothing.
 */
interface NavigateEvent extends Event {
  readonly destination: { readonly url: string; readonly sameDocument: boolean };
  readonly formData: FormData | null;
  readonly downloadRequest: string | null;
  readonly cancelable: boolean;
}

const navigation = (globalThis as { navigation?: EventTarget }).navigation;
navigation?.addEventListener('navigate', (event) => {
  const navigate = event as NavigateEvent;
  // history.pushState and #fragments stay on the page; a download does not leave it.
  if (!navigate.cancelable || navigate.destination.sameDocument || navigate.downloadRequest !== null) return;
  navigate.preventDefault();
  console.error(`The test page tried to leave for ${navigate.destination.url}${navigate.formData ? ' (a form was submitted natively)' : ''}; it was stopped.`);
});
if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', () => console.error('The test page is being unloaded.'));
}
