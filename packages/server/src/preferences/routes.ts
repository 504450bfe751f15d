import { MessagePreferencesSchema, PreferencesChangeSchema, VerificationCodeRequestSchema, VerificationRequestSchema, VerificationSchema } from '@billpay/sdk';
import type { Context, Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { clientAddress, type ApiDeps, type AppEnv } from '../http/context.js';
import { json, problem } from '../http/openapi.js';
import { jsonBody } from '../http/request.js';
import { requireSession } from '../http/session.js';
import { changePreferences, preferencesView, type PatientAct } from './preferences.js';
import { confirmVerification, startVerification } from './verification.js';

const PATH = '/v1/message-preferences';

/**
 * The patient's message preferences, for the session's account: read them, change paperless or
 * turn a channel off (`POST /v1/message-preferences`), and turn a channel on with a code sent to
 * the address (`POST .../verifications`, then `POST .../verifications/{id}` with the code).
 */
export function mountPreferences(app: Hono<AppEnv>, deps: ApiDeps): void {
  const { db } = deps.database;
  const withSession = requireSession(deps);
  const act = (c: Context, language: 'en' | 'es', now: Date): PatientAct => ({ language, clientAddress: clientAddress(c, deps.trustProxy), now });

  app.get(PATH, withSession, describeRoute({
    operationId: 'getMessagePreferences',
    summary: "The account's message preferences: paperless, email and texts (addresses masked)",
    responses: { '200': { description: 'The preferences', content: json(MessagePreferencesSchema) } },
  }), async (c) => {
    const { session } = c.var;
    c.header('cache-control', 'no-store');
    return c.json(await preferencesView(db, session.practiceId, session.accountId));
  });

  app.post(PATH, withSession, jsonBody(PreferencesChangeSchema), describeRoute({
    operationId: 'changeMessagePreferences',
    summary: 'Paperless on or off, email or texts off (at once, recorded as a revocation)',
    responses: {
      '200': { description: 'The preferences as they now are', content: json(MessagePreferencesSchema) },
      '409': problem('`paperless_needs_channel`: paperless needs email or texts on'),
    },
  }), async (c) => {
    const { session, practice, now } = c.var;
    const change = c.req.valid('json');
    return c.json(await changePreferences(db, practice, session.accountId, change, act(c, change.language, now)));
  });

  app.post(`${PATH}/verifications`, withSession, jsonBody(VerificationRequestSchema), describeRoute({
    operationId: 'startVerification',
    summary: 'Send a 6-digit code to an address (typed, or the one on file) to turn email or texts on',
    description: 'The code works for 10 minutes and 5 tries. Five codes for one account, or twenty from one client address, in 15 minutes, then 429.',
    responses: {
      '201': { description: 'The code is on its way', content: json(VerificationSchema) },
      '400': problem('`invalid_request`: an address that is no email address or US mobile number'),
      '422': problem('`no_address`: none typed and none on file'),
      '429': problem('`too_many_codes`: wait until `retryAt`', { 'Retry-After': { description: 'Seconds until another code may be asked for', schema: { type: 'integer' } } }),
    },
  }), async (c) => {
    const { session, practice, now } = c.var;
    const input = c.req.valid('json');
    const verification = await startVerification(db, deps.secret, practice, session.accountId, { channel: input.channel, address: input.address }, act(c, input.language, now));
    return c.json(verification, 201);
  });

  app.post(`${PATH}/verifications/:verificationId`, withSession, jsonBody(VerificationCodeRequestSchema), describeRoute({
    operationId: 'confirmVerification',
    summary: 'Type back the code: the channel is turned on and the consent recorded',
    responses: {
      '200': { description: 'The preferences, the channel on', content: json(MessagePreferencesSchema) },
      '404': problem('`verification_not_found`'),
      '409': problem('`code_expired`: ask for a new code'),
      '422': problem('`code_invalid`: the code is wrong; try again'),
      '429': problem('`too_many_attempts`: five wrong codes; ask for a new one'),
    },
  }), async (c) => {
    const { session, practice, now } = c.var;
    const { code } = c.req.valid('json');
    // The consent is recorded in the language its words were shown in when the code was asked for.
    const preferences = await confirmVerification(db, deps.secret, practice, session.accountId, c.req.param('verificationId'), code, { clientAddress: clientAddress(c, deps.trustProxy), now });
    return c.json(preferences);
  });
}
