import 'reflect-metadata';
import { loadEnv } from '@app/config';
import { migrate } from '../data-source';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL. */
async function main() {
  const applied = await migrate(loadEnv());
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database schema is up to date');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
