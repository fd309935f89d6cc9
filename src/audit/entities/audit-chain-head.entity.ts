import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last entry of each audit chain: appends lock this row, and verification detects removed tail entries. */
@Entity('audit_chain_heads')
export class AuditChainHead {
  @PrimaryColumn({ type: 'text' })
  chain: string;

  @Column({ type: 'bigint', default: 0 })
  seq: string;

  @Column({ type: 'char', length: 64, nullable: true })
  hash: string | null;
}
