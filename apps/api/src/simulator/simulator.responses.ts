import { EligibilityCheckResponse } from '../applications/application.responses';
import { BilingualText } from '../common/openapi';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** The answer of POST /simulator (simulateProgram in libs/domain). Money is a decimal string. */

export class SimulatedProgramView extends Fields({
  code: is.text,
  name: BilingualText,
  rate: is.text.eg('0.20').about('Default subsidy rate'),
}) {}

export class SimulatedRowResponse extends Fields({
  rowNo: is.numeric.about('Row number in the file'),
  contractNumber: is.text,
  enterprise: is.text,
  eligible: is.flag,
  checks: [EligibilityCheckResponse],
  refusalCode: is.textOrNull.about('The first failing check’s code, or the amount refusal’s'),
  eligibleAmount: is.money,
  uncappedFaceValue: is.money,
  faceValue: is.money,
  limitedByYearlyCap: is.flag,
  limitedByApplicationCap: is.flag,
  limitedByCumulativeCap: is.flag,
  fundedByPool: is.money.about('Face value the pool still covers in row order'),
}) {}

export class SimulationRowProblem extends Fields({
  field: is.text,
  message: is.text.about('English text'),
  localized: BilingualText,
}) {}

export class SimulationRowErrors extends Fields({
  rowNo: is.numeric,
  errors: [SimulationRowProblem],
}) {}

export class SimulationTotalsResponse extends Fields({
  rows: is.numeric,
  eligible: is.numeric,
  refused: is.numeric,
  totalFaceValue: is.money,
  budget: is.moneyOrNull,
  budgetBasis: is.oneOfOrNull(['per-year', 'total']),
  budgetLeft: is.moneyOrNull.about('budget − total (negative: overrun)'),
  fundedByPool: is.money,
  rowsOverBudget: is.numeric,
  byRefusal: is.field<Record<string, number>>({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Refused rows by reason code',
  }),
}) {}

export class SimulationResponse extends Fields({
  program: SimulatedProgramView,
  rows: [SimulatedRowResponse],
  rowErrors: is.listOf(SimulationRowErrors).about('Rows that could not be read, not simulated'),
  totals: SimulationTotalsResponse,
}) {}
