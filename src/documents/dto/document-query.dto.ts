import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';

export class DocumentQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  subjectId: string;

  @ApiPropertyOptional({ example: 'admission-record' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{1,59}$/, { message: 'type must be a document type such as admission-record' })
  type?: string;
}

export class VerifyDocumentQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id: string;

  @ApiProperty({ description: 'The signature printed in the QR code' })
  @Matches(/^[A-Za-z0-9_-]{1,128}$/, { message: 'sig must be a base64url signature' })
  sig: string;
}
