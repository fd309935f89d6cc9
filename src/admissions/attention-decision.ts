/**
 * The attention decision: what kind of place a person needs and which referrals the screening implies.
 * Every rule is here, in one pure function, so a reader can check it against the Work Plan (Area 3, action 3)
 * without reading any persistence code.
 */

/** The vulnerable situations listed by the Work Plan. */
export enum Vulnerability {
  UnaccompaniedOrSeparatedChild = 'UNACCOMPANIED_OR_SEPARATED_CHILD',
  OtherChildAtRisk = 'OTHER_CHILD_AT_RISK',
  TraffickingVictim = 'TRAFFICKING_VICTIM',
  RefugeeOrAsylumApplicant = 'REFUGEE_OR_ASYLUM_APPLICANT',
  ExtraContinentalMigrant = 'EXTRA_CONTINENTAL_MIGRANT',
  VictimOfViolenceOrCrime = 'VICTIM_OF_VIOLENCE_OR_CRIME',
  SexualOrGenderBasedViolence = 'SEXUAL_OR_GENDER_BASED_VIOLENCE',
  PregnantWoman = 'PREGNANT_WOMAN',
  SeriousMedicalCondition = 'SERIOUS_MEDICAL_CONDITION',
  Disability = 'DISABILITY',
  OlderPerson = 'OLDER_PERSON',
}

export enum RiskIndicator {
  WeaponOrDangerousObject = 'WEAPON_OR_DANGEROUS_OBJECT',
  Violence = 'VIOLENCE',
  SelfHarmRisk = 'SELF_HARM_RISK',
  ContagiousIllnessSymptoms = 'CONTAGIOUS_ILLNESS_SYMPTOMS',
}

/** Indicators of trafficking (ILO/UNODC operational indicators, shortened). */
export enum TraffickingIndicator {
  DocumentsWithheld = 'DOCUMENTS_WITHHELD',
  DebtBondage = 'DEBT_BONDAGE',
  ControlledByThirdParty = 'CONTROLLED_BY_THIRD_PARTY',
  DeceptiveRecruitment = 'DECEPTIVE_RECRUITMENT',
  ForcedLabourOrSexualExploitation = 'FORCED_LABOUR_OR_SEXUAL_EXPLOITATION',
  RestrictedMovement = 'RESTRICTED_MOVEMENT',
}

/** The type of place the person is held or cared in (the centre regimes). */
export enum Placement {
  Custody = 'custody',
  Shelter = 'shelter',
  Attention = 'attention',
  Detention = 'detention',
}

export enum ReferralType {
  ChildProtection = 'CHILD_PROTECTION',
  AsylumAuthority = 'ASYLUM_AUTHORITY',
  AntiTraffickingUnit = 'ANTI_TRAFFICKING_UNIT',
  Medical = 'MEDICAL',
  Psychosocial = 'PSYCHOSOCIAL',
  Consular = 'CONSULAR',
}

/** Custody and detention are adult regimes: a child is never placed in them (except on a manager's override). */
const ADULT_DETENTION: ReadonlySet<Placement> = new Set([Placement.Custody, Placement.Detention]);

export const isAdultRegime = (placement: Placement | null | undefined): boolean =>
  !!placement && ADULT_DETENTION.has(placement);

export interface AttentionInput {
  /** Age in whole years on the day of screening; null when the date of birth is unknown. */
  age: number | null;
  /** The person says they are under 18. */
  claimedChild: boolean;
  /** No accompanying adult was recorded for the person. */
  unaccompanied: boolean;
  /** The regime of the centre the person was brought to. */
  centreRegime: Placement;
  /** The placement the interviewer asks for; by default the centre's own regime. */
  requestedPlacement?: Placement;
  /** A manager's written reason to place a person who is or claims to be a child in detention (age dispute). */
  override?: { reason: string; byManager: boolean };
  vulnerabilities: Vulnerability[];
  riskIndicators: RiskIndicator[];
  asylumIntent: boolean;
  traffickingIndicators: TraffickingIndicator[];
  consularAssistanceRequested: boolean;
}

export interface AttentionDecision {
  ok: true;
  child: boolean;
  placement: Placement;
  /** True when a manager's override placed a (claimed) child in an adult regime. */
  overridden: boolean;
  /** The vulnerabilities given, plus those the facts imply (an unaccompanied child). */
  vulnerabilities: Vulnerability[];
  /** Each referral with the indicators that raised it. */
  referrals: { type: ReferralType; reasons: string[] }[];
}

