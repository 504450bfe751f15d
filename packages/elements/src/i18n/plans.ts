/**
 * `<plan-builder>`'s words, in every language (the plan as the bill shows it is in
 * plan-account.ts). Kept beside the main dictionaries (en.ts, es.ts) rather than in them, so they
 * arrive with the plan builder: every element carries every term of the main dictionaries, and a
 * page showing a bill, or `<bill-lookup>` on its own, need not carry these. The same contract:
 * `planEn`'s shape is what every language must fill in completely (a missing or extra term is a
 * type error).
 */
import type { BankAccountType, InstallmentStatus, PlanFrequency, PlanRuleCode } from '@billpay/sdk';
import type { Widen } from './en.js';
import type { Locale } from './locales.js';

/** A problem with what was typed in the plan builder (the practice's rules are `PlanRuleWords`). */
export type PlanIssueCode =
  | 'count.empty'
  | 'count.invalid'
  | 'amount.empty'
  | 'amount.invalid'
  | 'down.empty'
  | 'down.invalid'
  | 'date.empty'
  | 'date.month_missing'
  | 'date.day_missing'
  | 'date.year_missing'
  | 'date.month_invalid'
  | 'date.day_invalid'
  | 'date.year_invalid'
  | 'date.not_a_date'
  | 'mode.none'
  | 'authorization.unchecked';

/** A plan's terms: "12 payments of $200.00, every month, from … to …, a total of $2,400.00". */
export interface PlanTermsWords {
  readonly count: number;
  readonly frequency: PlanFrequency;
  /** The regular payment. */
  readonly amount: string;
  /** The last payment (the same as `amount` when the balance divides evenly). */
  readonly last: string;
  readonly first: string;
  readonly end: string;
  readonly total: string;
  /** The down payment taken today, if any. */
  readonly down: string | undefined;
}

/** A rule of the practice's policy a choice breaks, with the nearest choices that work. */
export interface PlanRuleWords {
  readonly code: PlanRuleCode;
  /** The rule's number as money (for the rules about amounts). */
  readonly money: string;
  /** The rule's number as a count (months, days). */
  readonly count: number;
  readonly frequency: PlanFrequency;
  /** At most this many payments at `frequency` work (0 or undefined: none). */
  readonly maxPayments: number | undefined;
  /** At least this much a payment works. */
  readonly minAmount: string | undefined;
  readonly maxDown: string | undefined;
  readonly earliest: string | undefined;
  readonly latest: string | undefined;
  readonly frequencies: readonly PlanFrequency[];
}

/** The recurring-payment authorization's facts. */
export interface PlanAuthorizationWords {
  /** `PlanTermsWords` as a phrase. */
  readonly terms: string;
  readonly practice: string;
  readonly date: string;
  readonly phone: string;
  /** The returned-payment fee (bank debits). */
  readonly fee: string;
  /** Bank: the account holder, its type and last four digits. */
  readonly holder: string;
  readonly type: BankAccountType;
  readonly last4: string;
  /** Card: "Visa ending in 4242". */
  readonly card: string;
}

