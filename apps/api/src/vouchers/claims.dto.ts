import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { IsMoneyAmount } from '../common/money.validators';

export class FileClaimDto {
  @ApiProperty({ format: 'uuid', description: 'The supplier-confirmed settlement this claim redeems' })
  @IsUUID('all', { message: 'settlementId must be a settlement id (UUID)' })
  settlementId!: string;

  @ApiProperty({ description: 'Must match the confirmed settlement' })
  @IsString()
  @Length(1, 64)
  invoiceNumber!: string;

  @ApiProperty({ example: '250000.00', description: 'Invoiced amount; must match the confirmed settlement' })
  @IsMoneyAmount()
  invoicedAmount!: string;
}
