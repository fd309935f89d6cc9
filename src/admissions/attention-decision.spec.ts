import {
  AttentionInput,
  decideAttention,
  Placement,
  ReferralType,
  RiskIndicator,
  TraffickingIndicator,
  Vulnerability,
} from './attention-decision';

const adult: AttentionInput = {
  age: 30,
  claimedChild: false,
  unaccompanied: false,
  centreRegime: Placement.Detention,
  vulnerabilities: [],
  riskIndicators: [],
  asylumIntent: false,
  traffickingIndicators: [],
  consularAssistanceRequested: false,
};
const types = (d: ReturnType<typeof decideAttention>) => (d.ok ? d.referrals.map((r) => r.type) : null);

describe('decideAttention', () => {
  it('keeps an adult without indicators in the centre regime, with no referral', () => {
    expect(decideAttention(adult)).toEqual({
      ok: true,
      child: false,
      placement: Placement.Detention,
      overridden: false,
      vulnerabilities: [],
      referrals: [],
    });
  });

  it('turns an unaccompanied 16-year-old brought to detention into shelter with child protection', () => {
    const d = decideAttention({ ...adult, age: 16, unaccompanied: true });
    expect(d).toMatchObject({ ok: true, child: true, placement: Placement.Shelter, overridden: false });
    expect(types(d)).toEqual([ReferralType.ChildProtection]);
    expect(d.ok && d.vulnerabilities).toEqual([Vulnerability.UnaccompaniedOrSeparatedChild]);
  });

  it('treats a claimed child like a child, whatever the date of birth says (and custody like detention)', () => {
    const d = decideAttention({ ...adult, age: 25, claimedChild: true, centreRegime: Placement.Custody });
    expect(d).toMatchObject({ ok: true, child: true, placement: Placement.Shelter });
  });

  it('refuses detention of a child when asked without an override', () => {
    expect(decideAttention({ ...adult, age: 17, requestedPlacement: Placement.Detention })).toMatchObject({
      ok: false,
      code: 'CHILD_IN_DETENTION',
      field: 'requestedPlacement',
    });
  });

  it("allows detention of a claimed child on a manager's written override, still referring to child protection", () => {
    const d = decideAttention({
      ...adult,
      claimedChild: true,
      requestedPlacement: Placement.Detention,
      override: { reason: 'Age dispute: passport shows 1990', byManager: true },
    });
    expect(d).toMatchObject({ ok: true, placement: Placement.Detention, overridden: true });
    expect(types(d)).toEqual([ReferralType.ChildProtection]);
  });

  it('refuses an override by someone who is not a manager, and an override that overrides nothing', () => {
    const child = { ...adult, age: 15, requestedPlacement: Placement.Detention };
    expect(decideAttention({ ...child, override: { reason: 'x', byManager: false } })).toMatchObject({
      ok: false,
      code: 'OVERRIDE_REQUIRES_MANAGER',
    });
    expect(decideAttention({ ...adult, override: { reason: 'x', byManager: true } })).toMatchObject({
      ok: false,
      code: 'OVERRIDE_NOT_APPLICABLE',
    });
  });

  it('a child in a shelter stays there; a child may be placed in attention', () => {
    expect(decideAttention({ ...adult, age: 8, centreRegime: Placement.Shelter })).toMatchObject({
      placement: Placement.Shelter,
    });
    expect(decideAttention({ ...adult, age: 8, requestedPlacement: Placement.Attention })).toMatchObject({
      placement: Placement.Attention,
    });
  });

  it('raises the referral each indicator implies, with its reasons', () => {
    const d = decideAttention({
      ...adult,
      vulnerabilities: [Vulnerability.PregnantWoman, Vulnerability.SexualOrGenderBasedViolence],
      riskIndicators: [RiskIndicator.SelfHarmRisk, RiskIndicator.WeaponOrDangerousObject],
      asylumIntent: true,
      traffickingIndicators: [TraffickingIndicator.DebtBondage],
      consularAssistanceRequested: true,
    });
    expect(d.ok && d.referrals).toEqual([
      { type: ReferralType.AsylumAuthority, reasons: ['ASYLUM_INTENT'] },
      { type: ReferralType.AntiTraffickingUnit, reasons: ['DEBT_BONDAGE'] },
      { type: ReferralType.Medical, reasons: ['PREGNANT_WOMAN', 'SELF_HARM_RISK'] },
      { type: ReferralType.Psychosocial, reasons: ['SEXUAL_OR_GENDER_BASED_VIOLENCE', 'SELF_HARM_RISK'] },
      { type: ReferralType.Consular, reasons: ['CONSULAR_ASSISTANCE_REQUESTED'] },
    ]);
  });

  it('an unknown date of birth is not a child unless claimed', () => {
    expect(decideAttention({ ...adult, age: null })).toMatchObject({
      child: false,
      placement: Placement.Detention,
    });
  });
});