export const planEn = {
  planTitle: 'Set up a payment plan',
  planIntro: (balance: string) => `Pay your balance of ${balance} in smaller payments over time, with no interest.`,
  planLoading: 'Loading your payment plan choices…',
  planLoadFailed: 'We couldn’t load the payment plan choices. Check your connection and try again.',
  planNotOffered: 'This practice doesn’t set up payment plans online. Please call billing to ask about one.',
  planTooSmall: (minimum: string) => `Payment plans are for balances of at least ${minimum}. You can pay your balance with Make a payment.`,
  planAlreadyExists: 'This account already has a payment plan. Its next payment is shown on your bill.',
  planFrequencyLegend: 'How often will you pay?',
  planFrequency: {
    weekly: 'Every week',
    biweekly: 'Every two weeks',
    semimonthly: 'Twice a month',
    monthly: 'Every month',
  } satisfies Record<PlanFrequency, string> as Record<PlanFrequency, string>,
  planSemimonthlyHint: 'On the day you choose and 15 days later',
  planSizeLegend: 'How many payments, or how much each?',
  planSizeHint: 'Change either one and the other follows.',
  planCountLabel: 'Number of payments',
  planCountHint: (max: number) => (max === 1 ? 'Only 1 payment at this frequency' : `From 1 to ${max}`),
  planAmountLabel: 'Amount of each payment, in dollars',
  planAmountHint: (minimum: string, maximum: string) => `From ${minimum} to ${maximum}`,
  planDownLabel: 'Down payment today, in dollars',
  planDownHint: (minimum: string, maximum: string) => `From ${minimum} to ${maximum}. It is paid today; the payments cover the rest.`,
  planFirstDateLegend: 'Date of the first payment',
  planFirstDateHint: (earliest: string, latest: string) => `Between ${earliest} and ${latest}. Month, day and year, for example 3 15 2027.`,
  planModeLegend: 'How will you make each payment?',
  planModeBank: 'Automatically, from my bank account',
  planModeCard: 'Automatically, charged to my card',
  planModeManual: 'I’ll pay each one myself',
  planModeManualHint: 'Pay each one from your bill by its date. You can add reminders to your calendar.',
  planAutopayNotOffered: 'Automatic payment isn’t offered for plans here: you pay each payment yourself.',
  planAutopayRequiredHint: (months: number) => `Plans longer than ${months} ${months === 1 ? 'month' : 'months'} need automatic payment.`,
  planMethodBankLegend: 'Bank account for the automatic payments',
  planMethodCardLegend: 'Card for the automatic payments',
  planTerms: (w: PlanTermsWords) => {
    const every = { weekly: 'every week', biweekly: 'every two weeks', semimonthly: 'twice a month', monthly: 'every month' }[w.frequency];
    const down = w.down ? `a down payment of ${w.down} today, then ` : '';
    if (w.count === 1) return `${down}1 payment of ${w.last} on ${w.first}, a total of ${w.total}`;
    const amounts = w.last === w.amount ? `${w.count} payments of ${w.amount}, ${every}` : `${w.count} payments ${every}, ${w.count - 1} of ${w.amount} and a last one of ${w.last}`;
    return `${down}${amounts}, from ${w.first} to ${w.end}, a total of ${w.total}`;
  },
  planScheduleCaption: 'Your payment schedule',
  planColNumber: 'Payment',
  planColDate: 'Date',
  planColAmount: 'Amount',
  planColStatus: 'Status',
  planDownPaymentRow: 'Down payment',
  planNoSchedule: 'The schedule appears here once the choices above work.',
  planIssues: {
    'count.empty': 'Enter the number of payments.',
    'count.invalid': 'Enter the number of payments as a whole number, for example 12.',
    'amount.empty': 'Enter the amount of each payment.',
    'amount.invalid': 'Enter the amount of each payment in dollars and cents, for example 200.00.',
    'down.empty': 'Enter the down payment.',
    'down.invalid': 'Enter the down payment in dollars and cents, for example 100.00.',
    'date.empty': 'Enter the date of the first payment.',
    'date.month_missing': 'The first payment date needs a month.',
    'date.day_missing': 'The first payment date needs a day.',
    'date.year_missing': 'The first payment date needs a year.',
    'date.month_invalid': 'The month must be a number from 1 to 12.',
    'date.day_invalid': 'The day must be a number from 1 to 31.',
    'date.year_invalid': 'The year must have 4 digits, for example 2027.',
    'date.not_a_date': 'That date doesn’t exist. Check the day and month.',
    'mode.none': 'Choose how you will make each payment.',
    'authorization.unchecked': 'To pay automatically, check the box to accept the authorization.',
  } satisfies Record<PlanIssueCode, string> as Record<PlanIssueCode, string>,
  planRule: (w: PlanRuleWords) => {
    const kinds = { weekly: 'weekly payments', biweekly: 'payments every two weeks', semimonthly: 'twice-a-month payments', monthly: 'monthly payments' };
    const names = { weekly: 'weekly', biweekly: 'every two weeks', semimonthly: 'twice a month', monthly: 'monthly' };
    const payments = (n: number, f: PlanFrequency) => `${n} ${n === 1 ? kinds[f].replace('payments', 'payment') : kinds[f]}`;
    const or = (words: readonly string[]) => (words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`);
    const upTo = or([...(w.maxPayments ? [`up to ${payments(w.maxPayments, w.frequency)}`] : []), ...(w.minAmount ? [`at least ${w.minAmount} a payment`] : [])]);
    const months = `${w.count} ${w.count === 1 ? 'month' : 'months'}`;
    switch (w.code) {
      case 'invalid_choice':
        return 'Choose a number of payments or an amount per payment, and a first payment date.';
      case 'balance_too_small':
        return `Payment plans are for balances of at least ${w.money}.`;
      case 'frequency_not_offered':
        return `Payments can be made ${or(w.frequencies.map((f) => names[f]))}.`;
      case 'first_date_out_of_window':
        return w.earliest && w.latest ? `The first payment must be between ${w.earliest} and ${w.latest}.` : 'The first payment date is outside the allowed dates.';
      case 'installment_too_small':
        if (w.maxPayments) return `At least ${w.money} a payment: up to ${payments(w.maxPayments, w.frequency)}.`;
        return w.maxDown ? `At least ${w.money} a payment: a down payment of at most ${w.maxDown}.` : `At least ${w.money} a payment.`;
      case 'amount_too_large':
        return `At most ${w.money} a payment: that is everything in one payment.`;
      case 'plan_too_long':
        return `At most ${months}: ${upTo}.`;
      case 'down_payment_too_small':
        return `A down payment of at least ${w.money} is needed.`;
      case 'down_payment_too_large':
        return `The down payment can be at most ${w.money}, so the plan has at least one payment left.`;
      case 'autopay_not_offered':
        return 'Automatic payment is not offered for plans here: you pay each installment yourself.';
      case 'autopay_required':
        return `Plans longer than ${months} need automatic payment. To pay each installment yourself: ${upTo}.`;
    }
  },
  planReviewButton: 'Review plan',
  planPreparing: 'Checking your plan…',
  planReviewTitle: 'Review your payment plan',
  planReviewIntro: 'Nothing is set up until you select Set up plan.',
  planReviewBalance: 'Balance',
  planReviewTerms: 'Payments',
  planReviewHow: 'How you pay',
  planReviewManual: 'You pay each one yourself',
  planReviewAutomatic: (method: string) => `Automatically, from your ${method}`,
  planReviewPayee: 'Paid to',
  planAuthorizationBankTitle: 'Authorization for recurring bank debits',
  planAuthorizationCardTitle: 'Authorization for recurring card charges',
  planAuthorizationBank: (a: PlanAuthorizationWords) =>
    `I, ${a.holder}, authorize ${a.practice} to debit my ${a.type} account ending in ${a.last4} for the recurring payments of this payment plan: ${a.terms}. Each debit is made on its date. If my bank returns a debit, it will be tried again 3 days later, and a returned-payment fee of ${a.fee} may be added to my account. This authorization is dated ${a.date} and stays in effect until the plan is paid, unless I revoke it. I can revoke it at any time by calling ${a.phone} before the date of a payment. I am authorized to use this account.`,
  planAuthorizationCard: (a: PlanAuthorizationWords) =>
    `I authorize ${a.practice} to charge my ${a.card} for the recurring payments of this payment plan: ${a.terms}. Each charge is made on its date. If a charge is declined, it will be tried again 3 days later. This authorization is dated ${a.date} and stays in effect until the plan is paid, unless I revoke it. I can revoke it at any time by calling ${a.phone} before the date of a payment. I am authorized to use this card.`,
  planAuthorizationAccept: 'I have read and accept this authorization for recurring payments.',
  planManualNote: 'You pay each payment yourself, on or before its date, with Make a payment on your bill. If two payments in a row are missed, the plan falls behind and your balance can be treated as past due.',
  planSubmit: 'Set up plan',
  planSubmitting: 'Setting up your plan. Please keep this page open…',
  planChange: 'Change plan',
  planNetwork: 'We didn’t get an answer from the billing system, so we can’t tell yet whether your plan was set up. Try again: you will not get two plans.',
  planOther: 'Something went wrong on our side and no plan was set up. Try again in a moment, or call billing.',
  planExistsNow: 'This account already has a payment plan, so no new plan was set up.',
  planCardUnavailable: 'Automatic payments can’t be charged to a card here. Choose a bank account, or pay each payment yourself.',
  planMethodExpired: 'Your payment details expired. Enter them again.',
  planAcceptAgain: 'Please read and accept the authorization again.',
  planRulesTitle: 'This plan doesn’t fit the practice’s rules',
  planDoneTitle: 'Your payment plan is set up',
  planNextPayment: (amount: string, date: string) => `Next payment: ${amount} on ${date}.`,
  planNextAutomatic: (method: string) => `It will be charged automatically to your ${method}.`,
  planNextManual: 'Pay it with Make a payment on your bill, on or before that date.',
  planDoneKeep: 'Keep this schedule for your records.',
  planPrint: 'Print schedule',
  planCalendar: 'Add reminders to my calendar',
  planCalendarEvent: (amount: string, practice: string) => `Pay ${amount} to ${practice} (payment plan)`,
  planCalendarFile: 'payment-plan',
  planMethodTitle: 'Change your plan’s payment method',
  planMethodIntro: (left: string, count: number) =>
    `Your plan has ${left} left in ${count} ${count === 1 ? 'payment' : 'payments'}. Choose the bank account or card to charge ${count === 1 ? 'it' : 'them'} to from now on. Nothing is charged today.`,
  planMethodNow: (method: string) => `Now charged to your ${method}.`,
  planMethodLegend: 'What should the payments be charged to?',
  planMethodLoadFailed: 'We couldn’t load your payment plan. Check your connection and try again.',
  planMethodNotRunning: 'This plan has no automatic payments to change. Call billing if you need help.',
  planMethodReviewButton: 'Review new payment method',
  planMethodReviewTitle: 'Review your new payment method',
  planMethodReviewIntro: 'Nothing changes until you select Change payment method.',
  planMethodLeft: 'Left to pay',
  planMethodSubmit: 'Change payment method',
  planMethodSubmitting: 'Changing your payment method. Please keep this page open…',
  planMethodChange: 'Use another method',
  planMethodOther: 'Something went wrong on our side and your payment method was not changed. Try again in a moment, or call billing.',
  planMethodDoneTitle: 'Your payment method is changed',
  planMethodDone: (method: string) => `The payments left will be charged automatically to your ${method}.`,
  planInstallmentStatus: {
    scheduled: 'Scheduled',
    charging: 'Being charged',
    processing: 'Processing',
    paid: 'Paid',
    failed: 'Didn’t go through',
    canceled: 'Canceled',
  } satisfies Record<InstallmentStatus, string> as Record<InstallmentStatus, string>,
};

/** The shape every language must provide, term by term. */
export type PlanTranslation = { readonly [K in keyof typeof planEn]: Widen<(typeof planEn)[K]> };

export const planEs: PlanTranslation = {
  planTitle: 'Establecer un plan de pagos',
  planIntro: (balance) => `Pague su saldo de ${balance} en pagos más pequeños a lo largo del tiempo, sin intereses.`,
  planLoading: 'Cargando sus opciones de plan de pagos…',
  planLoadFailed: 'No pudimos cargar las opciones de plan de pagos. Revise su conexión e inténtelo de nuevo.',
  planNotOffered: 'Este consultorio no establece planes de pagos en línea. Llame a facturación para preguntar por uno.',
  planTooSmall: (minimum) => `Los planes de pagos son para saldos de por lo menos ${minimum}. Puede pagar su saldo con Hacer un pago.`,
  planAlreadyExists: 'Esta cuenta ya tiene un plan de pagos. Su próximo pago aparece en su factura.',
  planFrequencyLegend: '¿Con qué frecuencia pagará?',
  planFrequency: {
    weekly: 'Cada semana',
    biweekly: 'Cada dos semanas',
    semimonthly: 'Dos veces al mes',
    monthly: 'Cada mes',
  },
  planSemimonthlyHint: 'El día que elija y 15 días después',
  planSizeLegend: '¿Cuántos pagos, o de cuánto cada uno?',
  planSizeHint: 'Cambie cualquiera de los dos y el otro se ajusta.',
  planCountLabel: 'Número de pagos',
  planCountHint: (max) => (max === 1 ? 'Solo 1 pago con esta frecuencia' : `De 1 a ${max}`),
  planAmountLabel: 'Monto de cada pago, en dólares',
  planAmountHint: (minimum, maximum) => `De ${minimum} a ${maximum}`,
  planDownLabel: 'Pago inicial hoy, en dólares',
  planDownHint: (minimum, maximum) => `De ${minimum} a ${maximum}. Se paga hoy; los pagos cubren el resto.`,
  planFirstDateLegend: 'Fecha del primer pago',
  planFirstDateHint: (earliest, latest) => `Entre el ${earliest} y el ${latest}. Mes, día y año, por ejemplo 3 15 2027.`,
  planModeLegend: '¿Cómo hará cada pago?',
  planModeBank: 'Automáticamente, de mi cuenta bancaria',
  planModeCard: 'Automáticamente, con cargo a mi tarjeta',
  planModeManual: 'Yo haré cada pago',
  planModeManualHint: 'Haga cada pago desde su factura a más tardar en su fecha. Puede agregar recordatorios a su calendario.',
  planAutopayNotOffered: 'Aquí no se ofrece el pago automático para planes: usted hace cada pago.',
  planAutopayRequiredHint: (months) => `Los planes de más de ${months} ${months === 1 ? 'mes' : 'meses'} necesitan pago automático.`,
  planMethodBankLegend: 'Cuenta bancaria para los pagos automáticos',
  planMethodCardLegend: 'Tarjeta para los pagos automáticos',
  planTerms: (w) => {
    const every = { weekly: 'cada semana', biweekly: 'cada dos semanas', semimonthly: 'dos veces al mes', monthly: 'cada mes' }[w.frequency];
    const down = w.down ? `un pago inicial de ${w.down} hoy y luego ` : '';
    if (w.count === 1) return `${down}1 pago de ${w.last} el ${w.first}, por un total de ${w.total}`;
    const amounts = w.last === w.amount ? `${w.count} pagos de ${w.amount}, ${every}` : `${w.count} pagos ${every}, ${w.count - 1} de ${w.amount} y un último pago de ${w.last}`;
    return `${down}${amounts}, del ${w.first} al ${w.end}, por un total de ${w.total}`;
  },
  planScheduleCaption: 'Su calendario de pagos',
  planColNumber: 'Pago',
  planColDate: 'Fecha',
  planColAmount: 'Monto',
  planColStatus: 'Estado',
  planDownPaymentRow: 'Pago inicial',
  planNoSchedule: 'El calendario aparece aquí cuando las opciones de arriba funcionen.',
  planIssues: {
    'count.empty': 'Escriba el número de pagos.',
    'count.invalid': 'Escriba el número de pagos como un número entero, por ejemplo 12.',
    'amount.empty': 'Escriba el monto de cada pago.',
    'amount.invalid': 'Escriba el monto de cada pago en dólares y centavos, por ejemplo 200.00.',
    'down.empty': 'Escriba el pago inicial.',
    'down.invalid': 'Escriba el pago inicial en dólares y centavos, por ejemplo 100.00.',
    'date.empty': 'Escriba la fecha del primer pago.',
    'date.month_missing': 'A la fecha del primer pago le falta el mes.',
    'date.day_missing': 'A la fecha del primer pago le falta el día.',
    'date.year_missing': 'A la fecha del primer pago le falta el año.',
    'date.month_invalid': 'El mes debe ser un número del 1 al 12.',
    'date.day_invalid': 'El día debe ser un número del 1 al 31.',
    'date.year_invalid': 'El año debe tener 4 dígitos, por ejemplo 2027.',
    'date.not_a_date': 'Esa fecha no existe. Revise el día y el mes.',
    'mode.none': 'Elija cómo hará cada pago.',
    'authorization.unchecked': 'Para pagar automáticamente, marque la casilla para aceptar la autorización.',
  },
  planRule: (w) => {
    const kinds = {
      weekly: ['pago semanal', 'pagos semanales'],
      biweekly: ['pago cada dos semanas', 'pagos cada dos semanas'],
      semimonthly: ['pago dos veces al mes', 'pagos dos veces al mes'],
      monthly: ['pago mensual', 'pagos mensuales'],
    } as const;
    const names = { weekly: 'cada semana', biweekly: 'cada dos semanas', semimonthly: 'dos veces al mes', monthly: 'cada mes' };
    const payments = (n: number, f: PlanFrequency) => `${n} ${kinds[f][n === 1 ? 0 : 1]}`;
    const or = (words: readonly string[]) => (words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} o ${words[words.length - 1] ?? ''}`);
    const upTo = or([...(w.maxPayments ? [`hasta ${payments(w.maxPayments, w.frequency)}`] : []), ...(w.minAmount ? [`por lo menos ${w.minAmount} por pago`] : [])]);
    const months = `${w.count} ${w.count === 1 ? 'mes' : 'meses'}`;
    switch (w.code) {
      case 'invalid_choice':
        return 'Elija un número de pagos o un monto por pago, y la fecha del primer pago.';
      case 'balance_too_small':
        return `Los planes de pagos son para saldos de por lo menos ${w.money}.`;
      case 'frequency_not_offered':
        return `Los pagos se pueden hacer ${or(w.frequencies.map((f) => names[f]))}.`;
      case 'first_date_out_of_window':
        return w.earliest && w.latest ? `El primer pago debe ser entre el ${w.earliest} y el ${w.latest}.` : 'La fecha del primer pago está fuera de las fechas permitidas.';
      case 'installment_too_small':
        if (w.maxPayments) return `Por lo menos ${w.money} por pago: hasta ${payments(w.maxPayments, w.frequency)}.`;
        return w.maxDown ? `Por lo menos ${w.money} por pago: un pago inicial de ${w.maxDown} como máximo.` : `Por lo menos ${w.money} por pago.`;
      case 'amount_too_large':
        return `Como máximo ${w.money} por pago: eso es todo en un solo pago.`;
      case 'plan_too_long':
        return `Como máximo ${months}: ${upTo}.`;
      case 'down_payment_too_small':
        return `Se necesita un pago inicial de por lo menos ${w.money}.`;
      case 'down_payment_too_large':
        return `El pago inicial puede ser de ${w.money} como máximo, para que al plan le quede por lo menos un pago.`;
      case 'autopay_not_offered':
        return 'Aquí no se ofrece el pago automático para planes: usted hace cada pago.';
      case 'autopay_required':
        return `Los planes de más de ${months} necesitan pago automático. Para hacer cada pago usted mismo: ${upTo}.`;
    }
  },
  planReviewButton: 'Revisar el plan',
  planPreparing: 'Revisando su plan…',
  planReviewTitle: 'Revise su plan de pagos',
  planReviewIntro: 'No se establece nada hasta que seleccione Establecer el plan.',
  planReviewBalance: 'Saldo',
  planReviewTerms: 'Pagos',
  planReviewHow: 'Cómo paga',
  planReviewManual: 'Usted hace cada pago',
  planReviewAutomatic: (method) => `Automáticamente, de su ${method}`,
  planReviewPayee: 'Se paga a',
  planAuthorizationBankTitle: 'Autorización de débitos bancarios recurrentes',
  planAuthorizationCardTitle: 'Autorización de cargos recurrentes a la tarjeta',
  planAuthorizationBank: (a) =>
    `Yo, ${a.holder}, autorizo a ${a.practice} a debitar de mi cuenta ${a.type === 'checking' ? 'de cheques' : 'de ahorros'} terminada en ${a.last4} los pagos recurrentes de este plan de pagos: ${a.terms}. Cada débito se hace en su fecha. Si mi banco devuelve un débito, se intentará de nuevo 3 días después, y se podrá agregar a mi cuenta un cargo por pago devuelto de ${a.fee}. Esta autorización tiene fecha del ${a.date} y sigue vigente hasta que se pague el plan, a menos que yo la revoque. Puedo revocarla en cualquier momento llamando al ${a.phone} antes de la fecha de un pago. Estoy autorizado(a) para usar esta cuenta.`,
  planAuthorizationCard: (a) =>
    `Autorizo a ${a.practice} a cargar a mi ${a.card} los pagos recurrentes de este plan de pagos: ${a.terms}. Cada cargo se hace en su fecha. Si un cargo es rechazado, se intentará de nuevo 3 días después. Esta autorización tiene fecha del ${a.date} y sigue vigente hasta que se pague el plan, a menos que yo la revoque. Puedo revocarla en cualquier momento llamando al ${a.phone} antes de la fecha de un pago. Estoy autorizado(a) para usar esta tarjeta.`,
  planAuthorizationAccept: 'He leído y acepto esta autorización de pagos recurrentes.',
  planManualNote: 'Usted hace cada pago, a más tardar en su fecha, con Hacer un pago en su factura. Si se dejan de hacer dos pagos seguidos, el plan se atrasa y su saldo puede considerarse vencido.',
  planSubmit: 'Establecer el plan',
  planSubmitting: 'Estableciendo su plan. Mantenga esta página abierta…',
  planChange: 'Cambiar el plan',
  planNetwork: 'No recibimos respuesta del sistema de facturación, así que todavía no sabemos si su plan se estableció. Inténtelo de nuevo: no tendrá dos planes.',
  planOther: 'Algo salió mal de nuestro lado y no se estableció ningún plan. Inténtelo de nuevo en un momento o llame a facturación.',
  planExistsNow: 'Esta cuenta ya tiene un plan de pagos, así que no se estableció un plan nuevo.',
  planCardUnavailable: 'Aquí no se pueden cargar pagos automáticos a una tarjeta. Elija una cuenta bancaria o haga cada pago usted mismo.',
  planMethodExpired: 'Sus datos de pago vencieron. Escríbalos de nuevo.',
  planAcceptAgain: 'Lea y acepte la autorización de nuevo.',
  planRulesTitle: 'Este plan no cumple las reglas del consultorio',
  planDoneTitle: 'Su plan de pagos está establecido',
  planNextPayment: (amount, date) => `Próximo pago: ${amount} el ${date}.`,
  planNextAutomatic: (method) => `Se cobrará automáticamente a su ${method}.`,
  planNextManual: 'Páguelo con Hacer un pago en su factura, a más tardar en esa fecha.',
  planDoneKeep: 'Guarde este calendario para sus registros.',
  planPrint: 'Imprimir el calendario',
  planCalendar: 'Agregar recordatorios a mi calendario',
  planCalendarEvent: (amount, practice) => `Pagar ${amount} a ${practice} (plan de pagos)`,
  planCalendarFile: 'plan-de-pagos',
  planMethodTitle: 'Cambiar el método de pago de su plan',
  planMethodIntro: (left, count) =>
    `A su plan le quedan ${left} en ${count} ${count === 1 ? 'pago' : 'pagos'}. Elija la cuenta bancaria o la tarjeta a la que se ${count === 1 ? 'cobrará' : 'cobrarán'} de ahora en adelante. Hoy no se cobra nada.`,
  planMethodNow: (method) => `Ahora se cobra a su ${method}.`,
  planMethodLegend: '¿A qué se deben cobrar los pagos?',
  planMethodLoadFailed: 'No pudimos cargar su plan de pagos. Revise su conexión e inténtelo de nuevo.',
  planMethodNotRunning: 'Este plan no tiene pagos automáticos que cambiar. Llame a facturación si necesita ayuda.',
  planMethodReviewButton: 'Revisar el nuevo método de pago',
  planMethodReviewTitle: 'Revise su nuevo método de pago',
  planMethodReviewIntro: 'No cambia nada hasta que seleccione Cambiar el método de pago.',
  planMethodLeft: 'Queda por pagar',
  planMethodSubmit: 'Cambiar el método de pago',
  planMethodSubmitting: 'Cambiando su método de pago. Mantenga esta página abierta…',
  planMethodChange: 'Usar otro método',
  planMethodOther: 'Algo salió mal de nuestro lado y su método de pago no se cambió. Inténtelo de nuevo en un momento o llame a facturación.',
  planMethodDoneTitle: 'Su método de pago está cambiado',
  planMethodDone: (method) => `Los pagos restantes se cobrarán automáticamente a su ${method}.`,
  planInstallmentStatus: {
    scheduled: 'Programado',
    charging: 'En cobro',
    processing: 'En proceso',
    paid: 'Pagado',
    failed: 'No se pudo cobrar',
    canceled: 'Cancelado',
  },
};

export const planTranslations: Readonly<Record<Locale, PlanTranslation>> = { en: planEn, es: planEs };
