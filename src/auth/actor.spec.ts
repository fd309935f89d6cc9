import { Actor, auditRole, canSeeCentre, hasRole } from './actor';
import { Role } from './role.enum';

const actor = (roles: Role[], centreIds: string[] = []): Actor => ({
  id: 'u',
  email: 'u@example.org',
  displayName: 'U',
  roles,
  centreIds,
});
const A = '6f1e0c1a-1b2c-4d3e-8f40-1a2b3c4d5e6f';

describe('actor helpers', () => {
  it('hasRole answers whether any of the roles is held', () => {
    expect(hasRole(actor([Role.Auditor]), Role.Admin, Role.Auditor)).toBe(true);
    expect(hasRole(actor([Role.Auditor]), Role.Admin)).toBe(false);
  });

  it('canSeeCentre: admins see all; others their assigned centres, in any letter case', () => {
    expect(canSeeCentre(actor([Role.Admin]), A)).toBe(true);
    expect(canSeeCentre(actor([Role.IntakeOfficer], [A]), A)).toBe(true);
    expect(canSeeCentre(actor([Role.IntakeOfficer], [A]), A.toUpperCase())).toBe(true);
    expect(canSeeCentre(actor([Role.IntakeOfficer], [A]), '00000000-0000-4000-8000-000000000000')).toBe(
      false,
    );
    expect(canSeeCentre(actor([Role.IntakeOfficer]), A)).toBe(false);
  });

  it('auditRole lists roles most privileged first', () => {
    expect(auditRole(actor([Role.Auditor, Role.IntakeOfficer, Role.Admin]))).toBe(
      'admin,intake_officer,auditor',
    );
  });
});
