import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { PasskeyChallenge } from '@billpay/sdk/admin';

/** Whether this browser can make and use passkeys at all. */
export const passkeysSupported = (): boolean => browserSupportsWebAuthn();

type RegistrationOptions = Parameters<typeof startRegistration>[0]['optionsJSON'];

/** Asks the browser to make a passkey for the server's options (the shape is the server's, by @simplewebauthn). */
export function createPasskey(challenge: PasskeyChallenge): Promise<unknown> {
  return startRegistration({ optionsJSON: challenge.options as unknown as RegistrationOptions });
}

export function usePasskey(challenge: PasskeyChallenge): Promise<unknown> {
  return startAuthentication({ optionsJSON: challenge.options });
}
