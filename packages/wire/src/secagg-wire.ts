/**
 * Conversions between `@fedra/secagg`'s message objects and their fedra.v1
 * wire forms. Field names match; stages are `'share-keys'` in secagg and
 * `STAGE_SHARE_KEYS` on the wire; bytes are Uint8Array there and Buffer here.
 * The aggregator's outgoing messages drop their `recipient` (the RPC's
 * caller is the recipient) and revealed shares split into `b_shares` and
 * `sk_shares`.
 *
 * @module
 */
import type {
  ConsistencyRequest as WireConsistencyRequest,
  ConsistencyRequestOutput,
  ConsistencyResponse as WireConsistencyResponse,
  ConsistencyResponseOutput,
  EncryptedShare as WireEncryptedShare,
  EncryptedShareOutput,
  IncomingShare as WireIncomingShare,
  IncomingShareOutput,
  SetupMessage as WireSetupMessage,
  SetupMessageOutput,
  ShareKeysMessage as WireShareKeysMessage,
  ShareKeysMessageOutput,
  StageHeader as WireStageHeader,
  StageHeaderOutput,
  StageOutput,
  UnmaskRequest as WireUnmaskRequest,
  UnmaskRequestOutput,
  UnmaskResponse as WireUnmaskResponse,
  UnmaskResponseOutput,
} from '@fedra/proto';
import type {
  ConsistencyRequest,
  ConsistencyResponse,
  EncryptedShare,
  RoutedShare,
  SecAggHeader,
  SecAggStage,
  SetupMessage,
  ShareKeysMessage,
  UnmaskRequest,
  UnmaskResponse,
} from '@fedra/secagg';

const TO_WIRE: Readonly<Record<SecAggStage, StageOutput>> = Object.freeze({
  setup: 'STAGE_SETUP',
  'share-keys': 'STAGE_SHARE_KEYS',
  'collect-masked': 'STAGE_COLLECT_MASKED',
  'consistency-check': 'STAGE_CONSISTENCY_CHECK',
  unmask: 'STAGE_UNMASK',
});

/** The wire Stage of a secagg stage. */
export function stageToWire(stage: SecAggStage): StageOutput {
  return TO_WIRE[stage];
}

/** The secagg stage of a wire Stage, or undefined for STAGE_UNSPECIFIED and unknown values. */
export function stageFromWire(stage: string): SecAggStage | undefined {
  for (const [name, wire] of Object.entries(TO_WIRE))
    if (wire === stage) return name as SecAggStage;
  return undefined;
}

const bytes = (value: Uint8Array): Buffer =>
  Buffer.from(value.buffer, value.byteOffset, value.byteLength);
const view = (value: Buffer): Uint8Array =>
  new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

/** A secagg header on the wire. */
export function headerToWire(header: SecAggHeader): WireStageHeader {
  return { ...header, stage: stageToWire(header.stage) };
}

/**
 * A wire header as secagg's. An unset or unknown stage becomes `fallback`
 * and unset fields become empty: the coordinator's Fleet handlers refuse such
 * headers before anything is stored, and secagg refuses them on the worker.
 */
export function headerFromWire(
  header: StageHeaderOutput | null,
  fallback: SecAggStage,
): SecAggHeader {
  return {
    experimentId: header?.experimentId ?? '',
    roundNumber: header?.roundNumber ?? 0,
    attempt: header?.attempt ?? 0,
    stage: stageFromWire(header?.stage ?? 'STAGE_UNSPECIFIED') ?? fallback,
    sender: header?.sender ?? '',
  };
}

/** setup message → wire. */
export function setupToWire(message: SetupMessage): WireSetupMessage {
  return {
    header: headerToWire(message.header),
    encryptionPublicKey: bytes(message.encryptionPublicKey),
    maskingPublicKey: bytes(message.maskingPublicKey),
    signature: bytes(message.signature),
  };
}

/** wire → setup message. */
export function setupFromWire(message: SetupMessageOutput): SetupMessage {
  return {
    header: headerFromWire(message.header, 'setup'),
    encryptionPublicKey: view(message.encryptionPublicKey),
    maskingPublicKey: view(message.maskingPublicKey),
    signature: view(message.signature),
  };
}

function encryptedShareToWire(share: EncryptedShare): WireEncryptedShare {
  return {
    sender: share.sender,
    recipient: share.recipient,
    ciphertext: bytes(share.ciphertext),
    bShareHash: bytes(share.bShareHash),
    skShareHash: bytes(share.skShareHash),
    signature: bytes(share.signature),
  };
}

