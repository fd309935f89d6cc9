import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class WristbandResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ example: 'K7QH3M9TWXPA', description: 'The code printed in clear on the band' })
  code: string;
  @ApiProperty({
    example: 'K7QH3M9TWXPA.3q2-7wAAAAAAAAAA',
    description: 'What the QR code holds: the code and its HMAC signature',
  })
  qrPayload: string;
  @ApiProperty({ description: 'The QR code as an SVG document, ready to print' }) qrSvg: string;
  @ApiProperty() issuedAt: Date;
  @ApiProperty({ format: 'uuid' }) issuedById: string;
  @ApiProperty({ description: 'How many earlier bands of this stay were revoked by this issue' })
  revokedPrevious: number;
}

export class CheckWristbandDto {
  @ApiProperty({
    example: 'K7QH3M9TWXPA.3q2-7wAAAAAAAAAA',
    description: 'The scanned QR payload or typed code',
  })
  @IsString()
  @MaxLength(100)
  scanned: string;
}

export enum WristbandScanStatus {
  Valid = 'VALID',
  Revoked = 'REVOKED',
  Unsigned = 'UNSIGNED',
  Invalid = 'INVALID',
}

export class WristbandCheckResponseDto {
  @ApiProperty({
    enum: WristbandScanStatus,
    description:
      'VALID: the active band of an ACTIVE stay, signature verified. ' +
      'REVOKED: a band replaced by a newer one, or the band of a stay that has ended. ' +
      'UNSIGNED: a typed code without signature, found but not proven. INVALID: unknown code or bad signature',
  })
  status: WristbandScanStatus;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'Only for bands of your centres' })
  stayId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) personId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) centreId: string | null;
}
