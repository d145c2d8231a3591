import { ApiProperty } from '@nestjs/swagger';

/** A 免申即享 grant as finance and the admin see it (amounts are decimal strings). */
export class GrantResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty() programVersion!: number;
  @ApiProperty({ description: 'The qualifying event (green data centre, new AI entrant …)' }) event!: string;
  @ApiProperty({ description: 'The subject’s key (the data centre’s code, the entrant’s credit code)' })
  dataCentreCode!: string;
  @ApiProperty() dataCentreName!: string;
  @ApiProperty({ enum: ['supplier', 'enterprise'] }) payeeKind!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) enterpriseId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supplierId!: string | null;
  @ApiProperty({ type: String, nullable: true }) supplierCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) supplierName!: string | null;
  @ApiProperty({ format: 'date' }) approvedOn!: string;
  @ApiProperty() approvalReference!: string;
  @ApiProperty() documentFilename!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ enum: ['awaiting_finance', 'approved', 'paid'] }) status!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty({ type: String, nullable: true }) recordedByName!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) financeApprovedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) financeApprovedByName!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) financeApprovedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) paidAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) paymentId!: string | null;
  @ApiProperty({ type: String, nullable: true }) paymentStatus!: string | null;
  @ApiProperty({ type: String, nullable: true }) bankReference!: string | null;
}

export class GrantRecordedResponse extends GrantResponse {
  @ApiProperty({
    description: 'false when this subject already had its grant (once only): that one is answered',
  })
  created!: boolean;
}

export class GrantPageResponse {
  @ApiProperty({ type: [GrantResponse] }) items!: GrantResponse[];
  @ApiProperty() total!: number;
}

/** A new-AI-entrant grant as recorded (201) or as it already stood (200). */
export class EntrantGrantRecordedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ enum: ['awaiting_finance', 'approved', 'paid'] }) status!: string;
  @ApiProperty({ enum: ['enterprise'] }) payeeKind!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) enterpriseId!: string | null;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ description: 'false when the entrant already had its grant' }) created!: boolean;
}
