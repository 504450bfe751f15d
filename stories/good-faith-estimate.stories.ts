import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@billpay/elements/good-faith-estimate/define.js';
import { createBillPayClient } from '@billpay/sdk';
import type { GoodFaithEstimate } from '@billpay/elements';
import { createFakeApi, FAKE_API_ORIGIN } from './support/fake-api.js';

/** What the in-memory API does with an estimate request. */
export type RequestMode = 'issue' | 'hold' | 'offline' | 'too-many' | 'too-many-copies';

export interface GoodFaithEstimateArgs {
  lang: 'en' | 'es';
  /** Show this estimate instead of the form ("gfe_demo1" is Chidi Okafor's lumbar MRI). */
  estimateId: string;
  /** Milliseconds the fake API takes; Infinity keeps it loading. */
  delayMs: number;
  requestMode: RequestMode;
  /** The practice publishes no price list. */
  withoutPriceList: boolean;
  /** Every request fails as if offline (the price list cannot load). */
  offline: boolean;
}

/** Renders `<good-faith-estimate>` against the in-memory API; element tests render these same stories. */
export function renderGoodFaithEstimate({ lang, estimateId, delayMs, requestMode, withoutPriceList, offline }: GoodFaithEstimateArgs) {
  const api = createFakeApi({ delayMs, withoutPriceList, ...(offline ? { failure: 'network' as const } : {}) });
  // An estimate request that never answers (busy), cannot reach the API, or is one too many from
  // this address this hour, or one copy too many to the address given (as the server answers
  // them); everything else as usual.
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    if (request.method === 'POST' && new URL(request.url).pathname === '/v1/estimates') {
      if (requestMode === 'hold') return new Promise<Response>(() => {});
      if (requestMode === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
      if (requestMode === 'too-many') {
        const body = { error: { code: 'too_many_estimates', message: 'Too many estimates were requested from this connection in the last hour.', requestId: 'req_fake' } };
        return Promise.resolve(new Response(JSON.stringify(body), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '1500' } }));
      }
      if (requestMode === 'too-many-copies') {
        const issue = { path: ['copy', 'email'], code: 'copy.too_many', message: 'Too many copies were sent to this address in the last hour.' };
        const body = { error: { code: 'too_many_copies', message: 'Too many copies of estimates were sent to this email address in the last hour.', requestId: 'req_fake', issues: [issue] } };
        return Promise.resolve(new Response(JSON.stringify(body), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '1500' } }));
      }
    }
    return api.fetch(request);
  };
  const client = createBillPayClient({ api: FAKE_API_ORIGIN, practice: 'harbor-point', fetch, retries: 0 });
  return html`<good-faith-estimate lang=${lang} estimate-id=${estimateId} .client=${client}></good-faith-estimate>`;
}

/** What a person fills in for Chidi Okafor's estimate, by input id. */
export const okaforAnswers: Readonly<Record<string, string>> = {
  'first-name': 'Chidi',
  'last-name': 'Okafor',
  'dob-month': '11',
  'dob-day': '23',
  'dob-year': '1971',
  email: 'chidi.okafor@example.com',
};

export interface Answers {
  search?: string;
  /** Services to tick, by id. */
  services?: readonly string[];
  /** Other checkboxes and radio buttons to choose, by input id. */
  checks?: readonly string[];
  /** Text to put in fields, by input id. */
  values?: Readonly<Record<string, string>>;
  submit?: boolean;
}

/** Waits for the form, then sets fields, ticks services and options, and submits, for the states after a submit. */
export async function fillAndSubmit(canvas: HTMLElement, { search = '', services = [], checks = [], values = {}, submit = true }: Answers = {}) {
  const el = canvas.querySelector<GoodFaithEstimate>('good-faith-estimate')!;
  const root = el.shadowRoot!;
  for (let i = 0; i < 100 && !root.querySelector('form'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  const type = async (id: string, value: string) => {
    const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
  };
  if (search) await type('service-search', search);
  for (const id of services) {
    root.querySelector<HTMLInputElement>(`#service-${id}`)!.click();
    await el.updateComplete;
  }
  for (const id of checks) {
    root.querySelector<HTMLInputElement>(`#${id}`)!.click();
    await el.updateComplete;
  }
  for (const [id, value] of Object.entries(values)) await type(id, value);
  if (submit) root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await el.updateComplete;
}

const okafor = { search: 'mri back', services: ['mri-lumbar'], checks: ['coverage-uninsured'], values: okaforAnswers };

const meta = {
  // Helpers exported for the tests (lowercase) are not stories.
  excludeStories: /^[a-z]/,
  title: 'Elements/good-faith-estimate',
  component: 'good-faith-estimate',
  tags: ['autodocs'],
  render: renderGoodFaithEstimate,
  args: { lang: 'en', estimateId: '', delayMs: 0, requestMode: 'issue', withoutPriceList: false, offline: false },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'es'] },
    estimateId: { control: 'text' },
    delayMs: { control: { type: 'number', min: 0, step: 250 } },
    requestMode: { control: 'inline-radio', options: ['issue', 'hold', 'offline', 'too-many', 'too-many-copies'] },
    withoutPriceList: { control: 'boolean' },
    offline: { control: 'boolean' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A Good Faith Estimate for uninsured or self-pay patients (No Surprises Act). Try “mri”, “72148” or a category; the radiologist’s reading comes with an MRI. Estimate gfe_demo1 is Chidi Okafor’s lumbar MRI (date of birth 11/23/1971).',
      },
    },
  },
} satisfies Meta<GoodFaithEstimateArgs>;

