import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorDetailDto {
  @ApiPropertyOptional({ example: 'person.dateOfBirth' }) field?: string;
  @ApiPropertyOptional({ example: 'IDENTITY_NOT_VERIFIED' }) code?: string;
  @ApiProperty({ example: 'must be a valid ISO 8601 date' }) message: string;
}

/** The one error shape of the API. */
export class ErrorResponseDto {
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty({ example: 'Unprocessable Entity' }) error: string;
  @ApiPropertyOptional({ example: 'CHILD_IN_DETENTION' }) code?: string;
  @ApiProperty({ example: 'Request validation failed' }) message: string;
  @ApiProperty({ type: [ErrorDetailDto] }) details: ErrorDetailDto[];
  @ApiProperty({ example: '0b6f3c2e-5a55-4f0e-9f0a-1d2c3b4a5e6f' }) requestId: string;
}
