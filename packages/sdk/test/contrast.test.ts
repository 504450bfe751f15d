import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import { BrandingSchema, brandColorContrast, contrastRatio, formatContrast } from '@billpay/sdk';
import { PracticeSettingsSchema } from '@billpay/sdk/admin-desk';

describe('brand colour contrast (WCAG 2.1)', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).to.equal(21);
    expect(contrastRatio('#ffffff', '#ffffff')).to.equal(1);
    // The grey on the edge of AA for text: #767676 passes, #777777 does not.
    expect(contrastRatio('#767676', '#ffffff')).to.be.greaterThan(4.5);
    expect(contrastRatio('#777777', '#ffffff')).to.be.lessThan(4.5);
    expect(contrastRatio('#ffffff', '#0b5cad')).to.equal(contrastRatio('#0b5cad', '#ffffff'));
  });

  it('never rounds a failing ratio up to a passing one', () => {
    expect(formatContrast(4.4999)).to.equal('4.4');
    expect(formatContrast(21)).to.equal('21.0');
    expect(brandColorContrast('#777777')).to.include({ ok: false });
    expect(brandColorContrast('#767676')).to.include({ ok: true });
  });

  it('refuses a brand colour under 4.5:1 against white, or not written #rrggbb, pointing at the field', () => {
    expect(BrandingSchema.safeParse({ accentColor: '#0b5cad' }).success).to.equal(true);
    const light = BrandingSchema.safeParse({ accentColor: '#ffd23f' });
    expect(light.success).to.equal(false);
    expect(light.error!.issues[0]!.path).to.deep.equal(['accentColor']);
    expect(light.error!.issues[0]!.message).to.match(/^has a contrast of 1\.\d:1 against white; .*at least 4\.5:1/);
    for (const bad of ['0b5cad', '#0b5', 'blue', '#0b5cadff']) expect(BrandingSchema.safeParse({ accentColor: bad }).success, bad).to.equal(false);
  });

  it('checks the console’s settings with the same pieces as the practice file', () => {
    const settings = {
      name: 'Harbor Point',
      contact: { phone: '(555) 010-4477', email: 'billing@harbor.example', hours: [] },
      policies: { daysUntilDue: 30, invoicingFeeCents: 1000, returnedPaymentFeeCents: 3000, letterAfterDays: 90, collectionsAfterLetterDays: 30 },
      branding: { accentColor: '#eeeeee' },
    };
    const parsed = PracticeSettingsSchema.safeParse(settings);
    expect(parsed.success).to.equal(false);
    expect(parsed.error!.issues.map((issue) => issue.path.join('.'))).to.deep.equal(['branding.accentColor']);
    expect(PracticeSettingsSchema.safeParse({ ...settings, branding: { accentColor: '#7a1f5c' } }).success).to.equal(true);
  });
});
