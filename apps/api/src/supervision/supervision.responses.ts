import { ApiProperty } from '@nestjs/swagger';

/** The evidence file stored with a finding (the same bytes again answer the stored one). */
export class EvidenceAddedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty() sha256!: string;
}

export class AppealRecordedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) findingId!: string;
  @ApiProperty({ description: 'pending until decided' }) status!: string;
  @ApiProperty({ format: 'date' }) filedOn!: string;
}
