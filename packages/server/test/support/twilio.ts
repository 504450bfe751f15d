/**
 * A local stand-in for Twilio's Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`,
 * form encoded, HTTP Basic with the account's SID and auth token, answering the message as JSON
 * with its `sid`), and an HTTP client for Twilio's official library that sends there: the
 * library's own `RequestClient` with the origin of each request changed, given as the client's
 * `httpClient` option. Everything else (the parameters, the authentication, reading the answer
 * and its errors) is the library's.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

export const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
export const AUTH_TOKEN = 'test-twilio-auth-token-0123456789';

export interface ReceivedText {
  readonly to: string;
  readonly from: string | null;
  readonly body: string;
  /** The test's clock when it arrived. */
  readonly at: Date;
  readonly sid: string;
  /** Where the sender asked Twilio to report what became of the text (`StatusCallback`). */
  readonly statusCallback: string | null;
}

/** How the API answers a number instead of taking the text: Twilio's status and error code, `times` times (default always). */
export interface Refusal {
  readonly status: number;
  readonly code: number;
  times?: number;
}

export interface FakeTwilio {
  readonly url: string;
  readonly received: ReceivedText[];
  readonly refusals: Map<string, Refusal>;
  /** For `twilioChannel({ httpClient })`: the official client, sending to this server. */
  readonly httpClient: twilio.RequestClient;
  close(): Promise<void>;
}

export async function startFakeTwilio(now: () => Date): Promise<FakeTwilio> {
  const received: ReceivedText[] = [];
  const refusals = new Map<string, Refusal>();
  const path = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;
  const basic = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method !== 'POST' || request.url !== path) return answer(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      if (request.headers.authorization !== basic) return answer(401, { code: 20003, message: 'Authentication Error - invalid username', status: 401 });
      if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return answer(400, { code: 20001, message: 'Not form encoded', status: 400 });
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To') ?? '';
      const refusal = refusals.get(to);
      if (refusal && (refusal.times === undefined || refusal.times-- > 0)) {
        return answer(refusal.status, { code: refusal.code, message: 'Refused by the test', more_info: `https://www.twilio.com/docs/errors/${refusal.code}`, status: refusal.status });
      }
      const sid = `SM${randomBytes(16).toString('hex')}`;
      received.push({ to, from: form.get('From'), body: form.get('Body') ?? '', at: now(), sid, statusCallback: form.get('StatusCallback') });
      answer(201, {
        sid,
        account_sid: ACCOUNT_SID,
        to,
        from: form.get('From'),
        messaging_service_sid: form.get('MessagingServiceSid'),
        body: form.get('Body'),
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString(),
        uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}.json`,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  class LocalMessagesApi extends twilio.RequestClient {
    override request<TData>(options: RequestClient.RequestOptions<TData>) {
      const target = new URL(options.uri);
      return super.request<TData>({ ...options, uri: `${url}${target.pathname}${target.search}` });
    }
  }

  return {
    url,
    received,
    refusals,
    httpClient: new LocalMessagesApi({ keepAlive: false, timeout: 5_000 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
