/**
 * The words of the messages about a payment plan, English and Spanish (one `en` object the other
 * must match, as `words.ts`). Values come in already formatted (money, dates, a payment method);
 * none is a Bill ID, a date of birth or a patient's name. English texts keep to the GSM-7 alphabet
 * and, with a practice name of 30 characters, under 160 (Spanish needs its accents: the opt-out
 * line has them already).
 */
type Frequency = 'weekly' | 'biweekly' | 'semimonthly' | 'monthly';

const en = {
  frequency: { weekly: 'Every week', biweekly: 'Every two weeks', semimonthly: 'Twice a month', monthly: 'Every month' } as Record<Frequency, string>,
  confirmationSubject: (practice: string) => `Your payment plan with ${practice} is set up`,
  confirmationHeading: 'Your payment plan is set up',
  confirmationLead: (practice: string) => `This confirms the payment plan you set up with ${practice}. Keep this email for your records.`,
  total: 'Plan total',
  payments: 'Payments',
  howOften: 'How often',
  howYouPay: 'How you pay',
  automaticWith: (method: string) => `Automatic payments from ${method}`,
  manualPay: 'You pay each payment yourself by its date',
  schedule: 'Your payment schedule',
  date: 'Date',
  amount: 'Amount',
  downPayment: 'down payment',
  authorizationHeading: 'Your authorization',
  authorizationLead: (accepted: string) => `A copy of the authorization you accepted on ${accepted}, exactly as you accepted it:`,
  authorizationStop: (phone: string) =>
    `To stop an automatic payment, call the billing office at ${phone} at least 3 business days before it, or tell your bank. We remind you before each payment.`,
  payHere: 'Pay a payment',
  manualHow: 'Open the pay page, find your bill and pay each payment by its date. We remind you when one is due.',
  reminderSubject: (practice: string, amount: string, date: string) => `Reminder: your plan payment of ${amount} on ${date} (${practice})`,
  reminderHeading: 'Your next plan payment',
  reminderAutomatic: (practice: string, amount: string, date: string, method: string) => `${practice} will charge your payment plan's next payment of ${amount} on ${date} to ${method}.`,
  reminderChanged: (amount: string, previous: string) => `This payment is ${amount}, which is not the same as your last payment of ${previous}. We tell you at least 10 days before.`,
  reminderManual: (practice: string, amount: string, date: string) => `Your payment plan with ${practice} has a payment of ${amount} due on ${date}.`,
  reminderNothingToDo: 'You do not need to do anything. Make sure the account has enough money on that day.',
  failedSubject: (practice: string) => `Your plan payment did not go through (${practice})`,
  failedHeading: 'Your plan payment did not go through',
  failedLead: (practice: string, amount: string, date: string) => `Your payment plan's payment of ${amount} due on ${date} to ${practice} did not go through.`,
  failedRetry: (date: string) => `We will try again on ${date}. Before then, make sure the account has enough money, or pay the payment yourself.`,
  missedSubject: (practice: string) => `A plan payment is past due (${practice})`,
  missedHeading: 'A plan payment is past due',
  missedLead: (practice: string, amount: string, date: string) => `Your payment plan's payment of ${amount} to ${practice}, due on ${date}, has not been paid.`,
  failedManual: (date: string) => `Please pay it by ${date}.`,
  failedChange: 'If your card or bank account changed, call the billing office and we will send you a link to change it.',
  delinquentSubject: (practice: string) => `Your payment plan is behind (${practice})`,
  delinquentHeading: 'Your payment plan is behind',
  delinquentLead: (practice: string, count: number) => `Your payment plan with ${practice} has missed ${count === 1 ? '1 payment' : `${count} payments`} in a row.`,
  behind: 'Amount behind',
  delinquentPaused: 'Automatic payments are paused until the plan is up to date.',
  delinquentWhat: 'Pay what is behind to bring your plan up to date, or call the billing office to talk about your options.',
  payButton: 'Pay now',
  text: {
    reminderAutomatic: (practice: string, amount: string, date: string) => `${practice}: reminder, your payment plan will charge ${amount} on ${date}.`,
    reminderChanged: (practice: string, amount: string, previous: string, date: string) => `${practice}: your next plan payment is ${amount} (last was ${previous}), charged on ${date}.`,
    reminderManual: (practice: string, amount: string, date: string, link: string) => `${practice}: plan payment of ${amount} due ${date}. Pay: ${link}`,
  },
};

export type PlanWords = typeof en;

