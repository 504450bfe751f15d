// Generated from custom-elements.json by packages/elements/scripts/framework-types.mjs: do not edit.
// `pnpm cem` (or the build) writes it; `pnpm cem:check` fails when it is not what the manifest makes.
/**
 * Svelte 5's element types for billpay's elements: `import type {} from '@billpay/elements/svelte';` once in the app.
 *
 * Properties and attributes are typed from each element's class, events from `BillPayEventMap`.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { BillPayEventMap, BillLookup, BillPay, BillSummary, GoodFaithEstimate, MessagePreferences, PayForm, PlanBuilder } from '@billpay/elements';

/** An attribute's value: its property's type, or for a number the number's text (`heading-level="2"`). */
type AttributeValue<T> = T extends number ? T | `${T}` : T;

/** Every billpay element's attributes, properties and events, by tag. */
export interface BillPaySvelteElements {
  /** Find a bill by Bill ID and date of birth, or account number and last name. */
  'bill-lookup': HTMLAttributes<BillLookup> & {
    /** A Bill ID to start with (e.g. from a QR code link). `#bill=` (or `?bill=`) in the page's URL also works. */
    billId?: BillLookup['billId'];
    /** The practice's id, when the element is used without `<bill-pay>` around it. */
    practice?: BillLookup['practice'];
    /** The billing API, when the element is used without `<bill-pay>` around it (default: where billpay.js came from). */
    api?: BillLookup['api'];
    /** Level of the element's first heading (1-6); sections under it use the next levels. */
    headingLevel?: BillLookup['headingLevel'];
    /** An SDK client whose connection (and session) to use; by default `<bill-pay>`'s, or the one `api` and `practice` make. */
    client?: BillLookup['client'];
    /** The element's language ("en" or "es"); by default it follows `lang` on it or its ancestors. */
    locale?: BillLookup['locale'];
    /** A Bill ID to start with (e.g. from a QR code link). `#bill=` (or `?bill=`) in the page's URL also works. */
    'bill-id'?: AttributeValue<BillLookup['billId']>;
    /** Level of the element's first heading (1-6); sections under it use the next levels. */
    'heading-level'?: AttributeValue<BillLookup['headingLevel']>;
    /** A bill was found. `detail.account` is the account; `detail.intent`, what the link it was found with was sent for beyond the bill (changing a plan's payment method). */
    'onbill-lookup-success'?: (event: BillPayEventMap['bill-lookup-success'] & { currentTarget: BillLookup }) => void;
  };
  /** Pay a medical bill: find it, understand it, pay it. */
  'bill-pay': HTMLAttributes<BillPay> & {
    /** The practice's id in the billing API, e.g. "harbor-point". */
    practice?: BillPay['practice'];
    /** The billing API's base URL. Defaults to the origin `billpay.js` was loaded from. */
    api?: BillPay['api'];
    /** Level of the flow's heading (1-6), so it fits the page's outline. */
    headingLevel?: BillPay['headingLevel'];
    /** A ready-made SDK client (tests, Storybook, pages that configure `fetch`): the flow uses its connection, and `api` and `practice` are not used to make one. */
    client?: BillPay['client'];
    /** How `<pay-form>` and `<plan-builder>` capture cards: `hosted` (default, the processor's iframe) or `direct`. */
    cardCapture?: BillPay['cardCapture'];
    /** How `<plan-builder>` may take automatic payments, space-separated: `bank`, `card` (default both). */
    autopayMethods?: BillPay['autopayMethods'];
    /** The element's language ("en" or "es"); by default it follows `lang` on it or its ancestors. */
    locale?: BillPay['locale'];
    /** Level of the flow's heading (1-6), so it fits the page's outline. */
    'heading-level'?: AttributeValue<BillPay['headingLevel']>;
    /** How `<pay-form>` and `<plan-builder>` capture cards: `hosted` (default, the processor's iframe) or `direct`. */
    'card-capture'?: AttributeValue<BillPay['cardCapture']>;
    /** How `<plan-builder>` may take automatic payments, space-separated: `bank`, `card` (default both). */
    'autopay-methods'?: AttributeValue<BillPay['autopayMethods']>;
    /** The practice has loaded. `detail.practice` is what the widget shows. */
    'onbillpay-ready'?: (event: BillPayEventMap['billpay-ready'] & { currentTarget: BillPay }) => void;
    /** The practice could not be loaded. `detail.code` says why. */
    'onbillpay-error'?: (event: BillPayEventMap['billpay-error'] & { currentTarget: BillPay }) => void;
    /** From its `<bill-lookup>` (events bubble out of the flow): a bill was found. `detail.account` is the account. */
    'onbill-lookup-success'?: (event: BillPayEventMap['bill-lookup-success'] & { currentTarget: BillPay }) => void;
    /** From its `<pay-form>`: the payment was taken (or, for a bank account, sent). `detail.payment` is the receipt. */
    'onpayment-succeeded'?: (event: BillPayEventMap['payment-succeeded'] & { currentTarget: BillPay }) => void;
    /** From its `<pay-form>`: a payment was declined or could not be made. `detail.code` says why. */
    'onpayment-failed'?: (event: BillPayEventMap['payment-failed'] & { currentTarget: BillPay }) => void;
    /** From its `<pay-form>`: the patient moved to another step (`detail.step`: form, review, receipt). */
    'onpay-form-step'?: (event: BillPayEventMap['pay-form-step'] & { currentTarget: BillPay }) => void;
    /** From its `<plan-builder>`: the plan was set up. `detail.plan` is the plan with its schedule. */
    'onplan-created'?: (event: BillPayEventMap['plan-created'] & { currentTarget: BillPay }) => void;
    /** From its `<plan-builder>`: the automatic plan's payment method was changed. `detail.plan` is the plan as it now is. */
    'onplan-method-changed'?: (event: BillPayEventMap['plan-method-changed'] & { currentTarget: BillPay }) => void;
    /** From its `<bill-summary>`: the patient canceled their payment plan. `detail.account` is the account as it now is. */
    'onplan-canceled'?: (event: BillPayEventMap['plan-canceled'] & { currentTarget: BillPay }) => void;
    /** From the element showing the bill: the session ended; the bill must be found again. */
    'onbillpay-session-expired'?: (event: BillPayEventMap['billpay-session-expired'] & { currentTarget: BillPay }) => void;
    /** From its `<message-preferences>`: the patient changed what they receive. `detail.preferences` is how it now is. */
    'onmessage-preferences-changed'?: (event: BillPayEventMap['message-preferences-changed'] & { currentTarget: BillPay }) => void;
  };
  /** An account: balance, notices, statements, line items, fees and payments. */
  'bill-summary': HTMLAttributes<BillSummary> & {
    /** The account to show, as `lookup()` or `getAccount()` returned it. */
    account?: BillSummary['account'];
    /** Level of the view's heading (1-5); statements use the next level. */
    headingLevel?: BillSummary['headingLevel'];
    /** An SDK client with the account's session; by default the one `<bill-pay>` provides. */
    client?: BillSummary['client'];
    /** The element's language ("en" or "es"); by default it follows `lang` on it or its ancestors. */
    locale?: BillSummary['locale'];
    /** Level of the view's heading (1-5); statements use the next level. */
    'heading-level'?: AttributeValue<BillSummary['headingLevel']>;
    /** The session ended (idle for 15 minutes); the bill must be found again. */
    'onbillpay-session-expired'?: (event: BillPayEventMap['billpay-session-expired'] & { currentTarget: BillSummary }) => void;
    /** The patient canceled their payment plan. `detail.account` is the account as it now is. */
    'onplan-canceled'?: (event: BillPayEventMap['plan-canceled'] & { currentTarget: BillSummary }) => void;
  };
  /** Request and show a Good Faith Estimate of self-pay charges. */
  'good-faith-estimate': HTMLAttributes<GoodFaithEstimate> & {
    /** Start by asking for this estimate (issued earlier) again: its number, filled in; the date of birth, asked. */
    estimateId?: GoodFaithEstimate['estimateId'];
    /** The practice's id, when the element is used without `<bill-pay>` around it. */
    practice?: GoodFaithEstimate['practice'];
    /** The billing API, when the element is used without `<bill-pay>` around it (default: where billpay.js came from). */
    api?: GoodFaithEstimate['api'];
    /** Level of the element's first heading (1-6); sections under it use the next levels. */
    headingLevel?: GoodFaithEstimate['headingLevel'];
    /** An SDK client whose connection (and session) to use; by default `<bill-pay>`'s, or the one `api` and `practice` make. */
    client?: GoodFaithEstimate['client'];
    /** The element's language ("en" or "es"); by default it follows `lang` on it or its ancestors. */
    locale?: GoodFaithEstimate['locale'];
    /** Start by asking for this estimate (issued earlier) again: its number, filled in; the date of birth, asked. */
    'estimate-id'?: AttributeValue<GoodFaithEstimate['estimateId']>;
    /** Level of the element's first heading (1-6); sections under it use the next levels. */
    'heading-level'?: AttributeValue<GoodFaithEstimate['headingLevel']>;
    /** The patient asked for an estimate and it was issued. `detail.estimate` is the estimate. */
    'onestimate-issued'?: (event: BillPayEventMap['estimate-issued'] & { currentTarget: GoodFaithEstimate }) => void;
  };
  /** The patient's message preferences: paperless statements, email and text alerts. */
  'message-preferences': HTMLAttributes<MessagePreferences> & {
    /** The practice's id, when the element is used without `<bill-pay>` around it. */
    practice?: MessagePreferences['practice'];
    /** The billing API, when the element is used without `<bill-pay>` around it (default: where billpay.js came from). */
    api?: MessagePreferences['api'];
    /** Level of the element's first heading (1-6); sections under it use the next levels. */
    headingLevel?: MessagePreferences['headingLevel'];
    /** An SDK client whose connection (and session) to use; by default `<bill-pay>`'s, or the one `api` and `practice` make. */
    client?: MessagePreferences['client'];
    /** The element's language ("en" or "es"); by default it follows `lang` on it or its ancestors. */
    locale?: MessagePreferences['locale'];
    /** Level of the element's first heading (1-6); sections under it use the next levels. */
    'heading-level'?: AttributeValue<MessagePreferences['headingLevel']>;
    /** The patient changed a preference. `detail.preferences` is how they now are. */
    'onmessage-preferences-changed'?: (event: BillPayEventMap['message-preferences-changed'] & { currentTarget: MessagePreferences }) => void;
    /** The session ended; the bill must be found again. */
    'onbillpay-session-expired'?: (event: BillPayEventMap['billpay-session-expired'] & { currentTarget: MessagePreferences }) => void;
  };
  /** Pay all or part of a bill by card, bank account or wallet, with a review and a receipt. */
  'pay-form': HTMLAttributes<PayForm> & {
    /** The account to pay; `<bill-pay>` sets it. Without it, the session's account is loaded. */
    account?: PayForm['account'];
    /** Start with this statement's open amount chosen. */
    statementId?: PayForm['statementId'];
    /** Where card numbers are typed. `hosted` (default): the processor's own page in an iframe, so card data never touches this page (PCI SAQ A). `direct`: fields in this element, sent straight to the processor (SAQ A-EP). */
    cardCapture?: PayForm['cardCapture'];
    /** The ways to pay offered, space-separated: any of `card bank wallet`. `wallet` offers Google Pay (and Apple Pay in Safari) where the browser says it can; Chromium checks Google Pay by fetching https://google.com/pay, so the page's CSP must allow that in `connect-src`. */
    methods?: PayForm['methods'];
    /** The practice's id, when the element is used without `<bill-pay>` around it. */
    practice?: PayForm['practice'];
    /** The billing API, when the element is used without `<bill-pay>` around it (default: where billpay.js came from). */
    api?: PayForm['api'];
    /** Level of the element's first heading (1-6); sections under it use the next levels. */
    headingLevel?: PayForm['headingLevel'];
    /** An SDK client whose connection (and session) to use; by default `<bill-pay>`'s, or the one `api` and `practice` make. */
    client?: PayForm['client'];
    /** The element's language ("en" or "es"); by default it follows `lang` on it or its ancestors. */
    locale?: PayForm['locale'];
    /** Start with this statement's open amount chosen. */
    'statement-id'?: AttributeValue<PayForm['statementId']>;
    /** Where card numbers are typed. `hosted` (default): the processor's own page in an iframe, so card data never touches this page (PCI SAQ A). `direct`: fields in this element, sent straight to the processor (SAQ A-EP). */
    'card-capture'?: AttributeValue<PayForm['cardCapture']>;
    /** Level of the element's first heading (1-6); sections under it use the next levels. */
    'heading-level'?: AttributeValue<PayForm['headingLevel']>;
    /** The payment was taken (or, for a bank account, sent). `detail.payment` is the receipt. */
    'onpayment-succeeded'?: (event: BillPayEventMap['payment-succeeded'] & { currentTarget: PayForm }) => void;
    /** A payment was declined or could not be made. `detail.code` says why. */
    'onpayment-failed'?: (event: BillPayEventMap['payment-failed'] & { currentTarget: PayForm }) => void;
    /** The session ended; the bill must be found again. */
    'onbillpay-session-expired'?: (event: BillPayEventMap['billpay-session-expired'] & { currentTarget: PayForm }) => void;
    /** The patient moved to another step (`detail.step`: form, review, receipt). */
    'onpay-form-step'?: (event: BillPayEventMap['pay-form-step'] & { currentTarget: PayForm }) => void;
  };
  /** Set up a payment plan: frequency, number or amount of payments, first date, how to pay. */
  'plan-builder': HTMLAttributes<PlanBuilder> & {
    /** Where card numbers are typed: `hosted` (default, the processor's iframe) or `direct`. */
    cardCapture?: PlanBuilder['cardCapture'];
    /** How automatic payments may be made, space-separated: `bank`, `card` (default both). A card is saved at the processor for later charges (`reusable`), with the patient's authorization. */
    autopayMethods?: PlanBuilder['autopayMethods'];
    /** `create` (default): set up a plan. `change-method`: change the payment method of the automatic plan `plan-id`. */
    mode?: PlanBuilder['mode'];
    /** With `mode="change-method"`: the account's automatic plan whose payment method changes. */
    planId?: PlanBuilder['planId'];
    /** The practice's id, when the element is used without `<bill-pay>` around it. */
    practice?: PlanBuilder['practice'];
    /** The billing API, when the element is used without `<bill-pay>` around it (default: where billpay.js came from). */
    api?: PlanBuilder['api'];
    /** Level of the element's first heading (1-6); sections under it use the next levels. */
    headingLevel?: PlanBuilder['headingLevel'];
    /** An SDK client whose connection (and session) to use; by default `<bill-pay>`'s, or the one `api` and `practice` make. */
    client?: PlanBuilder['client'];
    /** The element's language ("en" or "es"); by default it follows `lang` on it or its ancestors. */
    locale?: PlanBuilder['locale'];
    /** Where card numbers are typed: `hosted` (default, the processor's iframe) or `direct`. */
    'card-capture'?: AttributeValue<PlanBuilder['cardCapture']>;
    /** How automatic payments may be made, space-separated: `bank`, `card` (default both). A card is saved at the processor for later charges (`reusable`), with the patient's authorization. */
    'autopay-methods'?: AttributeValue<PlanBuilder['autopayMethods']>;
    /** With `mode="change-method"`: the account's automatic plan whose payment method changes. */
    'plan-id'?: AttributeValue<PlanBuilder['planId']>;
    /** Level of the element's first heading (1-6); sections under it use the next levels. */
    'heading-level'?: AttributeValue<PlanBuilder['headingLevel']>;
    /** The plan was set up. `detail.plan` is the plan with its schedule. */
    'onplan-created'?: (event: BillPayEventMap['plan-created'] & { currentTarget: PlanBuilder }) => void;
    /** The plan's payment method was changed (`mode="change-method"`). `detail.plan` is the plan as it now is. */
    'onplan-method-changed'?: (event: BillPayEventMap['plan-method-changed'] & { currentTarget: PlanBuilder }) => void;
    /** The session ended; the bill must be found again. */
    'onbillpay-session-expired'?: (event: BillPayEventMap['billpay-session-expired'] & { currentTarget: PlanBuilder }) => void;
  };
}

declare module 'svelte/elements' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- interface merging is how Svelte learns tags
  interface SvelteHTMLElements extends BillPaySvelteElements {}
}
