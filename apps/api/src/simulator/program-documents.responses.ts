import { ApiProperty } from '@nestjs/swagger';

export class ProgramDocumentUploadedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty({ description: 'Where it is downloaded' }) address!: string;
  @ApiProperty({ description: 'What the editor puts in a version’s sourceDocument (≤ 500 characters)' })
  reference!: string;
}

export class ProgramDocumentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}
