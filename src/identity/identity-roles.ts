import { Role } from '../auth/role.enum';

/** Who records identity evidence and verifies people at checkpoints. */
export const IDENTITY_WRITERS = [Role.IntakeOfficer, Role.CentreManager];
/** Staff who work with the people in a centre (auditors read the audit trail, not the evidence). */
export const CENTRE_STAFF = [Role.IntakeOfficer, Role.MedicalStaff, Role.CentreManager, Role.Admin];
export const MANAGERS = [Role.CentreManager, Role.Admin];
