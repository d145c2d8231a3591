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

/** Applies `decorators` as if written one above the other (the last first, as TypeScript does). */
const stacked =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    [...decorators].reverse().forEach((decorate) => decorate(target, key));

/** A whole number, at least `min` (and at most `max`). */
const IntSetting = (min: number, max?: number) =>
  stacked(
    Transform(({ value }) => (value === undefined ? undefined : Number(value))),
    IsInt(),
    Min(min),
    ...(max === undefined ? [] : [Max(max)]),
  );

/** On or off: 1/true/yes/on (any case) is on, anything else off. */
const FlagSetting = () => stacked(Transform(toBool), IsBoolean());

/**
 * Every setting the processes read from the environment, validated once at start-up so a typo fails fast
 * with the variable's name instead of surfacing as a confusing runtime error later.
 */
export class AppEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/compute_voucher';

  @IntSetting(1, 200)
  DATABASE_POOL_SIZE = 10;

  @FlagSetting()
  DATABASE_SSL = false;

  @FlagSetting()
  DATABASE_LOGGING = false;

  @Matches(/^[^\s:]+:\d{1,5}$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/)
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/)
  TEMPORAL_TASK_QUEUE = 'compute-voucher';

  @IntSetting(0, 65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string;

  /** Outgoing mail. Tests point it at a real in-process SMTP sink. */
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  MAIL_FROM = '北京市经济和信息化局 算力券 <noreply@compute-voucher.example.cn>';

  /**
   * Signs the API's access tokens. No default: `npm start` provisions one per installation in
   * `.data/jwt-secret`; elsewhere it must be set (the API refuses to start without it, see requireJwtSecret).
   */
  @IsOptional()
  @IsString()
  @Matches(/^.{32,}$/s, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** The address the API listens on: loopback unless told otherwise (containers set 0.0.0.0). */
  @IsString()
  @Matches(/^[A-Za-z0-9.:_-]+$/, { message: 'API_HOST must be a host name or IP address, e.g. 127.0.0.1' })
  API_HOST = '127.0.0.1';

  @IntSetting(60, 86400)
  JWT_TTL_SECONDS = 3600;

  /** The worker registers each active program's quarterly redemption Schedule at start-up. */
  @FlagSetting()
  REDEMPTION_SCHEDULES = true;

  /** Sandbox business clock (admins may set the business date). Never allowed in production. */
  @FlagSetting()
  SANDBOX_CLOCK = false;

  @IntSetting(1, 60)
  REVIEW_DUE_WORKING_DAYS = 5;

  /**
   * The CJK font the approval notice and voucher certificate PDFs embed (ADR 0049): a .ttf/.otf, or a .ttc
   * collection with PDF_FONT_NAME naming the face in it. Debian/Ubuntu: apt-get install fonts-noto-cjk.
   */
  @IsString()
  PDF_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

  /** The face inside a .ttc (PostScript name); empty for a single-face file. */
  @IsString()
  PDF_FONT_NAME = 'NotoSansCJKsc-Regular';

  /** How often the API starts the workflows of applications left `submitted` by a Temporal outage. */
  @IntSetting(1, 3600)
  APPLICATION_START_RECONCILE_SECONDS = 30;

  /** Overrides the review due time with a plain duration in seconds (rehearsals and tests). */
  @IsOptional()
  @IntSetting(1)
  REVIEW_DUE_SECONDS?: number;

  /** Face values at or above this need a second approval by a different senior reviewer. */
  @Matches(/^\d{1,13}(\.\d{1,2})?$/, {
    message: 'SECOND_APPROVAL_THRESHOLD must be an amount like 500000.00',
  })
  SECOND_APPROVAL_THRESHOLD = '500000.00';
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Secrets that were once written in this repository: known to anyone, refused everywhere. */
const PUBLISHED_SECRETS = ['development-only-secret-change-me-0123456789'];

/**
 * The token-signing secret, or ConfigError saying how to get one: the API cannot run without it, while the
 * worker and the command-line tools, which sign nothing, do not need it.
 */
export function requireJwtSecret(env: AppEnv): string {
  if (env.JWT_SECRET === undefined) {
    const howTo = 'set JWT_SECRET to at least 32 random characters (e.g. `openssl rand -hex 32`)';
    throw new ConfigError([
      env.NODE_ENV === 'production'
        ? `JWT_SECRET is required in production: ${howTo}`
        : `JWT_SECRET is not set: \`npm start\` provisions one in .data/jwt-secret; when starting the API yourself, ${howTo}`,
    ]);
  }
  return env.JWT_SECRET;
}

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): AppEnv {
  const known = Object.keys(new AppEnv());
  const picked: Record<string, unknown> = {};
  for (const key of [...known, 'WORKFLOW_BUNDLE_PATH', 'REVIEW_DUE_SECONDS', 'JWT_SECRET']) {
    if (source[key] !== undefined && source[key] !== '') picked[key] = source[key];
  }
  const env = plainToInstance(AppEnv, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { forbidUnknownValues: true });
  const problems = errors.map(
    (e) => `${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  if (env.NODE_ENV === 'production') {
    if (env.SANDBOX_CLOCK)
      problems.push('SANDBOX_CLOCK=true: the sandbox business clock is never allowed in production');
  }
  // Anyone who has read the source can sign tokens with a secret that was once written in it.
  if (env.JWT_SECRET !== undefined && PUBLISHED_SECRETS.includes(env.JWT_SECRET))
    problems.push('JWT_SECRET: this value was published in the source code; generate a new one');
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return env;
}
