import { createConsoleConnection, type ConsoleConnection } from '@billpay/sdk/admin';
import { isApiError } from '@billpay/sdk/errors';

/** A staff session ends after 15 minutes without a request (the server's `STAFF_IDLE_MS`). */
export const IDLE_MS = 15 * 60_000;

/**
 * What every page of the console calls the server through: the connection, and the one place
 * that notices activity (each answered call pushes the idle deadline back) and a session that
 * ended (a 401 `staff_session_required`), which the app turns into the sign-in page.
 */
export class ConsoleDesk extends EventTarget {
  readonly connection: ConsoleConnection;
  /** When the session ends without another request (ms since the epoch); undefined when signed out. */
  idleDeadline: number | undefined;

  constructor(origin: string) {
    super();
    this.connection = createConsoleConnection({ origin });
  }

  async run<T>(call: (connection: ConsoleConnection) => Promise<T>): Promise<T> {
    try {
      const answer = await call(this.connection);
      if (this.connection.session) this.touch();
      return answer;
    } catch (error) {
      if (isApiError(error) && error.status === 401 && error.code === 'staff_session_required') this.dispatchEvent(new Event('session-ended'));
      throw error;
    }
  }

  /** A request was answered: the idle end is 15 minutes from now, by this browser's clock (which may differ from the server's). */
  touch(deadline = Date.now() + IDLE_MS): void {
    this.idleDeadline = deadline;
    this.dispatchEvent(new Event('activity'));
  }
}
