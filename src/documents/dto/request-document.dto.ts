import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';

export class RequestDocumentDto {
  @ApiProperty({
    example: 'admission-record',
    description: 'A registered document type (GET /documents/types)',
  })
  @Matches(/^[a-z][a-z0-9-]{1,59}$/, { message: 'type must be a document type such as admission-record' })
  type: string;

  @ApiProperty({ format: 'uuid', description: 'The stay, receipt, transfer... the document is about' })
  @IsUUID('all')
  subjectId: string;

  @ApiPropertyOptional({
    example: 'es',
    description: "Wording language; defaults to the person's preferred language when supported",
  })
  @IsOptional()
  @Matches(/^[a-z]{2,3}$/, { message: 'language must be a lower-case language code such as es or en' })
  language?: string;
}
