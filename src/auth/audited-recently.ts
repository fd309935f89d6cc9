/**
 * Which refusals were audited lately, so that a flood of the same refusal writes one audit entry, not one per
 * request: `claim(key, until)` answers true the first time, and again only once `until` has passed. Per API
 * instance and bounded: past `max` keys it forgets them all (at worst a refusal is audited once more).
 */
export class AuditedRecently {
  private readonly until = new Map<string, number>();

  constructor(private readonly max = 10_000) {}

  claim(key: string, until: number, now = Date.now()): boolean {
    if ((this.until.get(key) ?? 0) > now) return false;
    if (this.until.size >= this.max) this.until.clear();
    this.until.set(key, until);
    return true;
  }
}
