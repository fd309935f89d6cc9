import { ApiProperty } from '@nestjs/swagger';

export class AuditEventResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'centre:1b0c…' }) chain: string;
  @ApiProperty({ example: '42' }) seq: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: Date;
  @ApiProperty({ nullable: true, format: 'uuid' }) actorId: string | null;
  @ApiProperty({ nullable: true, example: 'intake_officer' }) actorRole: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) centreId: string | null;
  @ApiProperty({ example: 'stay.release' }) action: string;
  @ApiProperty({ example: 'stay' }) entityType: string;
  @ApiProperty({ nullable: true }) entityId: string | null;
  @ApiProperty({ nullable: true }) requestId: string | null;
  @ApiProperty({ enum: ['success', 'denied', 'failure'] }) outcome: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({
    nullable: true,
    description: 'sha256 of the content fields (null on entries written before the database sealed entries)',
  })
  contentHash: string | null;
  @ApiProperty() prevHash: string;
  @ApiProperty({ description: 'sha256 of `prevHash:seq:contentHash`, set by the database at commit' })
  hash: string;
}
