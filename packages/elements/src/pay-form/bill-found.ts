import type { Account } from '@billpay/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Bills found by any `<bill-lookup>` on the page, for a form used on its own beside one (they
 * share the page's client, so its session): `onFound` is told each account found.
 */
export class BillFoundController implements ReactiveController {
  readonly #onFound: (account: Account) => void;

  constructor(host: ReactiveControllerHost, onFound: (account: Account) => void) {
    this.#onFound = onFound;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('bill-lookup-success', this.#listener);
  }

  hostDisconnected(): void {
    document.removeEventListener('bill-lookup-success', this.#listener);
  }

  #listener = (event: GlobalEventHandlersEventMap['bill-lookup-success']) => this.#onFound(event.detail.account);
}
