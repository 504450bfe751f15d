/**
 * `<plan-builder>`'s words in Spanish: a chunk of its own, fetched only when an element speaks Spanish
 * (`planBook` in plans.ts). Checked complete against the English at compile time.
 */
import type { PlanFrequency } from '@billpay/sdk';
import type { PlanTranslation } from './plans.js';

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
