import '../../../test/support/fail-on-console.js';
import { expect, fixture } from '@open-wc/testing';
import type { GoodFaithEstimate, PlanBuilder } from '@billpay/elements';
import { renderGoodFaithEstimate } from '../../../stories/good-faith-estimate.stories.js';
import { loadPlanBuilder, renderPlanBuilder } from '../../../stories/plan-builder.stories.js';
import { until } from '../../../stories/support/drive.js';
import { loadBook, wordsOf, type WordBook } from '../src/i18n/locales.js';
import { text } from './support/dom.js';
import { renderPayFormStory } from './support/pay-form.js';

// The tests run in order in one page: the English ones first, before anything speaks Spanish.
// Every module the page fetches is kept in the resource timeline: the test page raises the
// browser's limit of 250 before it loads anything (testRunnerHtml in web-test-runner.config.mjs).

/** The Spanish words this page has asked for: the main dictionary (i18n/es) and each book's (i18n/pay-es, ...). */
const fetched = () => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
const spanishFetched = () => fetched().filter((path) => /\/i18n\/(?:[\w-]+-)?es\.(?:ts|js)$/.test(path));

const legend = (el: HTMLElement) => text(el.shadowRoot!.querySelector('fieldset legend'));

describe('books of words', () => {
  it('an English page fetches no Spanish words, of the main dictionary or of any form', async () => {
    const { el } = await renderPayFormStory();
    expect(legend(el)).to.equal('How much would you like to pay?');
    const planArgs = { lang: 'en', patient: 'Okafor', cardCapture: 'direct', autopayMethods: 'bank card', policy: 'demo', cardAutopay: true } as const;
    const plan = await fixture<PlanBuilder>(renderPlanBuilder(planArgs, await loadPlanBuilder(planArgs)));
    await until(plan, () => plan.shadowRoot?.querySelector('form'));
    const estimate = await fixture<GoodFaithEstimate>(
      renderGoodFaithEstimate({ lang: 'en', estimateId: '', delayMs: 0, requestMode: 'issue', withoutPriceList: false, offline: false }),
    );
    await until(estimate, () => estimate.shadowRoot?.querySelector('form'));
    // The timeline holds the modules imported with this file too (the English dictionary among them).
    expect(fetched().some((path) => path.endsWith('/i18n/en.ts'))).to.equal(true);
    expect(fetched().some((path) => path.endsWith('/i18n/pay.ts'))).to.equal(true);
    expect(spanishFetched()).to.deep.equal([]);
  });

  it('switches <pay-form> to Spanish live: it redraws once its words have arrived, all of them in Spanish', async () => {
    const { el } = await renderPayFormStory();
    el.setAttribute('lang', 'es');
    await until(el, () => legend(el) === '¿Cuánto desea pagar?');
    // The form's own words and the main dictionary's arrived before the redraw: nothing is left in English.
    const shown = text(el.shadowRoot!.querySelector('form'));
    expect(shown).to.contain('¿Cómo desea pagar?');
    expect(shown).not.to.contain('How would you like to pay?');
    expect(spanishFetched().some((path) => /\/i18n\/pay-es\./.test(path)), 'the payment form’s Spanish was fetched').to.equal(true);
    expect(spanishFetched().some((path) => /\/i18n\/es\./.test(path)), 'the main dictionary’s Spanish was fetched').to.equal(true);
    // The estimate form's Spanish was not: nothing here speaks it.
    expect(spanishFetched().some((path) => /\/i18n\/estimate-es\./.test(path))).to.equal(false);
    await expect(el).to.be.accessible();

    el.setAttribute('lang', 'en');
    await until(el, () => legend(el) === 'How much would you like to pay?');
  });

  it('keeps English when a language cannot be fetched, and tries again next time', async () => {
    let tries = 0;
    const book: WordBook<{ hello: string }> = {
      name: 'test-unreachable',
      en: { hello: 'Hello' },
      loaders: {
        es: () => {
          tries++;
          return tries === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve({ hello: 'Hola' });
        },
      },
    };
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      await loadBook(book, 'es');
    } finally {
      console.warn = warn;
    }
    expect(wordsOf(book, 'es').hello).to.equal('Hello');
    expect(warnings).to.have.length(1);
    await loadBook(book, 'es');
    expect(wordsOf(book, 'es').hello).to.equal('Hola');
    expect(loadBook(book, 'es'), 'nothing left to fetch').to.equal(undefined);
    expect(tries).to.equal(2);
  });
});
