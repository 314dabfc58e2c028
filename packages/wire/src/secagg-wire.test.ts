import type { SecAggHeader, SecAggStage } from '@fedra/secagg';
import { describe, expect, it } from 'vitest';
import {
  consistencyRequestFromWire,
  consistencyRequestToWire,
  headerFromWire,
  headerToWire,
  incomingShareFromWire,
  incomingShareToWire,
  setupFromWire,
  setupToWire,
  shareKeysFromWire,
  shareKeysToWire,
  stageFromWire,
  stageToWire,
  unmaskRequestFromWire,
  unmaskRequestToWire,
  unmaskResponseFromWire,
  unmaskResponseToWire,
} from './secagg-wire.js';

const header = (stage: SecAggStage): SecAggHeader => ({
  experimentId: 'e',
  roundNumber: 1,
  attempt: 1,
  stage,
  sender: 'w1',
});
const b = (...values: number[]) => new Uint8Array(values);
// The decoders take `…Output` messages: the encoders' output with every field set.
const out = (value: object): never => value as never;

const share = {
  sender: 'w1',
  recipient: 'w2',
  ciphertext: b(1, 2),
  bShareHash: b(3),
  skShareHash: b(4),
  signature: b(5),
};

describe('secagg wire conversions', () => {
  it('maps every stage both ways and refuses unknown ones', () => {
    const stages: SecAggStage[] = [
      'setup',
      'share-keys',
      'collect-masked',
      'consistency-check',
      'unmask',
    ];
    for (const stage of stages) expect(stageFromWire(stageToWire(stage))).toBe(stage);
    expect(stageToWire('share-keys')).toBe('STAGE_SHARE_KEYS');
    expect(stageFromWire('STAGE_UNSPECIFIED')).toBeUndefined();
    expect(stageFromWire('STAGE_NOPE')).toBeUndefined();
  });

  it('fills a missing header with empty fields and the fallback stage', () => {
    expect(headerFromWire(null, 'unmask')).toEqual({
      experimentId: '',
      roundNumber: 0,
      attempt: 0,
      stage: 'unmask',
      sender: '',
    });
    const wire = out({
      ...headerToWire(header('setup')),
      stage: 'STAGE_UNSPECIFIED',
    });
    expect(headerFromWire(wire, 'share-keys').stage).toBe('share-keys');
  });

  it('round-trips setup, share-keys and routed shares', () => {
    const setup = {
      header: header('setup'),
      encryptionPublicKey: b(1),
      maskingPublicKey: b(2),
      signature: b(3),
    };
    expect(setupFromWire(out(setupToWire(setup)))).toEqual(setup);
    const keys = { header: header('share-keys'), bCommitment: b(9), shares: [share] };
    expect(shareKeysFromWire(out(shareKeysToWire(keys)))).toEqual(keys);
    const routed = { share, bCommitment: b(7) };
    expect(incomingShareFromWire(out(incomingShareToWire(routed)))).toEqual(routed);
  });

  it('turns a missing incoming share into an empty one', () => {
    const routed = incomingShareFromWire({ share: null, bCommitment: Buffer.from([1]) });
    expect(routed.share.sender).toBe('');
    expect(routed.share.ciphertext.length).toBe(0);
    expect(routed.share.signature.length).toBe(0);
  });

  it('drops the recipient on requests and restores it from the caller', () => {
    const consistency = { header: header('consistency-check'), recipient: 'w2', survivors: ['a'] };
    const wire = consistencyRequestToWire(consistency);
    expect(wire).not.toHaveProperty('recipient');
    expect(consistencyRequestFromWire(out(wire), 'w2')).toEqual(consistency);
    const unmask = {
      header: header('unmask'),
      recipient: 'w3',
      survivors: ['a', 'b'],
      signatures: [{ signer: 'a', signature: b(1) }],
      bOwners: ['a'],
      skOwners: ['c'],
    };
    expect(unmaskRequestFromWire(out(unmaskRequestToWire(unmask)), 'w3')).toEqual(unmask);
  });

  it('splits revealed shares by secret and joins them back', () => {
    const response = {
      header: header('unmask'),
      shares: [
        { owner: 'w2', secret: 'b' as const, share: b(1) },
        { owner: 'w3', secret: 'sk' as const, share: b(2) },
      ],
    };
    const wire = unmaskResponseToWire(response);
    expect(wire.header?.stage).toBe('STAGE_UNMASK');
    expect(wire.bShares?.map((s) => s.owner)).toEqual(['w2']);
    expect(wire.skShares?.map((s) => s.owner)).toEqual(['w3']);
    expect(unmaskResponseFromWire(out(wire))).toEqual(response);
  });
});
