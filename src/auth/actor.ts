import { Role } from './role.enum';

/** The authenticated caller, as every service receives it from the controller. */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  centreIds: string[];
}

export const hasRole = (actor: Actor, ...roles: Role[]): boolean =>
  roles.some((r) => actor.roles.includes(r));

/** Administrators see every centre; everyone else sees the centres they are assigned to. */
export const canSeeCentre = (actor: Actor, centreId: string): boolean =>
  hasRole(actor, Role.Admin) || actor.centreIds.includes(centreId.toLowerCase());

/**
 * The audit chains that record what a caller did outside any one centre (a search across centres): each of the
 * caller's centres, whose auditors answer for their staff; the global chain for a caller of no centre (an
 * administrator). Every auditor reads the global chain, so entries there leave out personal details.
 */
export const auditCentresOf = (actor: Actor): (string | null)[] =>
  actor.centreIds.length ? actor.centreIds : [null];

/** The role recorded in the audit trail: the caller's roles, most privileged first. */
export const auditRole = (actor: Actor): string =>
  [...actor.roles].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b)).join(',');

const ROLE_ORDER = [Role.Admin, Role.CentreManager, Role.MedicalStaff, Role.IntakeOfficer, Role.Auditor];
