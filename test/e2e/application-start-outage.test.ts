import net from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { ApplicationStartReconciler } from '../../apps/api/src/applications/application-start.reconciler';
import { signIn } from '../support/http';
import { eventually } from '../support/wait';
import { beijingApplicationBody } from '../support/fixtures';
import { E2E_PASSWORD, startE2eStack, type E2eStack } from '../support/e2e-stack';

/**
 * A TCP relay to the real Temporal server that can be cut and restored: the API behind it sees Temporal
 * go away and come back, exactly as in an outage, while the worker keeps its own direct connection.
 */
async function temporalRelay(target: string) {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), +target.slice(target.lastIndexOf(':') + 1)];
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let listenPort = 0;
  let listening = false;
  const open = () =>
    new Promise<void>((resolve) => {
      if (listening) return resolve();
      listening = true;
      server = net.createServer((client) => {
        const upstream = net.connect(port, host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(listenPort, '127.0.0.1', () => {
        listenPort = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      listening = false;
      for (const s of sockets) s.destroy();
      server!.close(() => resolve());
    });
  await open();
  return { address: () => `127.0.0.1:${listenPort}`, cut, restore: open };
}

describe('an application submitted while Temporal is away (real API, worker, Temporal, PostgreSQL)', () => {
  let stack: E2eStack;
  let relay: Awaited<ReturnType<typeof temporalRelay>>;
  let api: INestApplication;

  beforeAll(async () => {
    stack = await startE2eStack('outage', { APPLICATION_START_RECONCILE_SECONDS: '3600' });
    relay = await temporalRelay(process.env.TEMPORAL_ADDRESS!);
    // A second API process-alike reaching Temporal only through the relay.
    const direct = process.env.TEMPORAL_ADDRESS;
    process.env.TEMPORAL_ADDRESS = relay.address();
    try {
      api = await createApiApp();
      await api.init();
    } finally {
      process.env.TEMPORAL_ADDRESS = direct;
    }
  }, 120_000);

  afterAll(async () => {
    await relay?.restore().catch(() => undefined);
    await api?.close();
    await stack?.close();
    await relay?.cut();
  }, 120_000);

  it('is kept as submitted, and its checks start once Temporal answers again', async () => {
    await stack.setDate('2025-05-30');
    const unit = await stack.enterprise('beijing', 'RTA');
    const [{ email }] = await stack.db.query(`SELECT email FROM users WHERE enterprise_id = $1`, [unit.id]);
    const session = await signIn(api, email, E2E_PASSWORD);

    await relay.cut();
    const submitted = await session.post(
      '/applications',
      beijingApplicationBody(stack.suppliers.get('alibaba-cloud')!.id, 'OUTAGE-2025-001'),
    );
    // The unit's application is received, not lost and not an error.
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('submitted');
    const id: string = submitted.body.id;
    const reconciler = api.get(ApplicationStartReconciler);
    // Still away: nothing can be started, the application waits.
    expect(await reconciler.reconcile(0)).toBe(0);
    const [row] = await stack.db.query(`SELECT status FROM applications WHERE id = $1`, [id]);
    expect(row.status).toBe('submitted');

    await relay.restore();
    // The client reconnects with a back-off of its own, so the first pass after the restore may still find
    // Temporal away; the reconciler's next scheduled pass starts it. Exactly one workflow is started.
    expect(
      await eventually(() => reconciler.reconcile(0), 'the reconciler to start the workflow', 30_000, 500),
    ).toBe(1);
    const detail = await stack.applicationIn(unit.session, id, ['in_review']);
    expect(detail.checks.every((c: { passed: boolean }) => c.passed)).toBe(true);
    // A second pass finds nothing left to start, and re-submitting the contract is still refused as a duplicate.
    expect(await reconciler.reconcile(0)).toBe(0);
  }, 180_000);
});
