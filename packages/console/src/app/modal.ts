import type { ReactiveElement } from 'lit';

/** The element that has focus, looked for through shadow roots. */
function focusedElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * How a console page shows its `<dialog>` modal and gives focus back when it closes.
 *
 * A dialog's `close` event is a task queued by `close()` (or Escape), so it can run after the
 * person, or a test driving the page faster than a person, has already moved on: focused another
 * button, or opened the dialog again. Handled blindly, that late event emptied the dialog just
 * opened and pulled focus back to the old opener, where the next key press landed (the console
 * test's "Change the amount" once opened "Move payment 3" instead). So a close is acted on only
 * when it ends the dialog as shown now, and focus goes back only when it is lost (on the page's
 * body or in the closed dialog), never taken from where the person put it.
 */
export class ModalDialog {
  readonly #host: ReactiveElement;
  #opener: HTMLElement | undefined;
  #opening = 0;

  constructor(host: ReactiveElement) {
    this.#host = host;
  }

  /** The host's dialog as drawn now (Lit may replace it when what it shows changes). */
  get dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog');
  }

  /** Shows the dialog modal once the host has drawn it, then focuses `focus` (a selector) in it; focus goes back to `opener` when it closes. */
  async show(opener: HTMLElement | undefined, focus: string): Promise<void> {
    this.#opener = opener;
    this.#opening += 1;
    try {
      await this.#host.updateComplete;
      const dialog = this.dialog;
      if (dialog && !dialog.open) dialog.showModal();
    } finally {
      this.#opening -= 1;
    }
    this.#host.renderRoot.querySelector<HTMLElement>(focus)?.focus();
  }

  /** Closes the dialog if it is open. */
  close(): void {
    this.dialog?.close();
  }

  /**
   * Whether a `close` event ends the dialog as shown now. False for one left over from an earlier
   * showing, when the dialog was opened again before the event ran: the new showing is kept.
   */
  ended(): boolean {
    return this.#opening === 0 && this.dialog?.open !== true;
  }

  /** Gives focus to `target` (the opener by default) unless the person has already put it somewhere. */
  returnFocus(target: HTMLElement | null | undefined = this.#opener): void {
    const active = focusedElement();
    const lost = !active || active === document.body || active.closest('dialog:not([open])') !== null || !active.isConnected;
    if (lost) target?.focus();
  }
}
