import { it } from 'node:test';
import { addStaff, enrolmentLink, DEMO_PRACTICE_ID } from '@billpay/server';
import { generate } from 'otplib';
import { startHarness } from './support.js';
it('shots', async () => {
  const h = await startHarness({ console: true });
  let step = 0;
  for (const width of [390, 1280]) {
    for (const lang of ['en', 'es'] as const) {
      const { token } = await addStaff(h.server.database.db, { practiceId: DEMO_PRACTICE_ID, email: `c${width}${lang}@harbor.example`, role: 'billing', now: new Date() });
      const { page, problems } = await h.newPage({ width, locale: lang === 'es' ? 'es-US' : 'en-US' });
      await page.goto(enrolmentLink(h.server.url, token));
      await page.locator('[data-testid="totp-key"]').waitFor();
      await page.screenshot({ path: `/tmp/shot-${width}-${lang}-enrol.png`, fullPage: true });
      const secret = (await page.locator('[data-testid="totp-key"]').innerText()).replace(/\s/g, '');
      await page.locator('#password').fill('correct horse battery staple');
      await page.locator('#code').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + (step++) * 0 }));
      await page.locator('#code').press('Enter');
      await page.locator('#q').waitFor();
      await page.locator('#q').fill('Rivera');
      await page.locator('#q').press('Enter');
      await page.locator('console-search a').first().waitFor();
      await page.screenshot({ path: `/tmp/shot-${width}-${lang}-search.png`, fullPage: true });
      await page.locator('console-search a').first().click();
      await page.locator('console-account #ledger-title').waitFor();
      await page.screenshot({ path: `/tmp/shot-${width}-${lang}-account.png`, fullPage: true });
      const waive = page.locator('console-account section[aria-labelledby="fees-title"] table button').first();
      await waive.click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `/tmp/shot-${width}-${lang}-dialog.png` });
      await page.keyboard.press('Escape');
      await page.locator('billpay-console header button').nth(1).click();
      await page.locator('console-sign-in').waitFor();
      await page.screenshot({ path: `/tmp/shot-${width}-${lang}-signin.png`, fullPage: true });
      console.log(width, lang, problems);
      await page.context().close();
    }
  }
  await h.close();
});
