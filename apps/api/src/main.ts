import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppEnv, closeOnSignals } from '@app/config';
import { createApiApp } from './bootstrap';

async function main() {
  const app = await createApiApp();
  const { PORT } = app.get(AppEnv);
  await app.listen(PORT, '0.0.0.0');
  Logger.log(`API on http://127.0.0.1:${PORT} (OpenAPI at /docs)`, 'Api');
  return app;
}

const booting = main();
closeOnSignals(booting, 'Api');
booting.catch((err) => {
  console.error(err);
  process.exit(1);
});
