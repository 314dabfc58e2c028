/**
 * The coordinator's check of participants' signatures (setup keys, shares,
 * survivor-set signatures): against the public key of a worker's client
 * certificate. Workers check each other against the trust bundle they pin;
 * this check is the coordinator's own defence, so a forged message is
 * refused when it is submitted and never relayed.
 *
 * Within an attempt, the certificate is the one the worker had registered
 * when the attempt was selected (pinned in the attempt,
 * {@link createAttemptVerifier}): a worker that renews its certificate and
 * re-registers mid-round keeps signing that attempt with the key it was
 * selected with, and its next attempt uses the new certificate.
 *
 * Signatures follow Node's `crypto.sign` conventions for the certificate's
 * key: Ed25519/Ed448 sign the message itself; ECDSA and RSA keys sign its
 * SHA-256 (ECDSA signatures DER-encoded).
 *
 * @module
 */
import { X509Certificate, verify as verifySignature } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SECAGG_PROTOCOL_VERSION } from '@fedra/secagg';
import type { IdentityVerifier, SignedContext } from '@fedra/secagg';
import type { AttemptStore } from '../state/attempt-store.js';
import type { AttemptKey } from '../state/state-keys.js';
import type { AttemptRecord } from '../state/state-types.js';

/** Options for the verifiers of this module. */
export interface ParticipantVerifierOptions {
  /**
   * Accept signatures of workers that registered without a certificate
   * (an `--insecure` coordinator cannot check them).
   */
  readonly insecure: boolean;
}

/**
 * A verifier over the certificate `certificateOf` returns for a participant
 * (DER; an empty buffer for a worker without one; undefined for an unknown
 * worker). Each participant's key is looked up and parsed once per
 * verifier: make one per request or driver step.
 */
export function createCertificateVerifier(
  certificateOf: (workerId: string) => Promise<Buffer | undefined>,
  options: ParticipantVerifierOptions,
): IdentityVerifier {
  const keys = new Map<string, Promise<KeyObject | null | undefined>>();
  const keyOf = (workerId: string): Promise<KeyObject | null | undefined> => {
    let key = keys.get(workerId);
    if (key === undefined) {
      key = certificateOf(workerId).then((der) => {
        if (der === undefined) return undefined;
        if (der.length === 0) return null;
        try {
          return new X509Certificate(der).publicKey;
        } catch {
          return undefined;
        }
      });
      keys.set(workerId, key);
    }
    return key;
  };
  return {
    async verify(participantId, message, signature) {
      const key = await keyOf(participantId);
      if (key === null) return options.insecure;
      if (key === undefined) return false;
      const type = key.asymmetricKeyType;
      const algorithm = type === 'ed25519' || type === 'ed448' ? null : 'sha256';
      try {
        return verifySignature(algorithm, message, key, signature);
      } catch {
        return false;
      }
    },
  };
}

/**
 * A verifier against the certificates pinned in attempt `key` when it was
 * selected. A worker with no pinned certificate (not a participant) never
 * verifies.
 */
export function createAttemptVerifier(
  attempts: AttemptStore,
  key: AttemptKey,
  options: ParticipantVerifierOptions,
): IdentityVerifier {
  return createCertificateVerifier(
    async (workerId) => (await attempts.pinnedCertificates(key, [workerId])).get(workerId),
    options,
  );
}

/** What participants' signatures in `attempt` bind: the attempt and its RoundConfig hash. */
export function signedContextOf(attempt: AttemptRecord): SignedContext {
  return {
    protocolVersion: SECAGG_PROTOCOL_VERSION,
    experimentId: attempt.experimentId,
    roundNumber: attempt.roundNumber,
    attempt: attempt.attempt,
    configHash: new Uint8Array(Buffer.from(attempt.configSha256, 'hex')),
  };
}
