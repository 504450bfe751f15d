import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPractices } from '../../src/practices/practices.js';
import { defaults } from '../../src/server.js';
import { spanishServiceNames } from '../../src/estimates/service-names.js';

const practices = await loadPractices(defaults.practicesDir);
const harborPoint = practices.get('harbor-point')!;
const spanish = spanishServiceNames(harborPoint.priceList, harborPoint.providers);

describe('the Spanish name of a billed service', () => {
  it('is the price list’s name for its code', () => {
    assert.equal(spanish({ code: '80053', provider: 'Harbor Point Laboratory' }), 'Panel metabólico completo (análisis de sangre)');
    assert.equal(spanish({ code: ' j1030 ', provider: 'Dr. Marisol Alvarez, MD' }), 'Inyección de acetato de metilprednisolona (esteroide), 40 mg');
  });

  it('is the one of the provider that billed it when the code is listed for two', () => {
    assert.equal(spanish({ code: '72148', provider: 'Harbor Point Imaging Center' }), 'Resonancia magnética de la zona lumbar, sin contraste');
    assert.equal(spanish({ code: '72148', provider: 'shoreline  radiology associates' }), 'Interpretación del radiólogo de una resonancia lumbar');
  });

  it('falls back to the whole service, not a part of it, for a provider the price list does not name', () => {
    assert.equal(spanish({ code: '72148', provider: 'Another Imaging LLC' }), 'Resonancia magnética de la zona lumbar, sin contraste');
  });

  it('is absent for a code the practice has no Spanish name for, or with no price list at all', () => {
    assert.equal(spanish({ code: '99999', provider: 'Harbor Point Laboratory' }), undefined);
    assert.equal(spanishServiceNames()({ code: '80053', provider: 'Harbor Point Laboratory' }), undefined);
  });
});
