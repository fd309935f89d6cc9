import { canonicalJson, chainOf, ChainedFields, GENESIS_HASH, hashEntry, toStoredJson } from './audit-chain';

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

describe('hashEntry', () => {
  it('is a sha256 hex digest, stable for the same entry', () => {
    expect(hashEntry(entry())).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEntry(entry())).toBe(hashEntry(entry()));
  });

  it('does not depend on the key order of details', () => {
    expect(hashEntry(entry({ details: { name: 'x', changed: ['name'] } }))).toBe(hashEntry(entry()));
  });

  it.each<[string, Partial<ChainedFields>]>([
    ['chain', { chain: 'centre:2' }],
    ['seq', { seq: '2' }],
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
    ['previous hash', { prevHash: 'f'.repeat(64) }],
  ])('changes when the %s changes', (_, change) => {
    expect(hashEntry(entry(change))).not.toBe(hashEntry(entry()));
  });
});

describe('chainOf', () => {
  it('keeps one chain per centre and a global one', () => {
    expect(chainOf('abc')).toBe('centre:abc');
    expect(chainOf(null)).toBe('global');
    expect(chainOf(undefined)).toBe('global');
  });
});
