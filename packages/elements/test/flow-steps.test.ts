// The flows' steps as pure reducers, without a DOM: what each thing the patient does (or the API
// answers) moves each flow to.
import { expect } from '@open-wc/testing';
import { canShow, payStep, type PayStep } from '../src/pay-form/pay-steps.js';
import { planStep, type PlanStep } from '../src/plan-builder/plan-steps.js';
import { estimateView } from '../src/good-faith-estimate/estimate-steps.js';
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
