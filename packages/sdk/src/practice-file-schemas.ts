/**
 * Parts of a practice's configuration that only the places that set it check: the practice's
 * file (the server's `PracticeConfigSchema`) and the console's Settings (`PracticeSettingsSchema`).
 * Apart from `schemas.ts` so the widget, which only reads a practice, never carries them.
 */
import * as z from 'zod/mini';
import { AA_TEXT_CONTRAST, brandColorContrast, formatContrast, HEX_COLOR } from './contrast.js';

/**
 * The practice's colours in the widget. `accentColor` (`#rrggbb`) is its buttons and links: links in
 * it on white and white text on its buttons, so it must have a contrast of at least 4.5:1 against
 * white (WCAG 2.1 AA for text). Light mode only; dark mode keeps the widget's own.
 */
export const BrandingSchema = z.object({
  accentColor: z.string().check(
    z.regex(HEX_COLOR, 'expected a colour as #rrggbb'),
    z.refine((hex) => !HEX_COLOR.test(hex) || brandColorContrast(hex).ok, {
      // One sentence for every reader of the issues; the console says it in the admin's language.
      error: (issue) => `has a contrast of ${formatContrast(brandColorContrast(String(issue.input)).ratio)}:1 against white; buttons and links need at least ${AA_TEXT_CONTRAST}:1 (WCAG AA). Choose a darker colour.`,
      params: { reason: 'contrast_too_low' },
    }),
  ),
});

/** A postal address in the United States (where patients mail checks). */
export const PostalAddressSchema = z.object({
  line1: z.string().check(z.minLength(1), z.maxLength(200)),
  line2: z.optional(z.string().check(z.maxLength(200))),
  city: z.string().check(z.minLength(1), z.maxLength(100)),
  state: z.string().check(z.regex(/^[A-Z]{2}$/, 'expected a state as two capital letters, e.g. CT')),
  postalCode: z.string().check(z.regex(/^\d{5}(?:-\d{4})?$/, 'expected a ZIP code as 12345 or 12345-6789')),
});

export type Branding = z.infer<typeof BrandingSchema>;
export type PostalAddress = z.infer<typeof PostalAddressSchema>;
