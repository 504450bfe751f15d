import * as z from 'zod/mini';
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.js';
import { STAFF_ROLES } from './roles.js';

/** What the console's staff routes take (`/console/api`); every field bounded. */

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const b64url = (max: number) => z.string().check(z.maxLength(max), z.regex(/^[A-Za-z0-9_-]*$/));
const Token = z.string().check(z.maxLength(100));
const Code = z.string().check(z.regex(/^\d{6}$/, 'must be the 6-digit code of the authenticator app'));

export const EnrolmentTokenSchema = z.object({ token: Token });

export const EnrolPasswordSchema = z.object({
  token: Token,
  password: z.string().check(z.minLength(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`), z.maxLength(PASSWORD_MAX)),
  code: Code,
});

/** A `PublicKeyCredential` from `navigator.credentials.create()` as JSON (`@simplewebauthn/browser`). */
const RegistrationResponseSchema = z.looseObject({
  id: b64url(1_400),
  rawId: b64url(1_400),
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: b64url(10_000),
    attestationObject: b64url(40_000),
    transports: z.optional(z.array(text(30)).check(z.maxLength(10))),
  }),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: z.optional(z.enum(['platform', 'cross-platform'])),
});

/** A `PublicKeyCredential` from `navigator.credentials.get()` as JSON. */
const AuthenticationResponseSchema = z.looseObject({
  id: b64url(1_400),
  rawId: b64url(1_400),
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: b64url(10_000),
    authenticatorData: b64url(10_000),
    signature: b64url(2_000),
    userHandle: z.optional(b64url(200)),
  }),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: z.optional(z.enum(['platform', 'cross-platform'])),
});

const ChallengeId = z.string().check(z.maxLength(64));

export const EnrolPasskeySchema = z.object({ token: Token, challengeId: ChallengeId, response: RegistrationResponseSchema });
export const AddPasskeySchema = z.object({ challengeId: ChallengeId, response: RegistrationResponseSchema });

export const PasswordSignInSchema = z.object({
  practice: text(64),
  email: text(254),
  password: text(PASSWORD_MAX),
  code: z.string().check(z.maxLength(10)),
});

export const PasskeySignInSchema = z.object({ challengeId: ChallengeId, response: AuthenticationResponseSchema });

export const AddStaffSchema = z.object({ email: text(254), role: z.enum(STAFF_ROLES) });
