import { createHash } from 'node:crypto';
import {
  canonicalJson,
  chainOf,
  ChainedFields,
  contentHash,
  GENESIS_HASH,
  legacyEntryHash,
  sealHash,
  toStoredJson,
} from './audit-chain';

const entry = (overrides: Partial<ChainedFields> = {}): ChainedFields => ({
  chain: 'centre:1',
  seq: '1',
  occurredAt: new Date('2026-11-23T10:00:00.123Z'),
  actorId: 'a',
  actorRole: 'admin',
  centreId: '1',
  action: 'centre.update',
  entityType: 'centre',
  entityId: '1',
  requestId: 'r',
  outcome: 'success',
  details: { changed: ['name'], name: 'x' },
  prevHash: GENESIS_HASH,
  ...overrides,
});

describe('canonicalJson', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('is the same before and after a JSON round trip (what jsonb stores)', () => {
    const value = {
      when: new Date('2026-01-02T03:04:05.000Z'),
      missing: undefined,
      list: [1, undefined, 'x'],
      nested: { gone: undefined, kept: 0 },
      text: 'ñ "quoted" \\ \n',
    };
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
  });

  it('handles scalars', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('a')).toBe('"a"');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(true)).toBe('true');
  });
});

describe('toStoredJson', () => {
  it('drops undefined and turns dates into strings, as jsonb will', () => {
    expect(toStoredJson({ a: undefined, d: new Date('2026-01-01T00:00:00Z') })).toEqual({
      d: '2026-01-01T00:00:00.000Z',
    });
    expect(toStoredJson(undefined)).toEqual({});
  });
});

describe('contentHash', () => {
  it('is a sha256 hex digest, stable for the same entry', () => {
    expect(contentHash(entry())).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(entry())).toBe(contentHash(entry()));
  });

  it('does not depend on the key order of details', () => {
    expect(contentHash(entry({ details: { name: 'x', changed: ['name'] } }))).toBe(contentHash(entry()));
  });

  it('does not depend on the place in the chain (the database seals that separately)', () => {
    expect(contentHash(entry({ seq: '9', prevHash: 'f'.repeat(64) }))).toBe(contentHash(entry()));
  });

  it.each<[string, Partial<ChainedFields>]>([
    ['chain', { chain: 'centre:2' }],
    ['time', { occurredAt: new Date('2026-11-23T10:00:00.124Z') }],
    ['actor', { actorId: 'b' }],
    ['role', { actorRole: 'auditor' }],
    ['centre', { centreId: '2' }],
    ['action', { action: 'centre.create' }],
    ['entity type', { entityType: 'user' }],
    ['entity id', { entityId: '2' }],
    ['request id', { requestId: 's' }],
    ['outcome', { outcome: 'denied' }],
    ['details', { details: { changed: ['name'], name: 'y' } }],
  ])('changes when the %s changes', (_, change) => {
    expect(contentHash(entry(change))).not.toBe(contentHash(entry()));
  });
});

describe('sealHash', () => {
  it('is sha256 of "prev:seq:content", the text the database hashes at commit', () => {
    const content = contentHash(entry());
    expect(sealHash(GENESIS_HASH, '1', content)).toBe(
      createHash('sha256').update(`${GENESIS_HASH}:1:${content}`).digest('hex'),
    );
  });

  it('changes with the previous hash, the place and the content', () => {
    const content = contentHash(entry());
    const sealed = sealHash(GENESIS_HASH, '1', content);
    expect(sealHash('f'.repeat(64), '1', content)).not.toBe(sealed);
    expect(sealHash(GENESIS_HASH, '2', content)).not.toBe(sealed);
    expect(sealHash(GENESIS_HASH, '1', contentHash(entry({ outcome: 'denied' })))).not.toBe(sealed);
  });
});

describe('legacyEntryHash (entries from before the database sealed them)', () => {
  it('keeps the original rule: every field, place included, in one canonical JSON', () => {
    // Pinned (the value hashEntry gave before sealing moved into the database): a change here would break
    // the verification of every entry already written this way.
    expect(legacyEntryHash(entry())).toBe('082677fe4cd587570b04db78ab7469beec22e778800add9fd2f85e90a8a5c3d8');
    expect(legacyEntryHash(entry({ seq: '2' }))).not.toBe(legacyEntryHash(entry()));
  });
});

describe('chainOf', () => {
  it('keeps one chain per centre and a global one', () => {
    expect(chainOf('abc')).toBe('centre:abc');
    expect(chainOf(null)).toBe('global');
    expect(chainOf(undefined)).toBe('global');
  });
});
