import { Role } from '../auth/role.enum';

/** Officers and managers handle belongings; auditors and administrators read them. */
export const PROPERTY_WRITERS = [Role.IntakeOfficer, Role.CentreManager];
export const PROPERTY_READERS = [Role.IntakeOfficer, Role.CentreManager, Role.Auditor, Role.Admin];
