import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class ResetPasswordDto {
  @ApiPropertyOptional({
    minLength: 12,
    description: 'Leave out to have a random password generated and shown once',
  })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password?: string;
}

export class ResetPasswordResponseDto {
  @ApiPropertyOptional({ description: 'Present only when the password was generated; shown this once' })
  generatedPassword?: string;
}
