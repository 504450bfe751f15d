import { isApiError } from '@billpay/sdk/checks';

/**
 * Tells the page's developer, in the browser's console, what only they can fix, when the API
 * says so: today, a page whose origin the practice's `allowedOrigins` does not list (the API
 * answers that origin a refusal it can read, naming the origin and the setting). A patient is
 * told something else, in their language; nothing here is shown to them.
 */
export function tellDeveloper(error: unknown): void {
  if (isApiError(error) && error.code === 'origin_not_allowed') console.error(`billpay: ${error.message}`);
}
