import { ApiProperty } from '@nestjs/swagger';
import { BilingualText } from '../common/openapi';

/** Published recipient lists (公示): public, no token. Amounts are decimal strings. */

export class RecipientListIndexEntry {
  @ApiProperty() programCode!: string;
  @ApiProperty({ type: BilingualText, nullable: true }) programName!: BilingualText | null;
  @ApiProperty({ type: [Number], description: 'Years with a published list, newest first' }) years!: number[];
}

export class RecipientListIndexResponse {
  @ApiProperty({ type: [RecipientListIndexEntry] }) items!: RecipientListIndexEntry[];
}

export class PublishedVoucher {
  @ApiProperty({ description: 'The enterprise' }) recipient!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ format: 'date' }) date!: string;
}

export class PublishedGrant {
  @ApiProperty({ enum: ['round_award', 'supplier_subsidy', 'grant'] }) kind!: string;
  @ApiProperty({ type: BilingualText }) kindLabel!: BilingualText;
  @ApiProperty({ description: 'The enterprise or supplier paid' }) recipient!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ format: 'date' }) date!: string;
}

export class RecipientTotals {
  @ApiProperty() vouchers!: number;
  @ApiProperty() faceValue!: string;
  @ApiProperty() grants!: number;
  @ApiProperty() paid!: string;
}

export class RecipientListResponse {
  @ApiProperty() programCode!: string;
  @ApiProperty({ type: BilingualText }) programName!: BilingualText;
  @ApiProperty() year!: number;
  @ApiProperty({ type: [PublishedVoucher] }) vouchers!: PublishedVoucher[];
  @ApiProperty({ type: [PublishedGrant] }) grants!: PublishedGrant[];
  @ApiProperty({ type: RecipientTotals }) totals!: RecipientTotals;
}
