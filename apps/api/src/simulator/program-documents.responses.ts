import { OmitType, PickType } from '@nestjs/swagger';
import { StoredFileView } from '../common/views';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

export class ProgramDocumentUploadedResponse extends Fields(
  PickType(StoredFileView, ['id', 'filename', 'sha256'] as const),
  {
    address: is.text.about('Where it is downloaded'),
    reference: is.text.about('What the editor puts in a version’s sourceDocument (≤ 500 characters)'),
  },
) {}

export class ProgramDocumentResponse extends OmitType(StoredFileView, ['code'] as const) {}
