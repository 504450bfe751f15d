/** Base of every error the SDK throws; `code` is stable and safe to switch on. */
export class BillPayError extends Error {
  override name: string = 'BillPayError';
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Type guard that also works for errors from another realm (e.g. an iframe). */
export function isBillPayError(error: unknown): error is BillPayError {
  return (
    error instanceof BillPayError ||
    (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' &&
      /Error$/.test(String((error as { name?: unknown }).name)))
  );
}
