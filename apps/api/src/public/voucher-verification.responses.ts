import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BilingualText } from '../common/openapi';

/** What a bank learns of a genuine voucher (never its holder, contract or anything else). */
export class VoucherVerificationResponse {
  @ApiProperty({ description: 'Always true (an unknown number answers 404)' }) genuine!: boolean;
  @ApiProperty({ description: 'The number as asked' }) voucherNumber!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty({ type: BilingualText }) programName!: BilingualText;
  @ApiProperty({ type: BilingualText, description: 'The issuing authority' }) authority!: BilingualText;
  @ApiProperty() status!: string;
  @ApiProperty({ example: '10000.00' }) faceValue!: string;
  @ApiProperty({ description: 'Unused balance (0.00 unless active)', example: '10000.00' }) balance!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Last day of validity' })
  validUntil!: string | null;
  @ApiPropertyOptional({ description: 'Only when a credit code was given: whether it is the holder’s' })
  holderMatches?: boolean;
}
