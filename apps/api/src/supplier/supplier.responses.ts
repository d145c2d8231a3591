import { IntersectionType } from '@nestjs/swagger';
import { InvoiceFileResponse } from './invoice-files.controller';
import { ContractTermView, Page, SettlementView } from '../common/views';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** Answers of the supplier portal (supplier.service.ts). Money is a decimal string, days 'YYYY-MM-DD'. */

class SupplierContractParties extends Fields({
  id: is.uuid,
  contractNumber: is.text,
  enterpriseName: is.text,
}) {}

/** A contract as the supplier sees it, before what the list row or the detail adds. */
class SupplierContractFields extends Fields(IntersectionType(SupplierContractParties, ContractTermView), {
  totalAmount: is.money,
}) {}

export class SupplierContractRowResponse extends Fields(SupplierContractFields, {
  settledAmount: is.money.about('Σ confirmed settlements'),
  leftToSettle: is.money.about('Contract amount − settled, never below zero'),
  applicationStatus: is.textOrNull.about('Status of the application the contract is in'),
}) {}

export class SupplierContractPage extends Page(SupplierContractRowResponse) {}

/** A settlement the supplier confirmed. */
export class SupplierSettlementResponse extends Fields(SettlementView, {
  confirmedAt: is.instant,
}) {}

export class SupplierSettlementPage extends Page(SupplierSettlementResponse) {}

export class SupplierContractSettlementResponse extends Fields(SupplierSettlementResponse, {
  invoiceFile: is.nullable(InvoiceFileResponse).about('Its invoice file (null: none yet)'),
}) {}

export class ContractLineResponse extends Fields({
  serviceKind: is.text,
  amount: is.money,
}) {}

export class SupplierContractResponse extends Fields(SupplierContractFields, {
  lines: [ContractLineResponse],
  settledAmount: is.money,
  leftToSettle: is.money.about('Contract amount − Σ confirmed settlements'),
  settlements: [SupplierContractSettlementResponse],
}) {}
