/**
 * The coordinator's check of participants' signatures (setup keys, shares,
 * survivor-set signatures): against the public key of the client
 * certificate each worker registered with. Workers check each other against
 * the trust bundle they pin; this check is the coordinator's own defence,
 * so a forged message is dropped before it is relayed.
 *
 * Signatures follow Node's `crypto.sign` conventions for the certificate's
 * key: Ed25519/Ed448 sign the message itself; ECDSA and RSA keys sign its
 * SHA-256 (ECDSA signatures DER-encoded).
 *
 * @module
 */
import { X509Certificate, verify as verifySignature } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { IdentityVerifier } from '@fedra/secagg';
import type { WorkerRegistry } from '../state/worker-registry.js';

/** Options for {@link createRegistryVerifier}. */
export interface RegistryVerifierOptions {
  /**
   * Accept signatures of workers that registered without a certificate
   * (an `--insecure` coordinator cannot check them).
   */
  readonly insecure: boolean;
}

/**
 * A verifier that looks each participant's certificate up in the registry
 * (once per verifier: make one per driver step).
 */
export function createRegistryVerifier(
  registry: WorkerRegistry,
  options: RegistryVerifierOptions,
): IdentityVerifier {
  const keys = new Map<string, Promise<KeyObject | null | undefined>>();
  const keyOf = (workerId: string): Promise<KeyObject | null | undefined> => {
    let key = keys.get(workerId);
    if (key === undefined) {
      key = registry.find(workerId).then((worker) => {
        if (worker === undefined) return undefined;
        if (worker.certificateDer.length === 0) return null;
        try {
          return new X509Certificate(worker.certificateDer).publicKey;
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
