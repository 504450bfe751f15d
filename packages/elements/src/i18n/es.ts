import type { Translation } from './en.js';

export const es: Translation = {
  languageName: 'Español',
  payYourBill: 'Pague su factura',
  loadingPractice: 'Cargando la información de facturación…',
  loadFailedTitle: 'No pudimos cargar la página de facturación.',
  loadFailedNetwork: 'Revise su conexión a internet e inténtelo de nuevo.',
  loadFailedNotFound: 'No encontramos este consultorio. Llame a la oficina de facturación.',
  loadFailedOther: 'Algo salió mal de nuestro lado. Inténtelo de nuevo en un momento.',
  tryAgain: 'Intentar de nuevo',
  billingQuestions: '¿Preguntas sobre su factura?',
  callBilling: (phone) => `Llame a facturación al ${phone}`,
  emailBilling: 'Escriba a la oficina de facturación',
  hours: 'Horario',
  hoursRange: (days, opens, closes, zone) => `${days}, de ${opens} a ${closes} ${zone}`,
  financialAssistance: 'Ayuda financiera',
  financialAssistanceHint: 'Ayuda para pagar la atención médica, según sus ingresos.',
  opensInNewTab: '(se abre en una pestaña nueva)',
  logoAlt: (practice) => `Logotipo de ${practice}`,
};
