import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppEnv } from '@app/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

type DbSettings = Pick<AppEnv, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DATABASE_SSL' | 'DATABASE_LOGGING'>;

/** The one place TypeORM is configured: explicit entity and migration lists, synchronize always off. */
export function dataSourceOptions(env: DbSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: env.DATABASE_URL,
    ssl: env.DATABASE_SSL ? { rejectUnauthorized: false } : false,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: env.DATABASE_LOGGING ? ['query', 'error'] : false,
    extra: { max: env.DATABASE_POOL_SIZE, application_name: 'compute-voucher' },
  };
}

export function createDataSource(env: DbSettings): DataSource {
  return new DataSource(dataSourceOptions(env));
}

/** Applies every pending migration and closes the connection; returns the names applied. */
export async function migrate(env: DbSettings): Promise<string[]> {
  const ds = await createDataSource(env).initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