const EMPTY_SHARE: EncryptedShareOutput = Object.freeze({
  sender: '',
  recipient: '',
  ciphertext: Buffer.alloc(0),
  bShareHash: Buffer.alloc(0),
  skShareHash: Buffer.alloc(0),
  signature: Buffer.alloc(0),
});

function encryptedShareFromWire(share: EncryptedShareOutput): EncryptedShare {
  return {
    sender: share.sender,
    recipient: share.recipient,
    ciphertext: view(share.ciphertext),
    bShareHash: view(share.bShareHash),
    skShareHash: view(share.skShareHash),
    signature: view(share.signature),
  };
}

/** share-keys message → wire. */
export function shareKeysToWire(message: ShareKeysMessage): WireShareKeysMessage {
  return {
    header: headerToWire(message.header),
    bCommitment: bytes(message.bCommitment),
    shares: message.shares.map(encryptedShareToWire),
  };
}

/** wire → share-keys message. */
export function shareKeysFromWire(message: ShareKeysMessageOutput): ShareKeysMessage {
  return {
    header: headerFromWire(message.header, 'share-keys'),
    bCommitment: view(message.bCommitment),
    shares: message.shares.map(encryptedShareFromWire),
  };
}

/** A routed share → wire IncomingShare. */
export function incomingShareToWire(share: RoutedShare): WireIncomingShare {
  return { share: encryptedShareToWire(share.share), bCommitment: bytes(share.bCommitment) };
}

/**
 * wire IncomingShare → routed share. A missing share becomes an empty one
 * (no sender, no bytes) that secagg rejects, rather than an error here.
 */
export function incomingShareFromWire(share: IncomingShareOutput): RoutedShare {
  return {
    share: encryptedShareFromWire(share.share ?? EMPTY_SHARE),
    bCommitment: view(share.bCommitment),
  };
}

/** consistency request → wire (the recipient is the caller). */
export function consistencyRequestToWire(message: ConsistencyRequest): WireConsistencyRequest {
  return { header: headerToWire(message.header), survivors: [...message.survivors] };
}

/** wire → consistency request for `recipient`. */
export function consistencyRequestFromWire(
  message: ConsistencyRequestOutput,
  recipient: string,
): ConsistencyRequest {
  return {
    header: headerFromWire(message.header, 'consistency-check'),
    recipient,
    survivors: [...message.survivors],
  };
}

/** consistency response → wire. */
export function consistencyResponseToWire(message: ConsistencyResponse): WireConsistencyResponse {
  return { header: headerToWire(message.header), signature: bytes(message.signature) };
}

/** wire → consistency response. */
export function consistencyResponseFromWire(
  message: ConsistencyResponseOutput,
): ConsistencyResponse {
  return {
    header: headerFromWire(message.header, 'consistency-check'),
    signature: view(message.signature),
  };
}

/** unmask request → wire (the recipient is the caller). */
export function unmaskRequestToWire(message: UnmaskRequest): WireUnmaskRequest {
  return {
    header: headerToWire(message.header),
    survivors: [...message.survivors],
    signatures: message.signatures.map((s) => ({
      signer: s.signer,
      signature: bytes(s.signature),
    })),
    bOwners: [...message.bOwners],
    skOwners: [...message.skOwners],
  };
}

/** wire → unmask request for `recipient`. */
export function unmaskRequestFromWire(
  message: UnmaskRequestOutput,
  recipient: string,
): UnmaskRequest {
  return {
    header: headerFromWire(message.header, 'unmask'),
    recipient,
    survivors: [...message.survivors],
    signatures: message.signatures.map((s) => ({ signer: s.signer, signature: view(s.signature) })),
    bOwners: [...message.bOwners],
    skOwners: [...message.skOwners],
  };
}

/** unmask response → wire (shares split by secret). */
export function unmaskResponseToWire(message: UnmaskResponse): WireUnmaskResponse {
  const pick = (secret: 'b' | 'sk') =>
    message.shares
      .filter((s) => s.secret === secret)
      .map((s) => ({ owner: s.owner, share: bytes(s.share) }));
  return { header: headerToWire(message.header), bShares: pick('b'), skShares: pick('sk') };
}

/** wire → unmask response. */
export function unmaskResponseFromWire(message: UnmaskResponseOutput): UnmaskResponse {
  return {
    header: headerFromWire(message.header, 'unmask'),
    shares: [
      ...message.bShares.map((s) => ({
        owner: s.owner,
        secret: 'b' as const,
        share: view(s.share),
      })),
      ...message.skShares.map((s) => ({
        owner: s.owner,
        secret: 'sk' as const,
        share: view(s.share),
      })),
    ],
  };
}
