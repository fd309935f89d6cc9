import { isChildAt } from '../admissions/stay.mapper';
import { ageOn, localDateIn } from './persons.service';

describe("ageOn: the age on the centre's calendar date", () => {
  const dob = '2008-03-15'; // 18 on 15 March 2026

  it('in Tegucigalpa (UTC-6) the birthday starts at 06:00 UTC, not at UTC midnight', () => {
    const zone = 'America/Tegucigalpa';
    // 20:00 on the 14th locally, already the 15th in UTC: the probe of the bug.
    expect(ageOn(dob, new Date('2026-03-15T02:00:00Z'), zone)).toBe(17);
    expect(ageOn(dob, new Date('2026-03-15T05:59:59.999Z'), zone)).toBe(17);
    expect(ageOn(dob, new Date('2026-03-15T06:00:00Z'), zone)).toBe(18);
    expect(localDateIn(new Date('2026-03-15T05:59:59.999Z'), zone)).toBe('2026-03-14');
  });

  it('in Tokyo (UTC+9) it starts at 15:00 UTC the day before', () => {
    const zone = 'Asia/Tokyo';
    expect(ageOn(dob, new Date('2026-03-14T14:59:59.999Z'), zone)).toBe(17);
    expect(ageOn(dob, new Date('2026-03-14T15:00:00Z'), zone)).toBe(18);
  });

  it('follows daylight saving time (Los Angeles is UTC-7 from 8 March 2026)', () => {
    const zone = 'America/Los_Angeles';
    expect(ageOn(dob, new Date('2026-03-15T06:59:59.999Z'), zone)).toBe(17);
    expect(ageOn(dob, new Date('2026-03-15T07:00:00Z'), zone)).toBe(18);
  });

  it('in UTC it is the UTC date', () => {
    expect(ageOn(dob, new Date('2026-03-14T23:59:59.999Z'), 'UTC')).toBe(17);
    expect(ageOn(dob, new Date('2026-03-15T00:00:00Z'), 'UTC')).toBe(18);
  });

  it('a 29 February birthday comes on 1 March in other years; no date of birth gives null', () => {
    const zone = 'America/Guatemala';
    expect(ageOn('2008-02-29', new Date('2026-03-01T05:59:00Z'), zone)).toBe(17); // 23:59 on 28 February
    expect(ageOn('2008-02-29', new Date('2026-03-01T06:00:00Z'), zone)).toBe(18);
    expect(ageOn(null, new Date(), zone)).toBeNull();
  });

  it('isChildAt takes the zone: the evening before the 18th birthday is still a child, unless claimed anyway', () => {
    const on = new Date('2026-03-15T02:00:00Z');
    expect(isChildAt({ dateOfBirth: dob }, { claimedChild: false }, on, 'America/Tegucigalpa')).toBe(true);
    expect(isChildAt({ dateOfBirth: dob }, { claimedChild: false }, on, 'Asia/Tokyo')).toBe(false);
    expect(isChildAt({ dateOfBirth: null }, { claimedChild: true }, on, 'Asia/Tokyo')).toBe(true);
  });
});
