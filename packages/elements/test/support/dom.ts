/** Reading an element's shadow DOM the way its tests do: its text, its root, its parts. */

/** The text of a node, with runs of white space as one space. */
export const text = (node: Element | ShadowRoot | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

export const root = (el: Element) => el.shadowRoot!;

/** The first node of the element's shadow DOM with `name` among its parts. */
export const part = (el: Element, name: string) => root(el).querySelector(`[part~="${name}"]`);

/** A date as the elements write it in full ("March 9, 2026"), in `locale`. */
export const longDate = (iso: string, locale = 'en-US') =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** Every Luhn-valid run of 13 to 19 digits: card numbers, wherever they hide. */
export const cardNumbers = (texts: readonly string[]) =>
  texts.flatMap((t) => t.match(/\d{13,19}/g) ?? []).filter((digits) => {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return sum % 10 === 0;
  });
