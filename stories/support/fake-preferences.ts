/**
 * Message preferences for the in-memory API: paperless and the two channels per demo account, a
 * channel turned on by a code (always `FAKE_VERIFICATION_CODE`, for stories and tests to type),
 * codes that expire or are spent after 5 wrong tries, and paperless refused without a channel, as
 * the server answers them. Addresses are masked as the server masks them.
 */
import {
  checkMessageAddress,
  MessagePreferencesSchema,
  PreferencesChangeSchema,
  VerificationCodeRequestSchema,
  VerificationRequestSchema,
  VerificationSchema,
  type MessageChannel,
  type MessagePreferences,
} from '@billpay/sdk';
import { json, problem, type FakeAccount } from './fake-http.js';

/** The code every fake verification sends. */
export const FAKE_VERIFICATION_CODE = '123456';

/** How the demo accounts' preferences start: as imported (email on, a number on file without consent), everything on, or texts stopped by a STOP reply. */
export type FakePreferencesStart = 'imported' | 'all-on' | 'stopped';

interface Pending {
  readonly accountId: string;
  readonly channel: MessageChannel;
  readonly address: string;
  expiresAt: number;
  attempts: number;
}

export interface FakePreferences {
  /** Answers `/v1/message-preferences...` for the session's account; `undefined` for any other route. */
  route(session: FakeAccount, method: string, path: string, body: unknown): Response | undefined;
  /** Every code sent so far ends, as 10 minutes would end it. */
  expireCodes(): void;
}

const maskEmail = (email: string) => `${email[0]}***${email.slice(email.indexOf('@'))}`;
const maskPhone = (phone: string) => `***-***-${phone.slice(-4)}`;
const masked = (channel: MessageChannel, address: string) => (channel === 'email' ? maskEmail(address) : maskPhone(address));

export function createFakePreferences(start: FakePreferencesStart = 'imported'): FakePreferences {
  const kept = new Map<string, MessagePreferences>();
  const pending = new Map<string, Pending>();
  let next = 0;

  const of = (session: FakeAccount): MessagePreferences => {
    const id = session.account.accountNumber;
    let found = kept.get(id);
    if (!found) {
      const email = maskEmail(`${session.demo.firstName.toLowerCase()}@example.com`);
      const phone = maskPhone('+12035550142');
      found = MessagePreferencesSchema.parse({
        paperless: start === 'all-on',
        email: { on: true, address: email, onFile: email, stoppedBy: null },
        sms: { on: start === 'all-on', address: phone, onFile: phone, stoppedBy: start === 'stopped' ? 'text_reply' : null },
      });
      kept.set(id, found);
    }
    return found;
  };

  const change = (session: FakeAccount, body: unknown): Response => {
    const parsed = PreferencesChangeSchema.safeParse(body);
    if (!parsed.success) return problem(400, 'invalid_request', 'Some fields are missing or invalid.');
    const now = of(session);
    const email = parsed.data.email === false ? { ...now.email, on: false, stoppedBy: null } : now.email;
    const sms = parsed.data.sms === false ? { ...now.sms, on: false, stoppedBy: null } : now.sms;
    const anyOn = email.on || sms.on;
    if (parsed.data.paperless === true && !anyOn) return problem(409, 'paperless_needs_channel', 'Paperless statements need email or text messages turned on.');
    const after = { paperless: anyOn && (parsed.data.paperless ?? now.paperless), email, sms };
    kept.set(session.account.accountNumber, after);
    return json(200, after);
  };

  const start_ = (session: FakeAccount, body: unknown): Response => {
    const parsed = VerificationRequestSchema.safeParse(body);
    if (!parsed.success) return problem(400, 'invalid_request', 'Some fields are missing or invalid.');
    const { channel, address } = parsed.data;
    let to: string;
    if (address === undefined) {
      const onFile = of(session)[channel].onFile;
      if (!onFile) return problem(422, 'no_address', 'There is no address on file: type one.');
      to = onFile;
    } else {
      const checked = checkMessageAddress(channel, address);
      if (!checked.ok) return problem(400, 'invalid_request', 'Check the address.', [{ path: ['address'], code: checked.issue, message: 'Check the address.' }]);
      to = masked(channel, checked.address);
    }
    const id = `ver_fake${++next}`;
    pending.set(id, { accountId: session.account.accountNumber, channel, address: to, expiresAt: Date.now() + 10 * 60_000, attempts: 0 });
    return json(201, VerificationSchema.parse({ id, channel, to, expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(), attemptsLeft: 5 }));
  };

  const confirm = (session: FakeAccount, id: string, body: unknown): Response => {
    const parsed = VerificationCodeRequestSchema.safeParse(body);
    if (!parsed.success) return problem(400, 'invalid_request', 'The code is 6 digits.', [{ path: ['code'], code: 'invalid_format', message: 'The code is 6 digits.' }]);
    const found = pending.get(id);
    if (!found || found.accountId !== session.account.accountNumber) return problem(404, 'verification_not_found', 'There is no such code for this account.');
    if (found.expiresAt <= Date.now()) return problem(409, 'code_expired', 'This code has expired: ask for a new one.');
    if (found.attempts >= 5) return problem(429, 'too_many_attempts', 'Too many wrong codes: ask for a new one.');
    if (parsed.data.code !== FAKE_VERIFICATION_CODE) {
      found.attempts++;
      if (found.attempts >= 5) return problem(429, 'too_many_attempts', 'Too many wrong codes: ask for a new one.');
      return problem(422, 'code_invalid', 'That code is not right.', [{ path: ['code'], code: 'code_invalid', message: 'That code is not right.' }]);
    }
    pending.delete(id);
    const now = of(session);
    const on = { ...now[found.channel], on: true, address: found.address, stoppedBy: null };
    const after: MessagePreferences = found.channel === 'email' ? { ...now, email: on } : { ...now, sms: on };
    kept.set(session.account.accountNumber, after);
    return json(200, after);
  };

  return {
    route(session, method, path, body) {
      if (path === '/v1/message-preferences') {
        if (method === 'GET') return json(200, of(session));
        if (method === 'POST') return change(session, body);
      }
      if (method === 'POST' && path === '/v1/message-preferences/verifications') return start_(session, body);
      const match = /^\/v1\/message-preferences\/verifications\/([^/]+)$/.exec(path);
      if (method === 'POST' && match) return confirm(session, decodeURIComponent(match[1]!), body);
      return undefined;
    },
    expireCodes() {
      for (const code of pending.values()) code.expiresAt = 0;
    },
  };
}
