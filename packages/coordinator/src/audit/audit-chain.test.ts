import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import {
  GENESIS_HASH,
  hashRecord,
  validateAuditEntry,
  verifyChain,
  type AuditEntry,
  type AuditRecord,
} from './audit-chain.js';

function entry(i: number): AuditEntry {
  return {
    at: `2026-11-24T10:00:${String(i % 60).padStart(2, '0')}.000Z`,
    actor: 'spiffe://fed.example/admin/alice',
    action: 'round.commit',
    subject: { experimentId: 'mnist', roundNumber: i },
    details: { weightsSha256: 'ab'.repeat(32), participants: i },
  };
}

function chain(n: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const body = { ...entry(seq), seq, prevHash };
    const record = { ...body, hash: hashRecord(body) };
    records.push(record);
    prevHash = record.hash;
  }
  return records;
}

describe('hashRecord', () => {
  it('covers every field except hash, whatever the key order', () => {
    const [record] = chain(1);
    if (record === undefined) throw new Error('no record');
    expect(hashRecord(record)).toBe(record.hash);
    const reordered = Object.fromEntries(Object.entries(record).reverse()) as AuditRecord;
    expect(hashRecord(reordered)).toBe(record.hash);
    expect(hashRecord({ ...record, seq: 2 })).not.toBe(record.hash);
    expect(hashRecord({ ...record, at: '2026-11-24T10:00:02.000Z' })).not.toBe(record.hash);
    expect(hashRecord({ ...record, details: { participants: 2 } })).not.toBe(record.hash);
  });
});

describe('verifyChain', () => {
  it('accepts an empty chain and a valid chain', () => {
    expect(verifyChain([])).toEqual({ ok: true });
    expect(verifyChain(chain(5))).toEqual({ ok: true });
  });

  it('verifies a slice given the hash it links to', () => {
    const records = chain(6);
    expect(verifyChain(records.slice(3), { fromHash: records[2]?.hash ?? '' })).toEqual({
      ok: true,
    });
    expect(verifyChain(records.slice(3))).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('finds an edited record at its seq', () => {
    const records = chain(5);
    const edited = records.map((r) => (r.seq === 3 ? { ...r, details: { participants: 999 } } : r));
    expect(verifyChain(edited)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('finds a re-hashed edit at the next record', () => {
    const records = chain(5);
    const edited = records.map((r) => {
      if (r.seq !== 3) return r;
      const body = { ...r, action: 'round.abort' };
      return { ...body, hash: hashRecord(body) };
    });
    expect(verifyChain(edited)).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('finds a dropped or swapped record', () => {
    const records = chain(5);
    expect(verifyChain([...records.slice(0, 2), ...records.slice(3)])).toMatchObject({
      ok: false,
      brokenAt: 3,
    });
    const swapped = [records[0], records[2], records[1], records[3]] as AuditRecord[];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

describe('validateAuditEntry', () => {
  it('accepts a well-formed entry', () => {
    expect(() => {
      validateAuditEntry(entry(1));
    }).not.toThrow();
  });

  it.each([
    ['at', { at: 'yesterday' }],
    ['actor', { actor: 'alice' }],
    ['action', { action: 'Round Commit' }],
    ['subject.roundNumber', { subject: { roundNumber: Number.NaN } }],
    ['details.v', { details: { v: new Uint8Array(1) } }],
  ])('rejects a bad %s', (field, patch) => {
    try {
      validateAuditEntry({ ...entry(1), ...patch } as AuditEntry);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FedraError);
      expect((error as FedraError).code).toBe('INVALID_ARGUMENT');
      expect((error as FedraError).metadata['field']).toBe(field);
    }
  });
});