export default meta;
type Story = StoryObj<GoodFaithEstimateArgs>;

export const Form: Story = {};
export const FormSpanish: Story = { args: { lang: 'es' } };

export const Loading: Story = { args: { delayMs: Infinity } };
export const LoadingSpanish: Story = { args: { lang: 'es', delayMs: Infinity } };

/** Found by a word; the MRI shows the radiologist's reading it brings. */
export const SearchAndChoose: Story = {
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, { search: 'mri', services: ['mri-lumbar'], submit: false }),
};
export const SearchAndChooseSpanish: Story = { ...SearchAndChoose, args: { lang: 'es' } };

/** A new-patient visit with its optional lab panel, and a second service: which is the main one. */
export const TwoServices: Story = {
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, { services: ['new-patient-visit', 'flu-vaccine'], submit: false }),
};

export const FieldErrors: Story = {
  play: ({ canvasElement }) =>
    fillAndSubmit(canvasElement, { checks: ['is-scheduled'], values: { 'scheduled-month': '2', 'scheduled-day': '30', 'scheduled-year': '2027', email: 'chidi@', diagnosis: 'back pain', 'copy-email': 'chidi@example' } }),
};
export const FieldErrorsSpanish: Story = { ...FieldErrors, args: { lang: 'es' } };

/** After a submit with every answer missing, the person fixes the patient's name and date of birth: those errors go, in the summary too, without another submit. */
export const ErrorsFixedWhileTyping: Story = {
  play: async ({ canvasElement }) => {
    await fillAndSubmit(canvasElement);
    await fillAndSubmit(canvasElement, { values: { 'first-name': 'Chidi', 'last-name': 'Okafor', 'dob-month': '11', 'dob-day': '23', 'dob-year': '1971' }, submit: false });
  },
};
export const ErrorsFixedWhileTypingSpanish: Story = { ...ErrorsFixedWhileTyping, args: { lang: 'es' } };

export const Busy: Story = {
  args: { requestMode: 'hold' },
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, okafor),
};
export const BusySpanish: Story = { ...Busy, args: { lang: 'es', requestMode: 'hold' } };

export const RequestFailed: Story = {
  args: { requestMode: 'offline' },
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, okafor),
};
export const RequestFailedSpanish: Story = { ...RequestFailed, args: { lang: 'es', requestMode: 'offline' } };

/** One estimate too many from this connection this hour: when to try again, answers kept. */
export const TooMany: Story = {
  args: { requestMode: 'too-many' },
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, okafor),
};
export const TooManySpanish: Story = { ...TooMany, args: { lang: 'es', requestMode: 'too-many' } };

/** The estimate as a document, right after the request. */
export const Issued: Story = {
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, okafor),
};
export const IssuedSpanish: Story = { ...Issued, args: { lang: 'es' } };

/** Issued with a copy asked for by email: where the copy goes, announced under the estimate. */
export const IssuedWithCopy: Story = {
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, { ...okafor, values: { ...okaforAnswers, 'copy-email': 'chidi.okafor@example.com' } }),
};
export const IssuedWithCopySpanish: Story = { ...IssuedWithCopy, args: { lang: 'es' } };

/** Four providers and a long name: the MRI with its reading, and a new-patient visit with the lab's panel. */
export const IssuedSeveralProviders: Story = {
  play: ({ canvasElement }) =>
    fillAndSubmit(canvasElement, {
      services: ['mri-lumbar', 'new-patient-visit'],
      checks: ['coverage-not-using'],
      values: { ...okaforAnswers, 'first-name': 'Maximiliana', 'last-name': 'Fernández-Castellanos', email: 'maximiliana.fernandez-castellanos@example.com' },
    }),
};
export const IssuedSeveralProvidersSpanish: Story = { ...IssuedSeveralProviders, args: { lang: 'es' } };

/** A link to an estimate issued earlier: its number filled in, the patient's date of birth asked. */
export const SeeAgain: Story = { args: { estimateId: 'gfe_demo1' } };
export const SeeAgainSpanish: Story = { args: { estimateId: 'gfe_demo1', lang: 'es' } };

/** The estimate issued earlier, once its number and the patient's date of birth were given. */
export const ExistingEstimate: Story = {
  args: { estimateId: 'gfe_demo1' },
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, { values: { 'access-dob-month': '11', 'access-dob-day': '23', 'access-dob-year': '1971' } }),
};
export const ExistingEstimateSpanish: Story = { ...ExistingEstimate, args: { estimateId: 'gfe_demo1', lang: 'es' } };

/** A number and date of birth that match no estimate: one answer for either, answers kept. */
export const EstimateNotFound: Story = {
  args: { estimateId: 'gfe_demo1' },
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, { values: { 'access-dob-month': '1', 'access-dob-day': '2', 'access-dob-year': '1970' } }),
};
export const EstimateNotFoundSpanish: Story = { ...EstimateNotFound, args: { estimateId: 'gfe_demo1', lang: 'es' } };

export const NoPriceList: Story = { args: { withoutPriceList: true } };
export const NoPriceListSpanish: Story = { args: { withoutPriceList: true, lang: 'es' } };

export const LoadFailed: Story = { args: { offline: true } };
export const LoadFailedSpanish: Story = { args: { offline: true, lang: 'es' } };
