import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '@app/persistence';

/** What a request may do, as the database says now (never as the token says). */
export interface UserAccess {
  role: Role;
  enterpriseId: string | null;
  supplierId: string | null;
  displayName: string;
  active: boolean;
  tokenVersion: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The guard's one read per signed-in request: a primary-key lookup of the user's role, owner, status and
 * token version. Its own provider so that a cache can be put in front of it later without touching the
 * guard (such a cache must be dropped when the version changes).
 */
@Injectable()
export class UserAccessLookup {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(userId: string): Promise<UserAccess | undefined> {
    if (!UUID.test(userId)) return undefined;
    const [row] = await this.db.query(
      `SELECT role, enterprise_id, supplier_id, display_name, active, token_version FROM users WHERE id = $1`,
      [userId],
    );
    if (!row) return undefined;
    return {
      role: row.role,
      enterpriseId: row.enterprise_id,
      supplierId: row.supplier_id,
      displayName: row.display_name,
      active: row.active,
      tokenVersion: row.token_version,
    };
  }

  /** The same read past any cache in front of it (principal-cache.ts): for a token newer than its entry. */
  reload(userId: string): Promise<UserAccess | undefined> {
    return this.find(userId);
  }
}
