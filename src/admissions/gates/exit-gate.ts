import { EntityManager } from 'typeorm';
import { Actor } from '../../auth/actor';
import { Stay } from '../entities/stay.entity';

/** The checkpoint being passed: leaving by release, leaving by transfer, or arriving by transfer. */
export type ExitKind = 'RELEASE' | 'TRANSFER_OUT' | 'TRANSFER_IN';

export interface ExitGateContext {
  /** The transaction of the exit: gates read through it, so what they see is what commits. */
  manager: EntityManager;
  actor: Actor;
  /** The stay as it would be after the exit's own fields (legal basis, authorising manager) are applied. */
  stay: Stay;
  kind: ExitKind;
  /** e.g. 'REPATRIATION', 'CHILD_PROTECTION_AUTHORITY', 'FAMILY', 'OTHER' (release only). */
  releaseTo?: string;
  receivingCentreId?: string;
}

export interface GateFailure {
  code: string;
  message: string;
}

/** A check a module contributes to release and transfer. Returns every failure it finds; [] means pass. */
export interface ExitGate {
  readonly name: string;
  check(ctx: ExitGateContext): Promise<GateFailure[]>;
}
