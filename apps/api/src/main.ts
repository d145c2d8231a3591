import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppEnv, closeOnSignals } from '@app/config';
import { createApiApp } from './bootstrap';

async function main() {
  const app = await createApiApp();
  const { PORT, API_HOST } = app.get(AppEnv);
  // Loopback by default: reachable from other machines only when API_HOST says so (containers: 0.0.0.0).
  await app.listen(PORT, API_HOST);
  Logger.log(`API on http://${API_HOST}:${PORT} (OpenAPI at /docs)`, 'Api');
  return app;
}

const booting = main();
closeOnSignals(booting, 'Api');
booting.catch((err) => {
  console.error(err);
  process.exit(1);
});
