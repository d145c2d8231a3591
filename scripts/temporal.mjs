// `npm run temporal:provision` finds or installs the temporal CLI; `npm run temporal:dev` runs the dev
// server in the foreground (file-backed, WAL, our search attributes, Web UI on 8233).
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const temporal = require('./lib/temporal.js');
const [command = 'provision'] = process.argv.slice(2);

const bin = temporal.provisionTemporal();
if (command === 'provision') {
  if (!bin) {
    console.error(
      'temporal: not available (no binary, no Go >= 1.25); `npm start` will let @temporalio/testing download one',
    );
    process.exit(1);
  }
  console.log(bin);
} else if (command === 'start') {
  const server = await temporal.startDevServer({
    bin,
    port: Number(process.env.TEMPORAL_PORT ?? 7233),
    uiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
    dbFile: path.join(temporal.ROOT, '.data', 'temporal', 'temporal.db'),
  });
  console.log(`Temporal dev server on ${server.address}, Web UI http://127.0.0.1:${server.uiPort}`);
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  console.error(`unknown command ${command}: use provision or start`);
  process.exit(2);
}
