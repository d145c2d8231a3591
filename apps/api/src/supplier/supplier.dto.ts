import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsBusinessDate, IsMoneyAmount, IsNotBefore } from '../common/money.validators';

export class ConfirmSettlementDto {
  @ApiProperty({ example: '2025-07-01' })
  @IsBusinessDate()
  periodStart!: string;

  @ApiProperty({ example: '2025-09-30' })
  @IsBusinessDate()
  @IsNotBefore('periodStart')
  periodEnd!: string;

  @ApiProperty({
    example: '250000.00',
    description: 'Invoiced amount for this delivered part (CNY excl. tax)',
  })
  @IsMoneyAmount()
  amount!: string;

  @ApiProperty({ example: '24110000000012345678' })
  @IsString()
  @Length(1, 64)
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'invoiceNumber may contain only letters, digits and hyphens' })
  invoiceNumber!: string;

  @ApiProperty({ example: '2025-10-08' })
  @IsBusinessDate()
  @IsNotBefore('periodStart')
  invoiceDate!: string;
}
