import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());

/**
 * Every setting the processes read from the environment, validated once at start-up so a typo fails fast
 * with the variable's name instead of surfacing as a confusing runtime error later.
 */
export class AppEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/compute_voucher';

  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(toBool)
  @IsBoolean()
  DATABASE_SSL = false;

  @Transform(toBool)
  @IsBoolean()
  DATABASE_LOGGING = false;

  @Matches(/^[^\s:]+:\d{1,5}$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/)
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/)
  TEMPORAL_TASK_QUEUE = 'compute-voucher';

  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): AppEnv {
  const known = Object.keys(new AppEnv());
  const picked: Record<string, unknown> = {};
  for (const key of [...known, 'WORKFLOW_BUNDLE_PATH']) {
    if (source[key] !== undefined && source[key] !== '') picked[key] = source[key];
  }
  const env = plainToInstance(AppEnv, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map(
        (e) => `${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
      ),
    );
  }
  return env;
}
