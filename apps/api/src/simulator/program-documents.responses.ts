import { ApiProperty, OmitType, PickType } from '@nestjs/swagger';
import { StoredFileView } from '../common/views';

export class ProgramDocumentUploadedResponse extends PickType(StoredFileView, [
  'id',
  'filename',
  'sha256',
] as const) {
  @ApiProperty({ description: 'Where it is downloaded' }) address!: string;
  @ApiProperty({ description: 'What the editor puts in a version’s sourceDocument (≤ 500 characters)' })
  reference!: string;
}

export class ProgramDocumentResponse extends OmitType(StoredFileView, ['code'] as const) {}
