import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { admissionRecordTemplate, AdmissionRecordViewModel } from '../../../templates/admission-record';
import {
  releaseCertificateTemplate,
  ReleaseCertificateViewModel,
} from '../../../templates/release-certificate';
import { transferManifestTemplate, TransferManifestViewModel } from '../../../templates/transfer-manifest';
import type {
  CentreSummary,
  IdentitySummary,
  PersonSummary,
  PropertyList,
} from '../../../templates/view-models';
import { StaysService } from '../../admissions/stays.service';
import { TransfersService } from '../../admissions/transfers.service';
import { Stay, StayStatus } from '../../admissions/entities/stay.entity';
import { Centre } from '../../centres/entities/centre.entity';
import { CentresService } from '../../centres/centres.service';
import { RuleViolation } from '../../common/errors/domain.exception';
import { Person } from '../../persons/entities/person.entity';
import { UsersService } from '../../users/users.service';
import { DocumentContributions } from '../types/document-contributions';
import { SubjectScope } from '../types/document-type';
import { DocumentTypeRegistry } from '../types/document-type.registry';

/** Sections other modules fill in (property: what was returned or handed over; identity: evidence). */
export const RELEASE_RETURNED_PROPERTY = 'release-certificate.returned-property';
export const RELEASE_IDENTITY = 'release-certificate.identity';
export const TRANSFER_DETAILS = 'transfer-manifest.transfer';
export const TRANSFER_HANDED_OVER = 'transfer-manifest.handed-over-property';
export const TRANSFER_CARE_FLAGS = 'transfer-manifest.care-flags';

/** What the transfer workflow tells the manifest about a transfer out of a stay. */
export interface TransferDetails {
  toCentreId: string;
  requestedAt: Date | string;
  departedAt: Date | string | null;
  legalBasis: string | null;
  authorisedById: string | null;
  /** Other stays travelling on the same transfer (a family), besides the subject stay. */
  companionStayIds?: string[];
}

/**
 * The three stay documents: admission record, release certificate, transfer manifest. Their subject is a
 * stay; loaders read through the admissions, centres and users services only.
 */
@Injectable()
export class StayDocumentTypes implements OnModuleInit {
  constructor(
    private readonly registry: DocumentTypeRegistry,
    private readonly contributions: DocumentContributions,
    private readonly stays: StaysService,
    private readonly centres: CentresService,
    private readonly users: UsersService,
    private readonly transfers: TransfersService,
  ) {}

