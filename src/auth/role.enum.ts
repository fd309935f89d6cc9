export enum Role {
  IntakeOfficer = 'intake_officer',
  MedicalStaff = 'medical_staff',
  CentreManager = 'centre_manager',
  Auditor = 'auditor',
  Admin = 'admin',
}

export const ALL_ROLES = Object.values(Role);
