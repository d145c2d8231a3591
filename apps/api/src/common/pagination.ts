import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Past this, a page is refused rather than turned into an OFFSET PostgreSQL cannot hold. */
export const MAX_PAGE = 100_000;
export const MAX_PAGE_SIZE = 200;

/** Every paginated list's query: whole numbers, page ≤ 100,000, pageSize ≤ 200, else 400 per field. */
export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number (页码须为整数)' })
  @Min(1, { message: 'page must be at least 1 (页码至少为 1)' })
  @Max(MAX_PAGE, { message: `page must be at most ${MAX_PAGE} (页码不得超过 ${MAX_PAGE})` })
  page: number = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number (每页条数须为整数)' })
  @Min(1, { message: 'pageSize must be at least 1 (每页条数至少为 1)' })
  @Max(MAX_PAGE_SIZE, {
    message: `pageSize must be at most ${MAX_PAGE_SIZE} (每页条数不得超过 ${MAX_PAGE_SIZE})`,
  })
  pageSize: number = 20;
}