  onModuleInit(): void {
    // The transfer workflow (admissions) is the source of the manifest's transfer details.
    this.contributions.provide<TransferDetails>(TRANSFER_DETAILS, async (m, stayId) => {
      const t = await this.transfers.latestOf(m, stayId);
      return (
        t && {
          toCentreId: t.toCentreId,
          requestedAt: t.requestedAt,
          departedAt: t.decidedAt,
          legalBasis: t.legalBasis,
          authorisedById: t.authorisedById,
        }
      );
    });

    this.registry.register<AdmissionRecordViewModel>({
      type: admissionRecordTemplate.type,
      subjectType: 'stay',
      template: admissionRecordTemplate,
      holder: (m, stayId) => this.holderOf(m, stayId),
      locate: (m, stayId) => this.locateStay(m, stayId),
      load: async (m, stayId) => {
        const loaded = await this.loadStay(m, stayId);
        if (!loaded) return null;
        const { stay, person, centre } = loaded;
        return {
          person: personSummary(person),
          centre: centreSummary(centre),
          stay: {
            id: stay.id,
            admittedAt: stay.admittedAt.toISOString(),
            arrivalPlace: stay.arrivalPlace,
            broughtBy: stay.broughtBy,
            legalBasis: stay.legalBasis,
            accommodationUnit: stay.accommodationUnit,
            admittedBy: await this.userName(stay.admittedById),
          },
        };
      },
    });

    this.registry.register<ReleaseCertificateViewModel>({
      type: releaseCertificateTemplate.type,
      subjectType: 'stay',
      template: releaseCertificateTemplate,
      holder: (m, stayId) => this.holderOf(m, stayId),
      locate: (m, stayId) =>
        this.locateStay(m, stayId, (stay) => {
          if (stay.status !== StayStatus.Released) {
            throw new RuleViolation('STAY_NOT_RELEASED', 'A release certificate needs a RELEASED stay', [
              { field: 'subjectId', message: `is a ${stay.status} stay` },
            ]);
          }
        }),
      load: async (m, stayId) => {
        const loaded = await this.loadStay(m, stayId);
        if (!loaded) return null;
        const { stay, person, centre } = loaded;
        return {
          person: personSummary(person),
          centre: centreSummary(centre),
          stay: {
            id: stay.id,
            admittedAt: stay.admittedAt.toISOString(),
            releasedAt: stay.exitedAt?.toISOString() ?? null,
            legalBasis: stay.exitLegalBasis,
            authorisedBy: await this.userName(stay.exitAuthorisedById),
            destination: stay.releaseTo,
          },
          identity: await this.contributions.collect<IdentitySummary>(RELEASE_IDENTITY, m, stayId),
          returned: await this.contributions.collect<PropertyList>(RELEASE_RETURNED_PROPERTY, m, stayId),
        };
      },
    });

    this.registry.register<TransferManifestViewModel>({
      type: transferManifestTemplate.type,
      subjectType: 'stay',
      template: transferManifestTemplate,
      holder: (m, stayId) => this.holderOf(m, stayId),
      locate: async (m, stayId) => {
        const scope = await this.locateStay(m, stayId);
        if (scope && !(await this.contributions.collect<TransferDetails>(TRANSFER_DETAILS, m, stayId))) {
          throw new RuleViolation('NO_TRANSFER_RECORDED', 'This stay has no transfer to document', [
            { field: 'subjectId', message: 'has no transfer recorded' },
          ]);
        }
        return scope;
      },
      load: async (m, stayId) => {
        const loaded = await this.loadStay(m, stayId);
        const transfer = await this.contributions.collect<TransferDetails>(TRANSFER_DETAILS, m, stayId);
        const to = transfer && (await this.centres.findById(transfer.toCentreId));
        if (!loaded || !transfer || !to) return null;
        const companions = await Promise.all(
          (transfer.companionStayIds ?? []).map((id) => this.loadStay(m, id)),
        );
        const people = [loaded, ...companions.filter((c) => c !== null)].map(({ stay, person }) => ({
          person: personSummary(person),
          stayId: stay.id,
          admittedAt: stay.admittedAt.toISOString(),
        }));
        return {
          transferId: stayId,
          from: centreSummary(loaded.centre),
          to: centreSummary(to),
          requestedAt: new Date(transfer.requestedAt).toISOString(),
          departedAt: transfer.departedAt ? new Date(transfer.departedAt).toISOString() : null,
          legalBasis: transfer.legalBasis,
          authorisedBy: await this.userName(transfer.authorisedById),
          people,
          handedOver: await this.contributions.collect<PropertyList>(TRANSFER_HANDED_OVER, m, stayId),
          careFlags: await this.contributions.collect<string[]>(TRANSFER_CARE_FLAGS, m, stayId),
        };
      },
    });
  }

  private async holderOf(m: EntityManager, stayId: string): Promise<Person | null> {
    return (await this.stays.findStay(stayId, m))?.person ?? null;
  }

  /** Request time, in the caller's transaction: reads the stay and its person through `m` only. */
  private async locateStay(
    m: EntityManager,
    stayId: string,
    check?: (stay: Stay) => void,
  ): Promise<SubjectScope | null> {
    const stay = await this.stays.findStay(stayId, m);
    if (!stay?.person) return null;
    check?.(stay);
    return { centreId: stay.centreId, language: stay.person.preferredLanguage };
  }

  private async loadStay(
    m: EntityManager,
    stayId: string,
  ): Promise<{ stay: Stay; person: Person; centre: Centre } | null> {
    const stay = await this.stays.findStay(stayId, m);
    if (!stay?.person) return null;
    const centre = await this.centres.findById(stay.centreId);
    return centre ? { stay, person: stay.person, centre } : null;
  }

  private async userName(id: string | null): Promise<string | null> {
    if (!id) return null;
    return this.users.get(id).then(
      (u) => u.displayName,
      () => null,
    );
  }
}

export function personSummary(p: Person): PersonSummary {
  return {
    personId: p.id,
    fullName: `${p.givenNames} ${p.familyNames}`.trim(),
    originalScriptName: p.nameOriginalScript,
    sex: p.sex,
    dateOfBirth: p.dateOfBirth,
    dateOfBirthEstimated: p.dateOfBirthEstimated,
    nationalities: p.nationalities,
  };
}

function centreSummary(c: Centre): CentreSummary {
  return {
    name: c.name,
    code: c.code,
    regime: c.regime,
    address: c.address,
    timeZone: c.timeZone,
  };
}
