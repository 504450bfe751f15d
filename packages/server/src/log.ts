/**
 * Structured logs, one JSON object a line. Only fields named here are ever written: no request
 * bodies, no query strings, no headers, so a Bill ID, a date of birth, a token or a card number has
 * no way into the log.
 */
export interface LogFields {
  readonly event: string;
  readonly requestId?: string;
  readonly method?: string;
  readonly route?: string;
  readonly status?: number;
  readonly ms?: number;
  readonly practice?: string;
  readonly message?: string;
  readonly error?: string;
  readonly [key: string]: string | number | boolean | undefined;
}

export interface Logger {
  info(fields: LogFields): void;
  /** Something an operator should change (a setting), though requests are still answered. */
  warn(fields: LogFields): void;
  error(fields: LogFields): void;
}

export function createLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const emit = (level: string, fields: LogFields) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, ...fields }));
  return {
    info: (fields) => emit('info', fields),
    warn: (fields) => emit('warn', fields),
    error: (fields) => emit('error', fields),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
