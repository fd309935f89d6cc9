import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../auth/actor';
import { AuditService } from '../../audit/audit.service';
import { Conflict, NotFoundInScope, RuleViolation } from '../../common/errors/domain.exception';
import { CashDepositDto, CashWithdrawalDto, CorrectionDto } from '../dto/cash-operation.dto';
import { CashOperationResponseDto } from '../dto/property-responses.dto';
import { CashAccount } from '../entities/cash-account.entity';
import { CashMovement, PersonAcknowledgement } from '../entities/cash-movement.entity';
import { PropertyScopeService, StayRequirement, StayScope } from '../property-scope.service';
import { InsufficientCash } from '../property.exceptions';
import { CashMovementType } from '../property.enums';
import { toCashAccountResponse } from '../property.mapper';
import { DenominationCount, denominationTotal, formatMinor } from '../rules/money';

export interface CashChange {
  centreId: string;
  stayId: string;
  personId: string;
  currency: string;
  /** Signed: positive in, negative out. */
  amountMinor: number;
  type: CashMovementType;
  denominations?: DenominationCount[] | null;
  purpose?: string | null;
  acknowledgement?: PersonAcknowledgement | null;
  authorisedBy?: string | null;
  claimId?: string | null;
  receiptId?: string | null;
  correctsMovementId?: string | null;
  transferredFromMovementId?: string | null;
  /** For error details: the request field this amount came from. */
  field?: string;
}

