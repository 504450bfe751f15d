/**
 * The print mechanism every element's Print uses (the itemized bill, the receipt; the plan and the
 * estimate can too): a document of its own on paper, whatever the page around it and its CSS.
 */
import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { emulateMedia } from '@web/test-runner-commands';
import { printDocument, PRINT_ROOT_ID } from '../src/print/print-document.js';
import { demoPractice } from '../../../stories/support/fake-api.js';
import { finishPrinting, printWith } from '../../../test/support/printing.js';

const text = (node: Element | ShadowRoot | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('printDocument', () => {
  afterEach(() => finishPrinting());

  it('prints over a page whose own print CSS hides divs, restyles the body and sets its own margins', async () => {
    // What a practice's site might have: print rules of its own, applied with !important.
    const siteCss = new CSSStyleSheet();
    siteCss.replaceSync(`
      @media print {
        body { display: grid !important; grid-template-columns: 200px 1fr; font-size: 30px; text-transform: uppercase; color: red; }
        div { display: none !important; }
        main, header { display: block !important; }
      }
    `);
    document.adoptedStyleSheets = [siteCss];
    const site = document.createElement('main');
    site.textContent = 'The practice’s home page';
    document.body.append(site);
    try {
      const printed = await printWith(() =>
        printDocument({ title: 'Payment receipt', locale: 'es-US', practice: demoPractice, account: { accountNumber: 'A-100234' }, content: html`<p class="body">Recibido</p>` }),
      );
      expect(printed.printedChildren.filter((child) => child.shown).map((child) => child.element.id)).to.deep.equal([PRINT_ROOT_ID]);
      await emulateMedia({ media: 'print' });
      try {
        const body = printed.document.querySelector('.body')!;
        // The page's inherited text styles do not reach the document.
        expect(getComputedStyle(body).textTransform).to.equal('none');
        expect(getComputedStyle(body).color).to.equal('rgb(0, 0, 0)');
        expect(getComputedStyle(document.body).display).to.equal('block');
      } finally {
        await emulateMedia({ media: 'screen' });
      }
      expect(text(printed.document.querySelector('.whose'))).to.match(/^Cuenta A-100234 Impreso el \d{1,2} de \w+ de \d{4}$/);
      expect(text(printed.document.querySelector('.contact'))).to.contain('Facturación: (555) 010-4477');
      finishPrinting();
      expect(document.adoptedStyleSheets).to.deep.equal([siteCss]);
    } finally {
      site.remove();
      document.adoptedStyleSheets = [];
    }
  });

  it('prints a detached copy of what an element shows, with its own heading, and replaces a document not printed yet', async () => {
    const first = await printWith(() => printDocument({ title: 'First', locale: 'en', practice: demoPractice, content: html`<p>first</p>` }));
    const copy = document.createElement('section');
    copy.innerHTML = '<h1>Good Faith Estimate</h1><p>Expected total $2,140.00</p>';
    const second = await printWith(() => printDocument({ title: 'Good Faith Estimate', locale: 'en', practice: demoPractice, content: copy, ownHeading: true }));
    expect(first.container.isConnected).to.equal(false);
    expect(document.querySelectorAll(`#${PRINT_ROOT_ID}`)).to.have.length(1);
    expect([...second.document.querySelectorAll('h1')].map((h) => text(h))).to.deep.equal(['Good Faith Estimate']);
    expect(text(second.document)).to.contain('Expected total $2,140.00');
    expect(text(second.document.querySelector('.whose'))).to.match(/^Printed on \w+ \d{1,2}, \d{4}$/);
    finishPrinting();
    expect(document.getElementById(PRINT_ROOT_ID)).to.equal(null);
  });
});