const es: PlanWords = {
  frequency: { weekly: 'Cada semana', biweekly: 'Cada dos semanas', semimonthly: 'Dos veces al mes', monthly: 'Cada mes' },
  confirmationSubject: (practice) => `Su plan de pagos con ${practice} está listo`,
  confirmationHeading: 'Su plan de pagos está listo',
  confirmationLead: (practice) => `Le confirmamos el plan de pagos que estableció con ${practice}. Guarde este correo para sus registros.`,
  total: 'Total del plan',
  payments: 'Pagos',
  howOften: 'Frecuencia',
  howYouPay: 'Cómo paga',
  automaticWith: (method) => `Pagos automáticos con ${method}`,
  manualPay: 'Usted hace cada pago antes de su fecha',
  schedule: 'Su calendario de pagos',
  date: 'Fecha',
  amount: 'Monto',
  downPayment: 'pago inicial',
  authorizationHeading: 'Su autorización',
  authorizationLead: (accepted) => `Una copia de la autorización que aceptó el ${accepted}, tal como la aceptó:`,
  authorizationStop: (phone) =>
    `Para detener un pago automático, llame a la oficina de facturación al ${phone} al menos 3 días hábiles antes, o avise a su banco. Le recordamos antes de cada pago.`,
  payHere: 'Hacer un pago',
  manualHow: 'Abra la página de pago, busque su factura y haga cada pago antes de su fecha. Le avisamos cuando vence uno.',
  reminderSubject: (practice, amount, date) => `Recordatorio: su pago del plan de ${amount} el ${date} (${practice})`,
  reminderHeading: 'Su próximo pago del plan',
  reminderAutomatic: (practice, amount, date, method) => `${practice} cobrará el próximo pago de su plan de pagos, de ${amount}, el ${date} a ${method}.`,
  reminderChanged: (amount, previous) => `Este pago es de ${amount}, distinto de su último pago de ${previous}. Le avisamos al menos 10 días antes.`,
  reminderManual: (practice, amount, date) => `Su plan de pagos con ${practice} tiene un pago de ${amount} que vence el ${date}.`,
  reminderNothingToDo: 'No tiene que hacer nada. Asegúrese de que la cuenta tenga fondos suficientes ese día.',
  failedSubject: (practice) => `No se pudo cobrar el pago de su plan (${practice})`,
  failedHeading: 'No se pudo cobrar el pago de su plan',
  failedLead: (practice, amount, date) => `No se pudo cobrar el pago de ${amount} de su plan de pagos con ${practice}, que vencía el ${date}.`,
  failedRetry: (date) => `Lo intentaremos de nuevo el ${date}. Antes de esa fecha, asegúrese de que la cuenta tenga fondos suficientes, o haga el pago usted mismo.`,
  missedSubject: (practice) => `Un pago de su plan está vencido (${practice})`,
  missedHeading: 'Un pago de su plan está vencido',
  missedLead: (practice, amount, date) => `El pago de ${amount} de su plan de pagos con ${practice}, que vencía el ${date}, no se ha pagado.`,
  failedManual: (date) => `Por favor páguelo antes del ${date}.`,
  failedChange: 'Si su tarjeta o cuenta bancaria cambió, llame a la oficina de facturación y le enviaremos un enlace para cambiarla.',
  delinquentSubject: (practice) => `Su plan de pagos está atrasado (${practice})`,
  delinquentHeading: 'Su plan de pagos está atrasado',
  delinquentLead: (practice, count) => `Su plan de pagos con ${practice} tiene ${count === 1 ? '1 pago no realizado' : `${count} pagos seguidos no realizados`}.`,
  behind: 'Monto atrasado',
  delinquentPaused: 'Los pagos automáticos están en pausa hasta que el plan esté al día.',
  delinquentWhat: 'Pague lo atrasado para poner su plan al día, o llame a la oficina de facturación para hablar de sus opciones.',
  payButton: 'Pagar ahora',
  text: {
    reminderAutomatic: (practice, amount, date) => `${practice}: recuerde, su plan de pagos cobrará ${amount} el ${date}.`,
    reminderChanged: (practice, amount, previous, date) => `${practice}: su próximo pago del plan es de ${amount} (el último fue ${previous}), el ${date}.`,
    reminderManual: (practice, amount, date, link) => `${practice}: pago del plan de ${amount} vence el ${date}. Pagar: ${link}`,
  },
};

export const PLAN_WORDS: Readonly<Record<'en' | 'es', PlanWords>> = { en, es };
