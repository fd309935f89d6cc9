import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';

/** The person's acknowledgement: a captured signature (by its SHA-256), or a refusal to sign before a witness. */
export class PersonAcknowledgementDto {
  @ApiPropertyOptional({
    description: 'SHA-256 (64 hex characters) of the captured signature image',
    example: 'a3f5...',
  })
  @IsOptional()
  @Matches(/^[a-f0-9]{64}$/, { message: 'signatureSha256 must be 64 lower-case hex characters' })
  signatureSha256?: string;

  @ApiPropertyOptional({ description: 'The person refused to sign; witnessId is then required' })
  @IsOptional()
  @IsBoolean()
  refusedToSign?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'User who witnessed the refusal (not the caller)' })
  @IsOptional()
  @IsUUID()
  witnessId?: string;
}
