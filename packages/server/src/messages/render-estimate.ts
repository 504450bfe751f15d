import { DISPUTE_HELP, ESTIMATE_DISCLAIMER_WORDS, type Estimate } from '@billpay/sdk';
import { day, escapeHtml, money, type Common, type Rendered } from './render.js';
import { email } from './render-plans.js';

/**
 * A good-faith estimate's copy, emailed to the address the patient gave for it: the estimate's
 * number and date, the practice, each provider's items and total, the total, the disclaimers the
 * estimate shows (the regulation's wording, from the SDK, as `<good-faith-estimate>` shows it) and,
 * with the dispute right, where to start a dispute. No date of birth; the one link is CMS's, absolute.
 */

export interface EstimateCopyFacts extends Common {
  readonly estimate: Estimate;
}

const en = {
  subject: (practice: string) => `Your Good Faith Estimate from ${practice}`,
  heading: 'Your Good Faith Estimate',
  lead: (practice: string) => `Here is the copy you asked for of your Good Faith Estimate from ${practice}. Keep it: if you are billed more, you will need it.`,
  number: 'Estimate number',
  issuedOn: 'Date of this estimate',
  patient: 'Patient',
  primary: 'Primary service',
  scheduled: 'Scheduled for',
  total: 'Total estimated cost',
  npi: 'NPI',
  providerTotal: (provider: string) => `Total for ${provider}`,
  item: 'Item or service',
  quantity: 'Quantity',
  expected: 'Expected charge',
  disclaimers: 'Important information',
  disputeHowTo: (url: string, phone: string) => `To learn more or to start a dispute, visit ${url} or call ${phone}.`,
};

type EstimateWords = typeof en;

const es: EstimateWords = {
  subject: (practice) => `Su Estimado de Buena Fe de ${practice}`,
  heading: 'Su Estimado de Buena Fe',
  lead: (practice) => `Esta es la copia que pidió de su Estimado de Buena Fe de ${practice}. Guárdela: si le facturan más, la necesitará.`,
  number: 'Número de estimado',
  issuedOn: 'Fecha de este estimado',
  patient: 'Paciente',
  primary: 'Servicio principal',
  scheduled: 'Programado para',
  total: 'Costo total estimado',
  npi: 'NPI',
  providerTotal: (provider) => `Total de ${provider}`,
  item: 'Artículo o servicio',
  quantity: 'Cantidad',
  expected: 'Cargo esperado',
  disclaimers: 'Información importante',
  disputeHowTo: (url, phone) => `Para saber más o iniciar una disputa, visite ${url} o llame al ${phone}.`,
};

const WORDS: Readonly<Record<'en' | 'es', EstimateWords>> = { en, es };

type Described = { readonly description: string; readonly descriptionEs?: string | undefined; readonly codeSystem: string; readonly code: string; readonly modifier?: string | undefined };
const described = (facts: Common, s: Described) => `${facts.language === 'es' ? (s.descriptionEs ?? s.description) : s.description} (${s.codeSystem} ${s.code}${s.modifier ? `-${s.modifier}` : ''})`;

/** The estimate as the patient was given it, in their language. */
export function renderEstimateCopy(facts: EstimateCopyFacts): Rendered {
  const w = WORDS[facts.language];
  const e = facts.estimate;
  const rows: (readonly [string, string])[] = [
    [w.number, e.id],
    [w.issuedOn, day(facts, e.issuedOn)],
    [w.patient, `${e.patient.firstName} ${e.patient.lastName}`],
    [w.primary, described(facts, e.primaryService)],
  ];
  if (e.primaryService.scheduledDate) rows.push([w.scheduled, day(facts, e.primaryService.scheduledDate)]);
  rows.push([w.total, money(facts, e.totalCents)]);
  const notes = [...e.disclaimers.map((code) => ESTIMATE_DISCLAIMER_WORDS[facts.language][code])];
  if (e.disclaimers.includes('dispute_rights')) notes.push(w.disputeHowTo(DISPUTE_HELP.url, DISPUTE_HELP.phone));

  const text: string[] = [];
  const html: string[] = [];
  const cell = 'padding:4px 16px 4px 0;text-align:left;vertical-align:top';
  for (const group of e.providers) {
    const title = `${group.provider.name} (${w.npi} ${group.provider.npi})`;
    const lines = group.items.map((item) => `${described(facts, item)} × ${item.quantity}: ${money(facts, item.expectedCents)}`);
    text.push(title, ...lines, `${w.providerTotal(group.provider.name)}: ${money(facts, group.totalCents)}`, '');
    html.push(`<table style="border-collapse:collapse;margin:16px 0"><caption style="text-align:left;font-weight:bold;padding-bottom:4px">${escapeHtml(title)}</caption>
<thead><tr><th scope="col" style="${cell}">${escapeHtml(w.item)}</th><th scope="col" style="${cell}">${escapeHtml(w.quantity)}</th><th scope="col" style="${cell}">${escapeHtml(w.expected)}</th></tr></thead>
<tbody>${group.items.map((item) => `<tr><td style="${cell}">${escapeHtml(described(facts, item))}</td><td style="${cell}">${item.quantity}</td><td style="${cell}">${escapeHtml(money(facts, item.expectedCents))}</td></tr>`).join('')}</tbody>
<tfoot><tr><th scope="row" colspan="2" style="${cell}">${escapeHtml(w.providerTotal(group.provider.name))}</th><td style="${cell};font-weight:bold">${escapeHtml(money(facts, group.totalCents))}</td></tr></tfoot></table>`);
  }
  text.push(w.disclaimers, ...notes.flatMap((note) => [note, '']));
  html.push(`<h2 style="font-size:18px;margin:24px 0 8px">${escapeHtml(w.disclaimers)}</h2>
${notes.map((note) => `<p>${escapeHtml(note).replace(escapeHtml(DISPUTE_HELP.url), `<a href="${DISPUTE_HELP.url}">${escapeHtml(DISPUTE_HELP.url)}</a>`)}</p>`).join('\n')}`);
  return email(facts, w.subject(facts.practiceName), w.heading, [w.lead(facts.practiceName)], rows, null, text, html.join('\n'));
}