export interface AttentionRefusal {
  ok: false;
  code: string;
  message: string;
  field: string;
}

/** The reason a child protection referral gives for every child, accompanied or not. */
export const CHILD_REASON = 'CHILD';

const REFERRAL_TRIGGERS: [ReferralType, (i: AttentionInput, child: boolean) => string[]][] = [
  [
    ReferralType.ChildProtection,
    (i, child) => [
      ...(child ? [CHILD_REASON] : []),
      ...i.vulnerabilities.filter(
        (v) => v === Vulnerability.UnaccompaniedOrSeparatedChild || v === Vulnerability.OtherChildAtRisk,
      ),
    ],
  ],
  [
    ReferralType.AsylumAuthority,
    (i) => [
      ...(i.asylumIntent ? ['ASYLUM_INTENT'] : []),
      ...i.vulnerabilities.filter((v) => v === Vulnerability.RefugeeOrAsylumApplicant),
    ],
  ],
  [
    ReferralType.AntiTraffickingUnit,
    (i) => [
      ...i.vulnerabilities.filter((v) => v === Vulnerability.TraffickingVictim),
      ...i.traffickingIndicators,
    ],
  ],
  [
    ReferralType.Medical,
    (i) => [
      ...i.vulnerabilities.filter((v) =>
        [
          Vulnerability.PregnantWoman,
          Vulnerability.SeriousMedicalCondition,
          Vulnerability.Disability,
          Vulnerability.OlderPerson,
        ].includes(v),
      ),
      ...i.riskIndicators.filter(
        (r) => r === RiskIndicator.ContagiousIllnessSymptoms || r === RiskIndicator.SelfHarmRisk,
      ),
    ],
  ],
  [
    ReferralType.Psychosocial,
    (i) => [
      ...i.vulnerabilities.filter((v) =>
        [
          Vulnerability.TraffickingVictim,
          Vulnerability.VictimOfViolenceOrCrime,
          Vulnerability.SexualOrGenderBasedViolence,
        ].includes(v),
      ),
      ...i.riskIndicators.filter((r) => r === RiskIndicator.SelfHarmRisk),
    ],
  ],
  // Only on the person's request: a refugee's consulate must never be contacted without consent.
  [ReferralType.Consular, (i) => (i.consularAssistanceRequested ? ['CONSULAR_ASSISTANCE_REQUESTED'] : [])],
];

export function decideAttention(input: AttentionInput): AttentionDecision | AttentionRefusal {
  const child = input.claimedChild || (input.age !== null && input.age < 18);
  const requested = input.requestedPlacement;
  let placement = requested ?? input.centreRegime;
  let overridden = false;

  if (input.override && !input.override.byManager) {
    return refuse(
      'OVERRIDE_REQUIRES_MANAGER',
      'Only a centre manager may override the attention decision',
      'override',
    );
  }
  if (child && ADULT_DETENTION.has(placement)) {
    if (requested === undefined) {
      // Brought to a custody or detention centre: the decision becomes shelter, with child protection.
      placement = Placement.Shelter;
    } else if (input.override) {
      overridden = true;
    } else {
      return refuse(
        'CHILD_IN_DETENTION',
        'A child (under 18 by date of birth, or claimed) is never placed in an adult detention regime; ' +
          'a centre manager may override with a written reason (age dispute)',
        'requestedPlacement',
      );
    }
  } else if (input.override) {
    return refuse(
      'OVERRIDE_NOT_APPLICABLE',
      'An override only applies to placing a person who is or claims to be a child in custody or detention',
      'override',
    );
  }

  const vulnerabilities = new Set(input.vulnerabilities);
  if (child && input.unaccompanied) vulnerabilities.add(Vulnerability.UnaccompaniedOrSeparatedChild);
  const facts = { ...input, vulnerabilities: [...vulnerabilities] };
  const referrals = REFERRAL_TRIGGERS.map(([type, reasonsOf]) => ({
    type,
    reasons: [...new Set(reasonsOf(facts, child))],
  })).filter((r) => r.reasons.length > 0);

  return { ok: true, child, placement, overridden, vulnerabilities: facts.vulnerabilities, referrals };
}

function refuse(code: string, message: string, field: string): AttentionRefusal {
  return { ok: false, code, message, field };
}
