import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsBusinessDate, IsMoneyAmount, IsNotBefore } from '../common/money.validators';

/** A business day ('YYYY-MM-DD') of the settlement, documented with its example. */
function SettlementDay(example: string) {
  return (target: object, field: string) => {
    ApiProperty({ example })(target, field);
    IsBusinessDate()(target, field);
  };
}

export class ConfirmSettlementDto {
  @SettlementDay('2025-07-01')
  periodStart!: string;

  @SettlementDay('2025-09-30')
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

  @SettlementDay('2025-10-08')
  @IsNotBefore('periodStart')
  invoiceDate!: string;
}
