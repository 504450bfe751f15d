import '../../../test/support/fail-on-console.js';
import { expect, fixture } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { ModalDialog } from '../src/app/modal.js';

/** A page with two buttons and a dialog that says what it was opened for, emptied on close, as the console's dialogs are. */
class ModalPage extends LitElement {
  static override properties = { showing: { state: true } };
  declare showing: string | undefined;
  readonly modal = new ModalDialog(this);

  async open(what: string, opener: HTMLElement) {
    this.showing = what;
    await this.modal.show(opener, 'h2');
  }

  override render() {
    return html`<button id="first" @click=${(e: Event) => this.open('first', e.currentTarget as HTMLElement)}>First</button>
      <button id="second" @click=${(e: Event) => this.open('second', e.currentTarget as HTMLElement)}>Second</button>
      ${this.showing === undefined
        ? html`<dialog aria-label="-"></dialog>`
        : html`<dialog aria-labelledby="title" @close=${this.closed}><h2 id="title" tabindex="-1">${this.showing}</h2><button id="cancel" @click=${() => this.modal.close()}>Cancel</button></dialog>`}`;
  }

  private closed = () => {
    if (!this.modal.ended()) return;
    this.showing = undefined;
    this.modal.returnFocus();
  };
}
customElements.define('modal-page', ModalPage);

const $ = (page: ModalPage, selector: string) => page.shadowRoot!.querySelector<HTMLElement>(selector)!;
/** Lets the dialog's queued `close` event run. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('a console dialog (ModalDialog)', () => {
  it('opens modal with its title focused, and on Cancel gives focus back to the button that opened it', async () => {
    const page = await fixture<ModalPage>(html`<modal-page></modal-page>`);
    $(page, '#first').click();
    await page.updateComplete;
    await nextTask();
    expect(($(page, 'dialog') as HTMLDialogElement).open).to.equal(true);
    expect(page.shadowRoot!.activeElement?.id).to.equal('title');
    $(page, '#cancel').click();
    await nextTask();
    expect(page.showing).to.equal(undefined);
    expect(page.shadowRoot!.activeElement?.id).to.equal('first');
  });

  it('keeps a dialog opened again before the last one’s close event ran, and its focus', async () => {
    const page = await fixture<ModalPage>(html`<modal-page></modal-page>`);
    $(page, '#first').click();
    await nextTask();
    // Cancel, then at once the other button: the first showing's close event is still queued.
    $(page, '#cancel').click();
    $(page, '#second').click();
    await nextTask();
    const dialog = $(page, 'dialog') as HTMLDialogElement;
    expect(dialog.open, 'the second dialog is still shown').to.equal(true);
    expect($(page, 'h2').textContent).to.equal('second');
    expect(page.shadowRoot!.activeElement?.id, 'focus stays in the new dialog').to.equal('title');
  });

  it('leaves focus where the person put it after closing', async () => {
    const page = await fixture<ModalPage>(html`<modal-page></modal-page>`);
    $(page, '#first').click();
    await nextTask();
    $(page, '#cancel').click();
    $(page, '#second').focus();
    await nextTask();
    expect(page.shadowRoot!.activeElement?.id, 'not pulled back to the opener').to.equal('second');
  });
});
