import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * A refusal as the processor words it: `{ error: { code, message, param? } }`, a 4xx (or 503 when
 * it is not ready to answer).
 */
export class ProcessorError extends Error {
  override readonly name = 'ProcessorError';

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly param?: string,
    /** Headers the answer carries (`Retry-After` on a 429). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  get body(): { error: { code: string; message: string; param?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.param ? { param: this.param } : {}) } };
  }
}
