import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { InvoiceFileResponse } from './invoice-files.controller';
import { ContractTermView, Page, SettlementView } from '../common/views';

/** Answers of the supplier portal (supplier.service.ts). Money is a decimal string, days 'YYYY-MM-DD'. */

class SupplierContractParties {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() contractNumber!: string;
  @ApiProperty() enterpriseName!: string;
}

/** A contract as the supplier sees it, before what the list row or the detail adds. */
class SupplierContractFields extends IntersectionType(SupplierContractParties, ContractTermView) {
  @ApiProperty({ example: '1234.56' }) totalAmount!: string;
}

export class SupplierContractRowResponse extends SupplierContractFields {
  @ApiProperty({ description: 'Σ confirmed settlements', example: '1234.56' }) settledAmount!: string;
  @ApiProperty({ description: 'Contract amount − settled, never below zero', example: '0.00' })
  leftToSettle!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Status of the application the contract is in' })
  applicationStatus!: string | null;
}

export class SupplierContractPage extends Page(SupplierContractRowResponse) {}

/** A settlement the supplier confirmed. */
export class SupplierSettlementResponse extends SettlementView {
  @ApiProperty({ format: 'date-time' }) confirmedAt!: string;
}

export class SupplierSettlementPage extends Page(SupplierSettlementResponse) {}

export class SupplierContractSettlementResponse extends SupplierSettlementResponse {
  @ApiProperty({
    type: InvoiceFileResponse,
    nullable: true,
    description: 'Its invoice file (null: none yet)',
  })
  invoiceFile!: InvoiceFileResponse | null;
}

export class ContractLineResponse {
  @ApiProperty() serviceKind!: string;
  @ApiProperty({ example: '1234.56' }) amount!: string;
}

export class SupplierContractResponse extends SupplierContractFields {
  @ApiProperty({ type: [ContractLineResponse] }) lines!: ContractLineResponse[];
  @ApiProperty({ example: '1234.56' }) settledAmount!: string;
  @ApiProperty({ description: 'Contract amount − Σ confirmed settlements', example: '0.00' })
  leftToSettle!: string;
  @ApiProperty({ type: [SupplierContractSettlementResponse] })
  settlements!: SupplierContractSettlementResponse[];
}
