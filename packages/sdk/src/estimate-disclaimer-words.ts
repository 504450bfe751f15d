import type { EstimateDisclaimer } from './estimate-schemas.js';

/**
 * The words of an estimate's disclaimers (45 CFR 149.610(c)(1)(vi)-(x)), in each language a patient
 * reads them in: `<good-faith-estimate>` shows them and the server's emailed copy repeats them, so
 * the required wording is written once.
 */
export const ESTIMATE_DISCLAIMER_WORDS: Readonly<Record<'en' | 'es', Readonly<Record<EstimateDisclaimer, string>>>> = {
  en: {
    separate_scheduling:
      'The services under “Services to schedule separately” are expected before or after this care but are not part of this estimate. You will get a separate Good Faith Estimate for them when they are scheduled or when you ask.',
    additional_items:
      'Your providers may recommend other items or services as part of your care. Those must be scheduled or requested separately and are not included in this estimate.',
    estimate_only:
      'This Good Faith Estimate shows the items and services reasonably expected for your care at the time it was made. It is only an estimate: actual items, services or charges may differ.',
    dispute_rights:
      'You have the right to start a patient-provider dispute resolution process if any one provider or facility on this estimate bills you at least $400 more than its part of the estimate. Starting a dispute will not affect the quality of the care you receive. You must start within 120 days of the date on the bill.',
    not_a_contract:
      'This Good Faith Estimate is not a contract. It does not require you to get these items or services from any of the providers or facilities listed.',
  },
  es: {
    separate_scheduling:
      'Los servicios de «Servicios que se programan por separado» se esperan antes o después de esta atención, pero no forman parte de este estimado. Recibirá un Estimado de Buena Fe aparte para ellos cuando se programen o cuando lo pida.',
    additional_items:
      'Es posible que sus proveedores le recomienden otros artículos o servicios como parte de su atención. Esos se deben programar o pedir por separado y no están incluidos en este estimado.',
    estimate_only:
      'Este Estimado de Buena Fe muestra los artículos y servicios que razonablemente se esperan para su atención en el momento en que se hizo. Es solo un estimado: los artículos, servicios o cargos reales pueden ser diferentes.',
    dispute_rights:
      'Usted tiene derecho a iniciar un proceso de resolución de disputas entre paciente y proveedor si cualquier proveedor o centro de este estimado le factura por lo menos $400 más que su parte del estimado. Iniciar una disputa no afectará la calidad de la atención que reciba. Debe iniciarla dentro de los 120 días siguientes a la fecha de la factura.',
    not_a_contract:
      'Este Estimado de Buena Fe no es un contrato. No le obliga a recibir estos artículos o servicios de ninguno de los proveedores o centros que aparecen en él.',
  },
};
