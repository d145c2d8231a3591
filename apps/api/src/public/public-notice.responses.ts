import { ApiProperty } from '@nestjs/swagger';
import { BilingualText } from '../common/openapi';

/** Published allocation plans (公示) of ranked rounds: public, no token. Amounts are decimal strings. */

export class PublicNoticeSummary {
  @ApiProperty() programCode!: string;
  @ApiProperty({ type: BilingualText, nullable: true }) programName!: BilingualText | null;
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'Bumped each time the plan is re-published' }) planRevision!: number;
  @ApiProperty({ format: 'date' }) publishedOn!: string;
  @ApiProperty({ format: 'date' }) noticeEndsOn!: string;
  @ApiProperty({ description: 'The notice period is running on the business date' }) onNotice!: boolean;
  @ApiProperty() totalAward!: string;
}

export class PublicNoticeListResponse {
  @ApiProperty({ format: 'date' }) businessDate!: string;
  @ApiProperty({ type: [PublicNoticeSummary] }) items!: PublicNoticeSummary[];
}

export class PublicNoticeEntry {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() applicantName!: string;
  @ApiProperty({ enum: ['enterprise', 'supplier'] }) applicantKind!: string;
  @ApiProperty({ type: Number, nullable: true }) rank!: number | null;
  @ApiProperty({ type: Number, nullable: true }) tier!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The tier’s threshold (≥ prior-year spend)' })
  tierLabel!: string | null;
  @ApiProperty() award!: string;
}

export class PublicNoticeResponse extends PublicNoticeSummary {
  @ApiProperty({ format: 'date' }) businessDate!: string;
  @ApiProperty({ type: [PublicNoticeEntry] }) entries!: PublicNoticeEntry[];
}

export class ObjectionRaisedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['open'] }) status!: 'open';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
