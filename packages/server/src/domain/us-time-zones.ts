/**
 * The time zones of a US state or territory (its USPS code), from its postal address: where a
 * patient most likely is when a text reaches them. A state a zone line crosses has each of its zones,
 * the one most of its people live in first; rules that must hold where the patient is (the hours
 * texts may go) hold in every one of them. From the zone lines as the Department of Transportation
 * draws them (49 CFR part 71); Intl knows each zone's daylight saving.
 */
const EASTERN = 'America/New_York';
const CENTRAL = 'America/Chicago';
const MOUNTAIN = 'America/Denver';
const ARIZONA = 'America/Phoenix';
const PACIFIC = 'America/Los_Angeles';
const ALASKA = 'America/Anchorage';
const ALEUTIAN = 'America/Adak';
const HAWAII = 'Pacific/Honolulu';
const ATLANTIC = 'America/Puerto_Rico';
const CHAMORRO = 'Pacific/Guam';
const SAMOA = 'Pacific/Pago_Pago';

const ZONES: Readonly<Record<string, readonly string[]>> = {
  // Eastern only.
  CT: [EASTERN], DE: [EASTERN], DC: [EASTERN], GA: [EASTERN], ME: [EASTERN], MD: [EASTERN], MA: [EASTERN],
  NH: [EASTERN], NJ: [EASTERN], NY: [EASTERN], NC: [EASTERN], OH: [EASTERN], PA: [EASTERN], RI: [EASTERN],
  SC: [EASTERN], VT: [EASTERN], VA: [EASTERN], WV: [EASTERN],
  // Eastern, with counties on Central time.
  FL: [EASTERN, CENTRAL], IN: [EASTERN, CENTRAL], KY: [EASTERN, CENTRAL], MI: [EASTERN, CENTRAL],
  // Central only.
  AL: [CENTRAL], AR: [CENTRAL], IL: [CENTRAL], IA: [CENTRAL], LA: [CENTRAL], MN: [CENTRAL], MS: [CENTRAL],
  MO: [CENTRAL], OK: [CENTRAL], WI: [CENTRAL],
  // Central, with counties on Eastern or Mountain time.
  TN: [CENTRAL, EASTERN], TX: [CENTRAL, MOUNTAIN], KS: [CENTRAL, MOUNTAIN], NE: [CENTRAL, MOUNTAIN],
  ND: [CENTRAL, MOUNTAIN], SD: [CENTRAL, MOUNTAIN],
  // Mountain: Arizona keeps standard time all year, but the Navajo Nation in it does not.
  CO: [MOUNTAIN], MT: [MOUNTAIN], NM: [MOUNTAIN], UT: [MOUNTAIN], WY: [MOUNTAIN], AZ: [ARIZONA, MOUNTAIN],
  ID: [MOUNTAIN, PACIFIC],
  // Pacific, Oregon's Malheur County and a Nevada border town on Mountain time.
  CA: [PACIFIC], WA: [PACIFIC], OR: [PACIFIC, MOUNTAIN], NV: [PACIFIC, MOUNTAIN],
  AK: [ALASKA, ALEUTIAN], HI: [HAWAII],
  PR: [ATLANTIC], VI: [ATLANTIC], GU: [CHAMORRO], MP: [CHAMORRO], AS: [SAMOA],
};

/** The zones of the state in a postal address (`CT`, any case), or undefined for one not known. */
export function timeZonesOfState(state: string | null | undefined): readonly string[] | undefined {
  return state ? ZONES[state.trim().toUpperCase()] : undefined;
}
