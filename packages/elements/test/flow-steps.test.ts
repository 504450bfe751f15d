// The flows' steps as pure reducers, without a DOM: what each thing the patient does (or the API
// answers) moves each flow to.
import { expect } from '@open-wc/testing';
import { canShow, payStep, type PayStep } from '../src/pay-form/pay-steps.js';
import { planStep, type PlanStep } from '../src/plan-builder/plan-steps.js';
import { estimateView } from '../src/good-faith-estimate/estimate-steps.js';
import { START, flowView, historyAction, type FlowView } from '../src/bill-pay/bill-pay-steps.js';
import type { Payment } from '@billpay/sdk';
import type { View } from '../src/good-faith-estimate/estimate-model.js';

describe('<pay-form> steps', () => {
  it('goes from the form to the review, to the receipt, and back to the form on Change, a refusal or a reset', () => {
    let step: PayStep = 'form';
    step = payStep(step, { type: 'reviewed' });
    expect(step).to.equal('review');
    expect(payStep(step, { type: 'changed' })).to.equal('form');
    expect(payStep(step, { type: 'refused' })).to.equal('form');
    step = payStep(step, { type: 'paid' });
    expect(step).to.equal('receipt');
    expect(payStep(step, { type: 'reset' })).to.equal('form');
  });

  it('shows a step a flow goes Back or Forward to only while it is still there', () => {
    expect(canShow('form', { paying: true, paid: false, reviewed: true }), 'a payment is being taken').to.equal('busy');
    expect(canShow('form', { paying: false, paid: true, reviewed: true }), 'a payment was made').to.equal('gone');
    expect(canShow('review', { paying: false, paid: false, reviewed: false }), 'no review held').to.equal('gone');
    expect(canShow('review', { paying: false, paid: false, reviewed: true })).to.equal('shown');
    expect(canShow('form', { paying: false, paid: false, reviewed: false })).to.equal('shown');
    expect(payStep('form', { type: 'shown', step: 'review' })).to.equal('review');
    expect(payStep('review', { type: 'shown', step: 'form' })).to.equal('form');
  });
});

describe('<plan-builder> steps', () => {
  it('goes from the form to the review, to the plan set up, and back to the form on Change or a refusal', () => {
    let step: PlanStep = 'form';
    step = planStep(step, { type: 'reviewed' });
    expect(step).to.equal('review');
    expect(planStep(step, { type: 'changed' })).to.equal('form');
    expect(planStep(step, { type: 'refused' })).to.equal('form');
    expect(planStep(step, { type: 'created' })).to.equal('done');
  });
});

describe('<good-faith-estimate> views', () => {
  it('loads the price list into the form, keeping "see it again" when the patient is there', () => {
    let view: View = 'form';
    view = estimateView(view, { type: 'loading' });
    expect(view).to.equal('loading');
    expect(estimateView(view, { type: 'loaded' })).to.equal('form');
    expect(estimateView('access', { type: 'loading' })).to.equal('access');
    expect(estimateView('access', { type: 'loaded' })).to.equal('access');
  });

  it('says why there is no form only while it was loading', () => {
    expect(estimateView('loading', { type: 'load-failed', unavailable: true })).to.equal('unavailable');
    expect(estimateView('loading', { type: 'load-failed', unavailable: false })).to.equal('load-error');
    expect(estimateView('access', { type: 'load-failed', unavailable: false })).to.equal('access');
  });

  it('shows an estimate, then starts another from the form (or the price list loading first)', () => {
    expect(estimateView('form', { type: 'shown' })).to.equal('estimate');
    expect(estimateView('access', { type: 'shown' })).to.equal('estimate');
    expect(estimateView('estimate', { type: 'new', priceListLoaded: true })).to.equal('form');
    expect(estimateView('estimate', { type: 'new', priceListLoaded: false })).to.equal('loading');
    expect(estimateView('form', { type: 'access' })).to.equal('access');
  });
});

describe('<bill-pay> steps', () => {
  it('shows the bill once found, then paying it or a plan; a payment reloads the bill once it is shown again', () => {
    let state: FlowView = flowView({ ...START, sessionEnded: true }, { type: 'found' });
    expect(state).to.deep.equal(START);
    state = flowView(state, { type: 'pay' });
    expect(state.view).to.equal('pay');
    state = flowView(state, { type: 'paid' });
    expect(state.paid, 'the bill is loaded again').to.equal(true);
    state = flowView(state, { type: 'bill' });
    expect(state).to.deep.equal(START);
    expect(flowView(state, { type: 'plan' }).view).to.equal('plan');
  });

  it('puts the lookup in front of a kept account, and says when the session ended', () => {
    const paying = flowView(START, { type: 'pay' });
    const back = flowView(paying, { type: 'lookup', kept: true });
    expect(back).to.include({ showLookup: true, view: 'pay' });
    expect(flowView(back, { type: 'lookupLeft' }).showLookup).to.equal(false);
    expect(flowView(paying, { type: 'lookup', kept: false })).to.include({ showLookup: false, view: 'bill' });
    const ended = flowView(paying, { type: 'expired' });
    expect(ended).to.include({ view: 'bill', sessionEnded: true });
    expect(flowView(ended, { type: 'startedOver' }).sessionEnded).to.equal(false);
  });

  it('on Back or Forward: shows the step, a made payment’s receipt again, and passes over a finished payment’s form and review', () => {
    const payment = { id: 'pay_1' } as Payment;
    const held = { hasAccount: true, view: 'pay' as const, flow: 2, made: undefined };
    expect(historyAction('lookup', 0, held)).to.deep.equal({ do: 'lookup' });
    expect(historyAction('bill', 0, { ...held, hasAccount: false }), 'no account: the lookup').to.deep.equal({ do: 'lookup' });
    expect(historyAction('bill', 0, held)).to.deep.equal({ do: 'bill' });
    expect(historyAction('plan', 0, held)).to.deep.equal({ do: 'plan' });
    expect(historyAction('review', 2, held)).to.deep.equal({ do: 'pay', step: 'review', current: true });
    expect(historyAction('pay', 1, held), 'another payment’s form').to.deep.equal({ do: 'pay', step: 'form', current: false });
    expect(historyAction('receipt', 2, held), 'no payment made').to.deep.equal({ do: 'skip' });
    const made = { ...held, made: { flow: 2, payment } };
    expect(historyAction('receipt', 2, made)).to.deep.equal({ do: 'receipt', payment });
    expect(historyAction('review', 2, made)).to.deep.equal({ do: 'skip' });
    expect(historyAction('pay', 2, made)).to.deep.equal({ do: 'skip' });
    expect(historyAction('pay', 3, made)).to.deep.equal({ do: 'pay', step: 'form', current: false });
  });
});
