import { compareSeals, normaliseSeal, sealsMatch } from './seal';

describe('seal rules', () => {
  it('normalises by trimming and upper-casing', () => {
    expect(normaliseSeal(' s-123 ')).toBe('S-123');
    expect(sealsMatch(' s-123', 'S-123')).toBe(true);
    expect(sealsMatch('S-123', 'S-124')).toBe(false);
  });

  it('compares presented seals with the handed-over ones', () => {
    expect(compareSeals(['S-123', 'S-200'], [' s-123', 'x-9', 'S-123'])).toEqual({
      matched: ['S-123'],
      unknown: ['X-9'],
      missing: ['S-200'],
    });
  });
});
