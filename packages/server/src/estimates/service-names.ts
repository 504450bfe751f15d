import type { PriceListService, Provider } from '@billpay/sdk';

/** What a line item is known by: its CPT/HCPCS code and the provider that billed it. */
export interface BilledService {
  readonly code: string;
  readonly provider: string;
}

/**
 * The patient-language names of billed services, from the practice's price list: the same code
 * may be listed twice (an MRI at the imaging center and its reading by the radiologists), so the
 * entry of the provider that billed it wins, then one without a modifier (the whole service).
 * Answers `undefined` for a code the practice gives no Spanish name; the bill then shows the
 * practice's own text.
 */
export function spanishServiceNames(
  priceList: readonly PriceListService[] = [],
  providers: readonly Provider[] = [],
): (service: BilledService) => string | undefined {
  const providerIds = new Map<string, string[]>();
  for (const provider of providers) {
    const key = fold(provider.name);
    providerIds.set(key, [...(providerIds.get(key) ?? []), provider.id]);
  }
  const byCode = new Map<string, PriceListService[]>();
  for (const service of priceList) {
    if (!service.descriptionEs) continue;
    const key = service.code.toUpperCase();
    byCode.set(key, [...(byCode.get(key) ?? []), service]);
  }
  return ({ code, provider }) => {
    const candidates = byCode.get(code.trim().toUpperCase());
    if (!candidates) return undefined;
    const billedBy = providerIds.get(fold(provider)) ?? [];
    const best =
      candidates.find((s) => billedBy.includes(s.providerId) && !s.modifier) ??
      candidates.find((s) => billedBy.includes(s.providerId)) ??
      candidates.find((s) => !s.modifier) ??
      candidates[0];
    return best?.descriptionEs;
  };
}

function fold(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}
