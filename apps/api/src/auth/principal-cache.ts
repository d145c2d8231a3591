import {
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Request } from 'express';
import { type Observable, mergeMap } from 'rxjs';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { type UserAccess, UserAccessLookup } from './user-access';

/** How many users' access is kept (the oldest entry goes first). */
const MAX_ENTRIES = 10_000;
/** The listening connection is pinged this often; no answer within PING_TIMEOUT_MS counts as lost. */
const PING_EVERY_MS = 5_000;
const PING_TIMEOUT_MS = 2_000;
const RECONNECT_AFTER_MS = 1_000;

/**
 * The guard's per-request user lookup, kept in memory and dropped the moment the row changes: a trigger on
 * users announces `NOTIFY principal_changed, '<user id>'` when a change commits (migration
 * 1764300900000) and this process LISTENs on a connection of its own and evicts. Without that connection
 * (not yet open, lost, or unanswered to a ping) nothing is kept and every request reads the database, so
 * a revocation is never later than the notification itself. ADR 0043.
 */
@Injectable()
export class PrincipalCache
  extends UserAccessLookup
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('PrincipalCache');
  private readonly entries = new Map<string, UserAccess>();
  /** Bumped on every eviction: a read begun before one is not stored (it may predate the change). */
  private epoch = 0;
  private listener?: Client;
  private listening = false;
  private closed = false;
  private pingTimer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private pingInFlight?: Promise<void>;
  private pingQueued?: Promise<void>;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly env: AppEnv,
  ) {
    super(db);
  }

  /** Whether the cache is in use (the LISTEN connection is up). */
  get active(): boolean {
    return this.listening;
  }

  override async find(userId: string): Promise<UserAccess | undefined> {
    const hit = this.listening ? this.entries.get(userId) : undefined;
    if (hit) return hit;
    const epoch = this.epoch;
    const access = await super.find(userId);
    // Only what was read entirely while listening, with no change announced since.
    if (access && this.listening && this.epoch === epoch) {
      if (this.entries.size >= MAX_ENTRIES) {
        this.entries.delete(this.entries.keys().next().value as string);
      }
      this.entries.set(userId, access);
    }
    return access;
  }

  /** Drops one user's entry (a change this process made itself, before it answers). */
  forget(userId: string): void {
    this.entries.delete(userId);
    this.epoch += 1;
  }

  /** A token newer than the entry: this process has not heard of the change yet, so read again. */
  override reload(userId: string): Promise<UserAccess | undefined> {
    this.forget(userId);
    return this.find(userId);
  }

  /**
   * Resolves once every notification committed before the call has been handled: a round trip on the
   * listening connection begun after the call (PostgreSQL delivers a pending notification before it
   * answers). Callers at the same moment share one round trip.
   */
  settled(): Promise<void> {
    const client = this.listener;
    if (!this.listening || !client) return Promise.resolve();
    if (!this.pingInFlight) {
      this.pingInFlight = this.ping(client).finally(() => (this.pingInFlight = undefined));
      return this.pingInFlight;
    }
    // The round trip under way may have begun before the caller's change committed: wait for the next.
    this.pingQueued ??= this.pingInFlight.then(() => {
      this.pingQueued = undefined;
      return this.settled();
    });
    return this.pingQueued;
  }

  onApplicationBootstrap(): void {
    void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pingTimer);
    this.goDeaf();
    await this.listener?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client({
      connectionString: this.env.DATABASE_URL,
      ssl: this.env.DATABASE_SSL ? { rejectUnauthorized: false } : false,
      application_name: 'compute-voucher-principal-listener',
      keepAlive: true,
    });
    this.listener = client;
    client.on('notification', (msg) => {
      if (msg.channel !== 'principal_changed') return;
      if (!msg.payload || msg.payload === '*') this.clear();
      else this.forget(msg.payload);
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query('LISTEN principal_changed');
      if (this.closed || this.listener !== client) return;
      // Whatever changed while we were not listening is unknown: start empty.
      this.clear();
      this.listening = true;
      this.pingTimer = setInterval(() => void this.ping(client), PING_EVERY_MS);
      this.pingTimer.unref();
      this.logger.log('listening on principal_changed: user access is cached');
    } catch (err) {
      this.lost(client, err as Error);
    }
  }

  /** A silently dead connection would miss notifications: no answer in time counts as lost. */
  private async ping(client: Client): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping unanswered')), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([client.query('SELECT 1'), late]);
    } catch (err) {
      this.lost(client, err as Error);
    } finally {
      clearTimeout(timer);
    }
  }

  private lost(client: Client, err: Error): void {
    if (this.listener !== client) return;
    this.goDeaf();
    this.listener = undefined;
    clearInterval(this.pingTimer);
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.logger.warn(
      `principal_changed listener lost (${err.message}); reading users uncached until it is back`,
    );
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), RECONNECT_AFTER_MS);
    this.reconnectTimer.unref();
  }

  private goDeaf(): void {
    this.listening = false;
    this.clear();
  }

  private clear(): void {
    this.entries.clear();
    this.epoch += 1;
  }
}

/**
 * A change to a user made through this API (a password, a deactivation, a role) is heard before the
 * request that made it is answered, so the next request — from anyone — never meets the old copy. Only
 * requests that may write pay the round trip (principal-cache.ts `settled`).
 */
@Injectable()
export class PrincipalChangesSettled implements NestInterceptor {
  constructor(private readonly cache: PrincipalCache) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const method = ctx.switchToHttp().getRequest<Request>().method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next.handle();
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.cache.settled();
        return body;
      }),
    );
  }
}
