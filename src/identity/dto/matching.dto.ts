import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsUUID } from 'class-validator';
import { IsText } from '../../common/validation/validators';
import { MatchDecision } from '../entities/person-match-decision.entity';

export enum MatchConfidence {
  Certain = 'certain',
  Probable = 'probable',
}

export enum MatchReason {
  SameDocument = 'SAME_DOCUMENT',
  SamePhoto = 'SAME_PHOTO',
  SimilarNameBirthDateNationality = 'SIMILAR_NAME_BIRTH_DATE_NATIONALITY',
}

export class MatchCandidateDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ enum: MatchConfidence }) confidence: MatchConfidence;
  @ApiProperty({ enum: MatchReason, isArray: true }) reasons: MatchReason[];
  @ApiProperty({ description: 'The name the candidate was registered under' }) fullName: string;
  @ApiProperty({ nullable: true }) dateOfBirth: string | null;
  @ApiProperty({ type: [String] }) nationalities: string[];
  @ApiProperty({
    type: [String],
    description:
      'Centres where the candidate has stays (ids); the stays themselves stay within their centres',
  })
  centreIds: string[];
}

export class MatchCandidatesResponseDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: [MatchCandidateDto] }) candidates: MatchCandidateDto[];
}

export class DecideMatchDto {
  @ApiProperty({ format: 'uuid', description: 'The candidate person returned by match-candidates' })
  @IsUUID()
  candidatePersonId: string;

  @ApiProperty({
    enum: MatchDecision,
    description:
      'confirmed: the same human being, the candidate is merged into this person; rejected: not proposed again',
  })
  @IsEnum(MatchDecision)
  decision: MatchDecision;

  @IsText(1000, { example: 'Same passport; photo compared in person.' })
  reason: string;
}

export class UnmergeDto {
  @IsText(1000, { example: 'Twins: the passports were confused at intake.' })
  reason: string;
}

export class PersonMergeResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) survivorPersonId: string;
  @ApiProperty({ format: 'uuid' }) mergedPersonId: string;
  @ApiProperty({ nullable: true }) reason: string | null;
  @ApiProperty({ format: 'uuid' }) mergedById: string;
  @ApiProperty() mergedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true }) unmergedById: string | null;
  @ApiProperty({ nullable: true }) unmergedAt: Date | null;
}

export class MatchDecisionResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MatchDecision }) decision: MatchDecision;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) candidatePersonId: string;
  @ApiProperty({ nullable: true }) reason: string | null;
  @ApiProperty({ format: 'uuid' }) decidedById: string;
  @ApiProperty() decidedAt: Date;
  @ApiPropertyOptional({
    type: PersonMergeResponseDto,
    description: 'Present when the decision is confirmed',
  })
  merge?: PersonMergeResponseDto;
}

export class IdentityHistoryEntryDto {
  @ApiProperty() at: Date;
  @ApiProperty({
    enum: [
      'document',
      'photo',
      'biometric_reference',
      'distinguishing_mark',
      'wristband',
      'verification',
      'merge',
      'unmerge',
    ],
  })
  kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true }) personId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) stayId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) centreId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) byId: string | null;
  @ApiProperty({ description: 'A short, non-confidential summary (never a document number)' })
  summary: Record<string, unknown>;
}

export class IdentityHistoryResponseDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: [String], description: 'This person and every record merged into it' })
  personIds: string[];
  @ApiProperty({ type: [IdentityHistoryEntryDto] }) entries: IdentityHistoryEntryDto[];
  @ApiProperty({ description: 'Entries at centres you are not assigned to, left out' }) hiddenEntries: number;
}
