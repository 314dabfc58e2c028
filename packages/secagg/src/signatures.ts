/**
 * The identity signatures inside participants' messages, checked one
 * message at a time: setup keys, encrypted shares, survivor-set
 * signatures. {@link AggregatorSession} and {@link ParticipantSession} check
 * every message with these, and so can anyone holding just the attempt's
 * {@link SignedContext} (the
 * coordinator's Fleet service checks each message when it is submitted,
 * before it is stored).
 *
 * Each function only verifies: shapes (key and signature lengths, share
 * recipients) are the caller's to check first. None throws for bad bytes;
 * a malformed signature simply does not verify.
 *
 * @module
 */
import type { IdentityVerifier } from './identity.js';
import type { ShareKeysMessage, SetupMessage, SignedContext } from './messages.js';
import { encryptedSharePayload, setupPayload, survivorSetPayload } from './messages.js';

/** True when `sender`'s setup signature over its two public keys verifies. */
export function verifySetupSignature(
  context: SignedContext,
  verifier: IdentityVerifier,
  sender: string,
  message: Pick<SetupMessage, 'encryptionPublicKey' | 'maskingPublicKey' | 'signature'>,
): Promise<boolean> {
  return verifier.verify(
    sender,
    setupPayload(context, sender, message.encryptionPublicKey, message.maskingPublicKey),
    message.signature,
  );
}

/**
 * True when every share's signature (by `sender`, over the share and the
 * message's b commitment) verifies; true for no shares.
 */
export async function verifyShareSignatures(
  context: SignedContext,
  verifier: IdentityVerifier,
  sender: string,
  message: Pick<ShareKeysMessage, 'bCommitment' | 'shares'>,
): Promise<boolean> {
  const results = await Promise.all(
    message.shares.map((share) =>
      verifier.verify(
        sender,
        encryptedSharePayload(context, share, message.bCommitment),
        share.signature,
      ),
    ),
  );
  return results.every(Boolean);
}

/** True when `signer`'s signature over the survivor set `survivors` (U3, sorted) verifies. */
export function verifySurvivorSignature(
  context: SignedContext,
  verifier: IdentityVerifier,
  signer: string,
  survivors: readonly string[],
  signature: Uint8Array,
): Promise<boolean> {
  return verifier.verify(signer, survivorSetPayload(context, signer, survivors), signature);
}
