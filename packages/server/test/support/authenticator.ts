/**
 * A software passkey for tests: a P-256 key pair, with attestation "none" and assertions built
 * by hand (CBOR through @simplewebauthn's own helpers), exactly as a browser's
 * `PublicKeyCredential.toJSON()` would send them.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

const b64 = (bytes: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(bytes));
const sha256 = (data: Uint8Array | string) => new Uint8Array(createHash('sha256').update(data).digest());
const FLAGS = { userPresent: 0x01, userVerified: 0x04, attested: 0x40 } as const;

export interface Challenge {
  readonly challengeId: string;
  readonly options: { challenge: string; rp?: { id?: string }; rpId?: string };
}

export class SoftwareAuthenticator {
  readonly credentialId = new Uint8Array(randomBytes(32));
  private readonly privateKey: KeyObject;
  private readonly publicJwk: { x: string; y: string };
  private counter = 0;
  userHandle: Uint8Array | undefined;

  constructor(
    private readonly origin: string,
    private readonly rpId = new URL(origin).hostname,
  ) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicJwk = pair.publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  }

  get id(): string {
    return b64(this.credentialId);
  }

  private clientData(type: string, challenge: string, origin: string): Uint8Array {
    return new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  private authData(flags: number, rpId: string, attested?: Uint8Array): Uint8Array {
    const counter = new Uint8Array(4);
    new DataView(counter.buffer).setUint32(0, ++this.counter);
    return new Uint8Array([...sha256(rpId), flags, ...counter, ...(attested ?? [])]);
  }

  /** `navigator.credentials.create()` for these options, as JSON. */
  register(challenge: Challenge, options: { origin?: string; rpId?: string; userVerified?: boolean } = {}) {
    const cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, isoBase64URL.toBuffer(this.publicJwk.x)],
      [-3, isoBase64URL.toBuffer(this.publicJwk.y)],
    ]);
    const idLength = new Uint8Array([this.credentialId.length >> 8, this.credentialId.length & 0xff]);
    const attested = new Uint8Array([...new Uint8Array(16), ...idLength, ...this.credentialId, ...isoCBOR.encode(cose)]);
    const flags = FLAGS.userPresent | (options.userVerified === false ? 0 : FLAGS.userVerified) | FLAGS.attested;
    const authData = this.authData(flags, options.rpId ?? this.rpId, attested);
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64(this.clientData('webauthn.create', challenge.options.challenge, options.origin ?? this.origin)),
        attestationObject: b64(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform' as const,
    };
  }

  /** `navigator.credentials.get()` for these options, as JSON. */
  assert(challenge: Challenge, options: { origin?: string; rpId?: string; signWith?: KeyObject } = {}) {
    const authData = this.authData(FLAGS.userPresent | FLAGS.userVerified, options.rpId ?? this.rpId);
    const clientDataJSON = this.clientData('webauthn.get', challenge.options.challenge, options.origin ?? this.origin);
    const signature = sign('sha256', new Uint8Array([...authData, ...sha256(clientDataJSON)]), options.signWith ?? this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64(clientDataJSON),
        authenticatorData: b64(authData),
        signature: b64(new Uint8Array(signature)),
        ...(this.userHandle ? { userHandle: b64(this.userHandle) } : {}),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform' as const,
    };
  }
}
