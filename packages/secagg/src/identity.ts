/**
 * Signatures with a participant's long-term identity key, behind interfaces
 * so the worker can sign with the key behind its certificate (or an HSM) and
 * verify against the federation trust bundle it pins.
 *
 * @module
 */
import { generateKeyPairSync, sign as signBytes, verify as verifyBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { FedraError } from '@fedra/common';

/** Signs on behalf of one participant. */
export interface IdentitySigner {
  /** The participant whose identity key signs. */
  readonly participantId: string;
  /** A signature over `message` (the caller domain-separates the message). */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Checks participants' signatures against the identities the verifier trusts. */
export interface IdentityVerifier {
  /**
   * True only when `signature` is valid for `message` under the identity of
   * `participantId`. Unknown participants and malformed bytes give false;
   * implementations never throw for bad input.
   */
  verify(participantId: string, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

/** An in-memory Ed25519 identity: a signer and the public key to trust. */
export interface Ed25519Identity {
  /** Signs with the private key, which never leaves this object. */
  signer: IdentitySigner;
  /** The public key to put in a verifier. */
  publicKey: KeyObject;
}

/**
 * Makes a fresh Ed25519 identity for `participantId` (tests, local
 * development, benchmarks). Production workers sign with their certificate key.
 */
export function createEd25519Identity(participantId: string): Ed25519Identity {
  if (typeof participantId !== 'string' || participantId.length === 0) {
    throw new FedraError('INVALID_ARGUMENT', 'participantId must be a non-empty string', {
      metadata: { field: 'participantId' },
    });
  }
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const signer: IdentitySigner = {
    participantId,
    sign: (message) => Promise.resolve(new Uint8Array(signBytes(null, message, privateKey))),
  };
  return { signer: Object.freeze(signer), publicKey };
}

/**
 * A verifier over a fixed map from participant id to public key (Ed25519 or
 * any key type `crypto.verify` accepts with a null digest).
 */
export function createStaticVerifier(keys: ReadonlyMap<string, KeyObject>): IdentityVerifier {
  const trusted = new Map(keys);
  return {
    verify(participantId, message, signature) {
      const key = trusted.get(participantId);
      if (
        key === undefined ||
        !(message instanceof Uint8Array) ||
        !(signature instanceof Uint8Array)
      ) {
        return Promise.resolve(false);
      }
      try {
        return Promise.resolve(verifyBytes(null, message, key, signature));
      } catch {
        return Promise.resolve(false);
      }
    },
  };
}