/** Cash per currency. The balance moves only together with a movement, in one conditional UPDATE. */
@Injectable()
export class CashService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: PropertyScopeService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Applies a signed change inside the caller's transaction. The UPDATE both locks the account row and refuses
   * to go below zero, so concurrent withdrawals queue on the row and the loser sees the new balance.
   */
  async apply(
    m: EntityManager,
    actor: Actor,
    change: CashChange,
  ): Promise<{ account: CashAccount; movement: CashMovement }> {
    await m.query(
      `INSERT INTO cash_accounts (centre_id, stay_id, person_id, currency, version) VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (stay_id, currency) DO NOTHING`,
      [change.centreId, change.stayId, change.personId, change.currency],
    );
    const [rows] = await m.query(
      `UPDATE cash_accounts SET balance_minor = balance_minor + $3, version = version + 1, updated_at = now()
       WHERE stay_id = $1 AND currency = $2 AND balance_minor + $3 >= 0
       RETURNING id`,
      [change.stayId, change.currency, change.amountMinor],
    );
    if (!rows?.length) {
      const held = await m
        .getRepository(CashAccount)
        .findOneBy({ stayId: change.stayId, currency: change.currency });
      throw new InsufficientCash(change.currency, formatMinor(held?.balanceMinor ?? 0, change.currency), [
        { field: change.field ?? 'amountMinor', message: `is more than the ${change.currency} held` },
      ]);
    }
    const account = await m.getRepository(CashAccount).findOneByOrFail({ id: rows[0].id });
    const movement = await m.getRepository(CashMovement).save(
      m.create(CashMovement, {
        accountId: account.id,
        centreId: change.centreId,
        stayId: change.stayId,
        type: change.type,
        currency: change.currency,
        amountMinor: change.amountMinor,
        balanceAfterMinor: account.balanceMinor,
        denominations: change.denominations ?? null,
        purpose: change.purpose ?? null,
        acknowledgement: change.acknowledgement ?? null,
        authorisedBy: change.authorisedBy ?? null,
        claimId: change.claimId ?? null,
        receiptId: change.receiptId ?? null,
        correctsMovementId: change.correctsMovementId ?? null,
        transferredFromMovementId: change.transferredFromMovementId ?? null,
        actorId: actor.id,
      }),
    );
    return { account, movement };
  }

  assertDenominations(
    amountMinor: number,
    denominations: DenominationCount[] | undefined,
    field: string,
  ): void {
    if (denominations?.length && denominationTotal(denominations) !== amountMinor) {
      throw new RuleViolation(
        'DENOMINATIONS_MISMATCH',
        'The count by denomination does not add up to the amount',
        [{ field, message: `adds up to ${denominationTotal(denominations)}, not ${amountMinor}` }],
      );
    }
  }

  async deposit(actor: Actor, stayId: string, dto: CashDepositDto): Promise<CashOperationResponseDto> {
    this.assertDenominations(dto.amountMinor, dto.denominations, 'denominations');
    const pre = await this.scope.requireStay(actor, stayId);
    const ack = await this.scope.personAcknowledgement(actor, pre.centre.id, dto.acknowledgement);
    return this.operate(actor, pre, 'property.cash.deposit', 'active', (m) =>
      this.apply(m, actor, {
        centreId: pre.centre.id,
        stayId,
        personId: pre.stay.personId,
        currency: dto.currency,
        amountMinor: dto.amountMinor,
        type: CashMovementType.Deposit,
        denominations: dto.denominations ?? null,
        purpose: dto.purpose ?? null,
        acknowledgement: ack,
      }),
    );
  }

  async withdraw(actor: Actor, stayId: string, dto: CashWithdrawalDto): Promise<CashOperationResponseDto> {
    const pre = await this.scope.requireStay(actor, stayId);
    const ack = await this.scope.personAcknowledgement(actor, pre.centre.id, dto.acknowledgement);
    return this.operate(actor, pre, 'property.cash.withdraw', 'active', (m) =>
      this.apply(m, actor, {
        centreId: pre.centre.id,
        stayId,
        personId: pre.stay.personId,
        currency: dto.currency,
        amountMinor: -dto.amountMinor,
        type: CashMovementType.Withdrawal,
        purpose: dto.purpose,
        acknowledgement: ack,
      }),
    );
  }

  /**
   * Reverses a mistaken deposit or withdrawal with a correcting movement; the original stays on record. Also
   * after an ABSCONDED or DECEASED exit, so that what is kept as unclaimed is right before it is disposed of;
   * never on a RELEASED or TRANSFERRED stay, which is closed (409 STAY_READ_ONLY).
   *
   * A withdrawal needs the person's acknowledgement and a disposal a manager; a correction has neither. So one
   * that takes money out (reverses a deposit), or any correction once the person is gone and cannot object,
   * needs a centre manager, who is recorded as authorising it. Putting back a mistaken withdrawal of an ACTIVE
   * stay only gives the person their money back.
   */
  async correct(actor: Actor, movementId: string, dto: CorrectionDto): Promise<CashOperationResponseDto> {
    const original = await this.dataSource.getRepository(CashMovement).findOneBy({ id: movementId });
    if (!original) throw new NotFoundInScope('Cash movement');
    const pre = await this.scope.requireStay(actor, original.stayId).catch(() => {
      throw new NotFoundInScope('Cash movement');
    });
    if (original.type !== CashMovementType.Deposit && original.type !== CashMovementType.Withdrawal) {
      throw new RuleViolation(
        'NOT_CORRECTABLE',
        `A ${original.type} movement is corrected through its own process`,
      );
    }
    // An amount printed on a receipt stays as printed: a further deposit or a loss report settles it.
    if (original.receiptId) {
      throw new RuleViolation(
        'NOT_CORRECTABLE',
        'This amount is on a receipt; record a deposit or a loss instead',
      );
    }
    return this.operate(actor, pre, 'property.cash.correct', 'open', async (m, scope) => {
      // Read from the locked stay: an exit recorded meanwhile is seen here.
      const takesOut = original.amountMinor > 0;
      const needsManager = takesOut || this.scope.isExited(scope.stay);
      if (needsManager) {
        this.scope.assertManager(
          actor,
          takesOut
            ? `A correction taking ${formatMinor(original.amountMinor, original.currency)} out of the account`
            : `A cash correction on a ${scope.stay.status} stay`,
          {
            action: 'property.cash.correct',
            entityType: 'cash_movement',
            entityId: original.id,
            centreId: scope.centre.id,
            details: {
              stayId: scope.stay.id,
              currency: original.currency,
              amountMinor: -original.amountMinor,
            },
          },
        );
      }
      if (await m.getRepository(CashMovement).existsBy({ correctsMovementId: movementId })) {
        throw new Conflict('ALREADY_CORRECTED', 'This movement has already been corrected');
      }
      return this.apply(m, actor, {
        centreId: scope.centre.id,
        stayId: original.stayId,
        personId: scope.stay.personId,
        currency: original.currency,
        amountMinor: -original.amountMinor,
        type: CashMovementType.Correction,
        purpose: dto.reason,
        authorisedBy: needsManager ? actor.id : null,
        correctsMovementId: movementId,
        field: 'movementId',
      });
    });
  }

  async movements(actor: Actor, stayId: string): Promise<CashMovement[]> {
    await this.scope.requireStay(actor, stayId);
    return this.dataSource
      .getRepository(CashMovement)
      .find({ where: { stayId }, order: { occurredAt: 'ASC' } });
  }

  accounts(stayId: string, m: EntityManager = this.dataSource.manager): Promise<CashAccount[]> {
    return m.getRepository(CashAccount).find({ where: { stayId }, order: { currency: 'ASC' } });
  }

  /**
   * Runs one cash change and its audit entry in a transaction, with the stay row locked (FOR UPDATE) before its
   * status is checked. A release or exit holds the same lock while its gates read the balances, so a deposit
   * either commits first (and the release gate sees it) or waits and finds the stay closed; a stay is never
   * released with money credited after its gate passed. Concurrent changes of one account still queue on the
   * account row in apply().
   */
  private async operate(
    actor: Actor,
    pre: StayScope,
    action: string,
    requirement: StayRequirement,
    work: (m: EntityManager, scope: StayScope) => Promise<{ account: CashAccount; movement: CashMovement }>,
  ): Promise<CashOperationResponseDto> {
    return this.dataSource.transaction(async (m) => {
      const scope = await this.scope.lockStay(actor, pre.stay.id, m, pre.centre, requirement);
      const { account, movement } = await work(m, scope);
      await this.audit.record(m, actor, {
        action,
        entityType: 'cash_movement',
        entityId: movement.id,
        centreId: scope.centre.id,
        details: {
          stayId: scope.stay.id,
          currency: movement.currency,
          amountMinor: movement.amountMinor,
          balanceAfterMinor: movement.balanceAfterMinor,
          correctsMovementId: movement.correctsMovementId,
        },
      });
      return { account: toCashAccountResponse(account), movement };
    });
  }
}
