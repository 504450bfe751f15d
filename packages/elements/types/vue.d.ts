// Generated from custom-elements.json by packages/elements/scripts/framework-types.mjs: do not edit.
// `pnpm cem` (or the build) writes it; `pnpm cem:check` fails when it is not what the manifest makes.
/**
 * Vue 3's template types for billpay's elements: `import type {} from '@billpay/elements/vue';` once in the app (and `isCustomElement` for the tags in the compiler options).
 *
 * Properties and attributes are typed from each element's class, events from `BillPayEventMap`.
 */
import type { DefineComponent } from 'vue';
import type { BillPayEventMap, BillLookup, BillPay, BillSummary, GoodFaithEstimate, MessagePreferences, PayForm, PlanBuilder } from '@billpay/elements';

/** Every billpay element as Vue sees it, by tag. */
export interface BillPayGlobalComponents {
  /** Find a bill by Bill ID and date of birth, or account number and last name. */
  'bill-lookup': DefineComponent<{
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
    /** A bill was found. `detail.account` is the account; `detail.intent`, what the link it was found with was sent for beyond the bill (changing a plan's payment method). */
    onBillLookupSuccess?: (event: BillPayEventMap['bill-lookup-success']) => void;
  }>;
  /** Pay a medical bill: find it, understand it, pay it. */
  'bill-pay': DefineComponent<{
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
    /** The practice has loaded. `detail.practice` is what the widget shows. */
    onBillpayReady?: (event: BillPayEventMap['billpay-ready']) => void;
    /** The practice could not be loaded. `detail.code` says why. */
    onBillpayError?: (event: BillPayEventMap['billpay-error']) => void;
    /** From its `<bill-lookup>` (events bubble out of the flow): a bill was found. `detail.account` is the account. */
    onBillLookupSuccess?: (event: BillPayEventMap['bill-lookup-success']) => void;
    /** From its `<pay-form>`: the payment was taken (or, for a bank account, sent). `detail.payment` is the receipt. */
    onPaymentSucceeded?: (event: BillPayEventMap['payment-succeeded']) => void;
    /** From its `<pay-form>`: a payment was declined or could not be made. `detail.code` says why. */
    onPaymentFailed?: (event: BillPayEventMap['payment-failed']) => void;
    /** From its `<pay-form>`: the patient moved to another step (`detail.step`: form, review, receipt). */
    onPayFormStep?: (event: BillPayEventMap['pay-form-step']) => void;
    /** From its `<plan-builder>`: the plan was set up. `detail.plan` is the plan with its schedule. */
    onPlanCreated?: (event: BillPayEventMap['plan-created']) => void;
    /** From its `<plan-builder>`: the automatic plan's payment method was changed. `detail.plan` is the plan as it now is. */
    onPlanMethodChanged?: (event: BillPayEventMap['plan-method-changed']) => void;
    /** From its `<bill-summary>`: the patient canceled their payment plan. `detail.account` is the account as it now is. */
    onPlanCanceled?: (event: BillPayEventMap['plan-canceled']) => void;
    /** From the element showing the bill: the session ended; the bill must be found again. */
    onBillpaySessionExpired?: (event: BillPayEventMap['billpay-session-expired']) => void;
    /** From its `<message-preferences>`: the patient changed what they receive. `detail.preferences` is how it now is. */
    onMessagePreferencesChanged?: (event: BillPayEventMap['message-preferences-changed']) => void;
  }>;
  /** An account: balance, notices, statements, line items, fees and payments. */
  'bill-summary': DefineComponent<{
    /** The account to show, as `lookup()` or `getAccount()` returned it. */
    account?: BillSummary['account'];
    /** Level of the view's heading (1-5); statements use the next level. */
    headingLevel?: BillSummary['headingLevel'];
    /** An SDK client with the account's session; by default the one `<bill-pay>` provides. */
    client?: BillSummary['client'];
    /** The element's language ("en" or "es"); by default it follows `lang` on it or its ancestors. */
    locale?: BillSummary['locale'];
    /** The session ended (idle for 15 minutes); the bill must be found again. */
    onBillpaySessionExpired?: (event: BillPayEventMap['billpay-session-expired']) => void;
    /** The patient canceled their payment plan. `detail.account` is the account as it now is. */
    onPlanCanceled?: (event: BillPayEventMap['plan-canceled']) => void;
  }>;
  /** Request and show a Good Faith Estimate of self-pay charges. */
  'good-faith-estimate': DefineComponent<{
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
    /** The patient asked for an estimate and it was issued. `detail.estimate` is the estimate. */
    onEstimateIssued?: (event: BillPayEventMap['estimate-issued']) => void;
  }>;
  /** The patient's message preferences: paperless statements, email and text alerts. */
  'message-preferences': DefineComponent<{
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
    /** The patient changed a preference. `detail.preferences` is how they now are. */
    onMessagePreferencesChanged?: (event: BillPayEventMap['message-preferences-changed']) => void;
    /** The session ended; the bill must be found again. */
    onBillpaySessionExpired?: (event: BillPayEventMap['billpay-session-expired']) => void;
  }>;
  /** Pay all or part of a bill by card, bank account or wallet, with a review and a receipt. */
  'pay-form': DefineComponent<{
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
    /** The payment was taken (or, for a bank account, sent). `detail.payment` is the receipt. */
    onPaymentSucceeded?: (event: BillPayEventMap['payment-succeeded']) => void;
    /** A payment was declined or could not be made. `detail.code` says why. */
    onPaymentFailed?: (event: BillPayEventMap['payment-failed']) => void;
    /** The session ended; the bill must be found again. */
    onBillpaySessionExpired?: (event: BillPayEventMap['billpay-session-expired']) => void;
    /** The patient moved to another step (`detail.step`: form, review, receipt). */
    onPayFormStep?: (event: BillPayEventMap['pay-form-step']) => void;
  }>;
  /** Set up a payment plan: frequency, number or amount of payments, first date, how to pay. */
  'plan-builder': DefineComponent<{
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
    /** The plan was set up. `detail.plan` is the plan with its schedule. */
    onPlanCreated?: (event: BillPayEventMap['plan-created']) => void;
    /** The plan's payment method was changed (`mode="change-method"`). `detail.plan` is the plan as it now is. */
    onPlanMethodChanged?: (event: BillPayEventMap['plan-method-changed']) => void;
    /** The session ended; the bill must be found again. */
    onBillpaySessionExpired?: (event: BillPayEventMap['billpay-session-expired']) => void;
  }>;
}

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- interface merging is how Vue learns tags
  interface GlobalComponents extends BillPayGlobalComponents {}
}
