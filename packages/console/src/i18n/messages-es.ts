import type { MessagesTranslation } from './messages-en.js';

/** El español de las preferencias de mensajes de una cuenta y de detenerlos a petición del paciente (véase `messages-en.ts`). */
export const messagesEs: MessagesTranslation = {
  messagesTitle: 'Mensajes',
  loadingMessages: 'Cargando lo que recibe el paciente…',
  paperless: 'Estados de cuenta sin papel',
  paperlessOn: 'Sí: no se envía estado de cuenta en papel',
  paperlessOff: 'No: se envían estados de cuenta en papel',
  channelName: { email: 'Correo electrónico', sms: 'Mensajes de texto' },
  channelOn: (address: string) => `Activado, a ${address}`,
  channelOff: (address: string) => `Desactivado (${address})`,
  noAddress: 'Desactivado: no hay dirección registrada',
  stoppedBy: {
    text_reply: 'El paciente respondió STOP.',
    unsubscribe_link: 'El paciente usó el enlace para darse de baja de un correo.',
    staff: 'La oficina de facturación los detuvo a petición del paciente.',
  },
  consentAction: { granted: 'Consentimiento dado', revoked: 'Consentimiento retirado' },
  consentSource: { patient: 'por el paciente en sus preferencias', text_reply: 'por una respuesta de texto', unsubscribe_link: 'por un enlace para darse de baja', staff: 'por la oficina de facturación' },
  // A time today ends in its own period ("4:05 p.m."): not a second one.
  consentLine: (action: string, source: string, when: string) => `${action} ${source}, ${when}${when.endsWith('.') ? '' : '.'}`,
  noConsent: { email: 'Nada registrado: los avisos de estados de cuenta van al correo registrado.', sms: 'Sin consentimiento registrado: no se envían textos sobre estados de cuenta.' },
  onlyOff:
    'El personal solo puede detener mensajes, a petición del paciente. Para activar el correo o los textos hace falta el consentimiento del propio paciente: lo hace en las preferencias de mensajes de su factura, con un código enviado a la dirección.',
  stopButton: { email: 'Detener correos', sms: 'Detener textos' },
  stopTitle: { email: '¿Detener los correos?', sms: '¿Detener los mensajes de texto?' },
  stopIntro: 'Solo a petición del paciente. Surte efecto de inmediato: los mensajes en espera no se envían. El registro de consentimiento del paciente guarda su nombre, la hora y estas palabras:',
  stopped: { email: 'Los correos están detenidos.', sms: 'Los textos están detenidos.' },
  alreadyOff: 'Ya estaban desactivados: no cambió nada.',
};
