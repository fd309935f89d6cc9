import { isValidSignature, signDocumentId } from './document-signature';
import { formatMinor } from '../../templates/view-models';

describe('document signature', () => {
  const id = '0b8f9d4e-52a4-4c36-9a55-3cf0f8a6d2a1';
  it('accepts its own signature and refuses another id, another secret or a truncated one', () => {
    const sig = signDocumentId('secret-a', id);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(isValidSignature('secret-a', id, sig)).toBe(true);
    expect(isValidSignature('secret-b', id, sig)).toBe(false);
    expect(isValidSignature('secret-a', id.replace('0b', '0c'), sig)).toBe(false);
    expect(isValidSignature('secret-a', id, sig.slice(0, -1))).toBe(false);
  });
});

describe('formatMinor', () => {
  it('prints integer minor units without floating point', () => {
    expect(formatMinor(125050)).toBe('1250.50');
    expect(formatMinor('5')).toBe('0.05');
    expect(formatMinor(-1999)).toBe('-19.99');
    expect(formatMinor(1500, 0)).toBe('1500');
    expect(formatMinor('900719925474099312')).toBe('9007199254740993.12');
  });
});
