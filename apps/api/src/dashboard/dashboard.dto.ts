import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class DashboardQuery {
  @ApiPropertyOptional({ default: 'beijing-ai-compute-2023' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  programCode?: string;
}
