import { ApiProperty } from '@nestjs/swagger';
import { EligibilityCheckResponse } from '../applications/application.responses';
import { BilingualText } from '../common/openapi';

/** The answer of POST /simulator (simulateProgram in libs/domain). Money is a decimal string. */

export class SimulatedProgramView {
  @ApiProperty() code!: string;
  @ApiProperty({ type: BilingualText }) name!: BilingualText;
  @ApiProperty({ description: 'Default subsidy rate', example: '0.20' }) rate!: string;
}

export class SimulatedRowResponse {
  @ApiProperty({ description: 'Row number in the file' }) rowNo!: number;
  @ApiProperty() contractNumber!: string;
  @ApiProperty() enterprise!: string;
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ type: [EligibilityCheckResponse] }) checks!: EligibilityCheckResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The first failing check’s code, or the amount refusal’s',
  })
  refusalCode!: string | null;
  @ApiProperty({ example: '1234.56' }) eligibleAmount!: string;
  @ApiProperty({ example: '1234.56' }) uncappedFaceValue!: string;
  @ApiProperty({ example: '1234.56' }) faceValue!: string;
  @ApiProperty() limitedByYearlyCap!: boolean;
  @ApiProperty() limitedByApplicationCap!: boolean;
  @ApiProperty() limitedByCumulativeCap!: boolean;
  @ApiProperty({ description: 'Face value the pool still covers in row order', example: '1234.56' })
  fundedByPool!: string;
}

export class SimulationRowProblem {
  @ApiProperty() field!: string;
  @ApiProperty({ description: 'English text' }) message!: string;
  @ApiProperty({ type: BilingualText }) localized!: BilingualText;
}

export class SimulationRowErrors {
  @ApiProperty() rowNo!: number;
  @ApiProperty({ type: [SimulationRowProblem] }) errors!: SimulationRowProblem[];
}

export class SimulationTotalsResponse {
  @ApiProperty() rows!: number;
  @ApiProperty() eligible!: number;
  @ApiProperty() refused!: number;
  @ApiProperty({ example: '1234.56' }) totalFaceValue!: string;
  @ApiProperty({ type: String, nullable: true, example: '1000000.00' }) budget!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['per-year', 'total'] }) budgetBasis!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'budget − total (negative: overrun)' })
  budgetLeft!: string | null;
  @ApiProperty({ example: '1234.56' }) fundedByPool!: string;
  @ApiProperty() rowsOverBudget!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Refused rows by reason code',
  })
  byRefusal!: Record<string, number>;
}

export class SimulationResponse {
  @ApiProperty({ type: SimulatedProgramView }) program!: SimulatedProgramView;
  @ApiProperty({ type: [SimulatedRowResponse] }) rows!: SimulatedRowResponse[];
  @ApiProperty({ type: [SimulationRowErrors], description: 'Rows that could not be read, not simulated' })
  rowErrors!: SimulationRowErrors[];
  @ApiProperty({ type: SimulationTotalsResponse }) totals!: SimulationTotalsResponse;
}
