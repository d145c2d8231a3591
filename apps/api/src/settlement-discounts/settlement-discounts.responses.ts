import { ApiProperty, IntersectionType } from '@nestjs/swagger';

/** The sale settled: the program, the supplier and the enterprise, the invoice. */
class DiscountedSale {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty() programVersion!: number;
  @ApiProperty({ format: 'uuid' }) supplierId!: string;
  @ApiProperty() supplierCode!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty() invoiceNumber!: string;
  @ApiProperty({ format: 'date' }) settledOn!: string;
}

/** What libs/domain settlementDiscount is given: the list price and the buyer's industry. */
class DiscountInput {
  @ApiProperty({ description: 'The list price' }) listAmount!: string;
  @ApiProperty({ description: 'The buyer is in a core industry' }) coreIndustry!: boolean;
}

/** What settlementDiscount works out from them. */
class DiscountOutcome {
  @ApiProperty({ description: 'The discount tier applied' }) tier!: number;
  @ApiProperty({ description: 'Share of the list price the buyer pays' }) factor!: string;
  @ApiProperty({ description: 'What the buyer pays' }) payable!: string;
  @ApiProperty({ description: 'The subsidy (the rest), funded spending' }) subsidy!: string;
}

/** A discount applied at settlement (泰州 program, ADR 0024). Amounts are decimal strings. */
export class SettlementDiscountResponse extends IntersectionType(
  DiscountedSale,
  DiscountInput,
  DiscountOutcome,
) {
  @ApiProperty({ description: 'Identifies the spending across programs' }) spendingKey!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class SettlementDiscountPageResponse {
  @ApiProperty({ type: [SettlementDiscountResponse] }) items!: SettlementDiscountResponse[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Sum of the listed subsidies' }) subsidyTotal!: string;
}
