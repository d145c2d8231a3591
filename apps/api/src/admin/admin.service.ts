import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  type DeepPartial,
  type EntityTarget,
  type FindOptionsWhere,
  type ObjectLiteral,
} from 'typeorm';
import {
  BusinessClock,
  EnterpriseRecord,
  ProgramCatalog,
  ProgramRecord,
  RelatedPartyLinkRecord,
  SupplierRecord,
  UserRecord,
  VoucherRecord,
  appendAudit,
  hashPassword,
  type Role,
} from '@app/persistence';
import { REASON_MESSAGES, programStatusOn, voucherWithdrawalRefusal } from '@app/domain';
import { applicationWorkflowId } from '@app/temporal';
import type { Principal } from '../auth/principal';
import { WorkflowGateway } from '../common/workflow-gateway';
import { conflict, notFound, refused } from '../common/errors';
import { uniqueViolationOf } from '../common/exception-filter';
import { likePattern } from '../common/sql';
import type { AdminListQuery } from './admin.dto';
import type {
  ChangeUserRoleDto,
  CreateUserDto,
  EnterpriseDto,
  RelatedPartyDto,
  SupplierDto,
} from './admin.dto';

/** What `q` matches (case-insensitive, anywhere; % and _ typed by the user are literal). */
const SEARCH: Record<'enterprises' | 'suppliers' | 'related_party_links', string> = {
  enterprises: '(t.name ILIKE :q OR t.credit_code ILIKE :q OR t.contact_email ILIKE :q)',
  suppliers: '(t.code ILIKE :q OR t.name_zh ILIKE :q OR t.name_en ILIKE :q OR t.contact_email ILIKE :q)',
  // A link is found by either party's name or code, or by its description.
  related_party_links: `(t.description ILIKE :q
    OR t.enterprise_id IN (SELECT id FROM enterprises WHERE name ILIKE :q OR credit_code ILIKE :q)
    OR t.supplier_id IN (SELECT id FROM suppliers WHERE code ILIKE :q OR name_zh ILIKE :q OR name_en ILIKE :q))`,
};

const LISTABLE = {
  enterprises: EnterpriseRecord,
  suppliers: SupplierRecord,
  related_party_links: RelatedPartyLinkRecord,
};

/**
 * Unique-key violations become 409 ALREADY_EXISTS (the code the console's admin forms know), naming the
 * field and never PostgreSQL's key detail.
 */
function uniqueViolation(err: unknown): never {
  const duplicate = uniqueViolationOf(err);
  if (!duplicate) throw err;
  const { message, messages, field } = duplicate;
  throw new ConflictException({
    statusCode: 409,
    code: 'ALREADY_EXISTS',
    message,
    messages,
    ...(field ? { errors: [{ field, code: duplicate.code, message }] } : {}),
  });
}

@Injectable()
export class AdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clockService: BusinessClock,
    private readonly workflows: WorkflowGateway,
    private readonly catalog: ProgramCatalog,
  ) {}

  /** The application workflow owns the voucher's life: the withdrawal is a signal to it. */
  async withdrawVoucher(me: Principal, id: string, reason: string) {
    const voucher = await this.db.getRepository(VoucherRecord).findOneBy({ id });
    if (!voucher) notFound('voucher');
    // Money-safe (ADR 0050): never while a claim of it is still on its way to a payout.
    const claims: { status: string }[] = await this.db.query(
      `SELECT status FROM redemption_claims WHERE voucher_id = $1`,
      [id],
    );
    const refusal = voucherWithdrawalRefusal({
      status: voucher.status,
      claimStatuses: claims.map((c) => c.status),
    });
    if (refusal === 'VOUCHER_NOT_ACTIVE') conflict(refusal, `The voucher is ${voucher.status}`);
    if (refusal) conflict(refusal, REASON_MESSAGES[refusal].en);
    await this.workflows.signal(applicationWorkflowId(voucher.applicationId), 'withdrawVoucher', {
      userId: me.userId,
      reason,
    });
    // The workflow records it within moments; answer with what it recorded when it is that quick.
    let status: string = voucher.status;
    for (let i = 0; i < 40 && status === 'active'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await this.db.getRepository(VoucherRecord).findOneBy({ id }))?.status ?? status;
    }
    return { id, withdrawRequested: true, status };
  }

  /** Each program with the version in force today (its definition is what the console shows). */
  async programs() {
    const today = await this.clockService.today();
    const rows = await this.db.getRepository(ProgramRecord).find({ order: { code: 'ASC' } });
    return Promise.all(
      rows.map(async (p) => {
        const current = await this.catalog.inForce(p.code, today);
        return {
          ...p,
          // Closed by hand or by its plan's end: never 开放申领 once nothing new is taken (ADR 0044).
          status: programStatusOn(current.definition, p.active, today),
          version: current.version,
          effectiveFrom: current.effectiveFrom,
          definition: current.definition,
        };
      }),
    );
  }

  async setProgramActive(me: Principal, code: string, active: boolean) {
    await this.setActive(me, ProgramRecord, 'program', { code }, code, active);
    return { code, active };
  }

  /** A page of a registry table, newest first, optionally searched by name or code (`q`). */
  async list(table: keyof typeof LISTABLE, q: AdminListQuery) {
    const qb = this.db
      .getRepository(LISTABLE[table] as typeof EnterpriseRecord)
      .createQueryBuilder('t')
      .orderBy('t.created_at', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize);
    if (q.q) qb.andWhere(SEARCH[table], { q: likePattern(q.q) });
    const [rows, total] = await qb.getManyAndCount();
    const items = table === 'related_party_links' ? await this.withNames(rows as object[]) : rows;
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async one(table: 'enterprises' | 'suppliers', id: string) {
    const row = await this.db.getRepository(LISTABLE[table] as typeof EnterpriseRecord).findOneBy({ id });
    if (!row) notFound(table === 'enterprises' ? 'enterprise' : 'supplier');
    return row;
  }

  /** Adds the enterprise's and supplier's names to rows that carry their ids. */
  private async withNames<T extends { enterpriseId?: string | null; supplierId?: string | null }>(rows: T[]) {
    const enterpriseIds = [...new Set(rows.map((r) => r.enterpriseId).filter((x): x is string => !!x))];
    const supplierIds = [...new Set(rows.map((r) => r.supplierId).filter((x): x is string => !!x))];
    const enterprises = new Map<string, string>(
      (await this.db.query(`SELECT id, name FROM enterprises WHERE id = ANY($1)`, [enterpriseIds])).map(
        (e: { id: string; name: string }) => [e.id, e.name],
      ),
    );
    const suppliers = new Map<string, string>(
      (await this.db.query(`SELECT id, name_zh FROM suppliers WHERE id = ANY($1)`, [supplierIds])).map(
        (e: { id: string; name_zh: string }) => [e.id, e.name_zh],
      ),
    );
    return rows.map((r) => ({
      ...r,
      enterpriseName: r.enterpriseId ? (enterprises.get(r.enterpriseId) ?? null) : null,
      supplierName: r.supplierId ? (suppliers.get(r.supplierId) ?? null) : null,
    }));
  }

  saveEnterprise(me: Principal, id: string | null, dto: EnterpriseDto) {
    return this.save(me, EnterpriseRecord, 'enterprise', id, {
      ...dto,
      lastDishonestyRecordDate: dto.lastDishonestyRecordDate ?? null,
    });
  }

  saveSupplier(me: Principal, id: string | null, dto: SupplierDto) {
    return this.save(me, SupplierRecord, 'supplier', id, dto);
  }

  async link(me: Principal, dto: RelatedPartyDto) {
    if (!(await this.db.getRepository(EnterpriseRecord).existsBy({ id: dto.enterpriseId })))
      refused('UNKNOWN_ENTERPRISE', 'No enterprise with this id', 'enterpriseId');
    if (!(await this.db.getRepository(SupplierRecord).existsBy({ id: dto.supplierId })))
      refused('UNKNOWN_SUPPLIER', 'No supplier with this id', 'supplierId');
    return this.db
      .transaction(async (tx) => {
        const saved = await tx.save(RelatedPartyLinkRecord, { ...dto });
        await appendAudit(tx, me.userId, 'related_party.linked', ['related_party_link', saved.id], {
          after: dto,
        });
        return saved;
      })
      .catch(uniqueViolation);
  }

  async unlink(me: Principal, id: string) {
    const link = await this.db.getRepository(RelatedPartyLinkRecord).findOneBy({ id });
    if (!link) notFound('related-party link');
    await this.db.transaction(async (tx) => {
      await tx.delete(RelatedPartyLinkRecord, { id });
      await appendAudit(tx, me.userId, 'related_party.unlinked', ['related_party_link', id], {
        before: { ...link },
      });
    });
    return { id, deleted: true };
  }

  async users(q: AdminListQuery & { role?: string }) {
    const qb = this.db
      .getRepository(UserRecord)
      .createQueryBuilder('u')
      .orderBy('u.created_at', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize);
    if (q.q) qb.andWhere('(u.email ILIKE :q OR u.display_name ILIKE :q)', { q: likePattern(q.q) });
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    const [rows, total] = await qb.getManyAndCount();
    return { items: await this.withNames(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async createUser(me: Principal, dto: CreateUserDto) {
    if (
      dto.role === 'enterprise' &&
      !(await this.db.getRepository(EnterpriseRecord).existsBy({ id: dto.enterpriseId! }))
    ) {
      refused('UNKNOWN_ENTERPRISE', 'No enterprise with this id', 'enterpriseId');
    }
    if (
      dto.role === 'supplier' &&
      !(await this.db.getRepository(SupplierRecord).existsBy({ id: dto.supplierId! }))
    ) {
      refused('UNKNOWN_SUPPLIER', 'No supplier with this id', 'supplierId');
    }
    const passwordHash = await hashPassword(dto.password);
    return this.db
      .transaction(async (tx) => {
        const saved = await tx.save(UserRecord, {
          email: dto.email.toLowerCase(),
          displayName: dto.displayName,
          passwordHash,
          role: dto.role as Role,
          enterpriseId: dto.role === 'enterprise' ? dto.enterpriseId! : null,
          supplierId: dto.role === 'supplier' ? dto.supplierId! : null,
          active: true,
        });
        await appendAudit(tx, me.userId, 'user.created', ['user', saved.id], {
          after: { email: saved.email, role: saved.role },
        });
        const { passwordHash: _omit, ...view } = saved;
        return view;
      })
      .catch(uniqueViolation);
  }

  /** Deactivating revokes the user's tokens at once (the users trigger bumps their token version). */
  async setUserActive(me: Principal, id: string, active: boolean) {
    if (id === me.userId && !active)
      conflict('CANNOT_DEACTIVATE_SELF', 'You cannot deactivate your own account');
    await this.setActive(me, UserRecord, 'user', { id }, id, active);
    return { id, active };
  }

  /**
   * Gives a user another role (and, for enterprise and supplier users, the record they act for). Their
   * earlier tokens are refused at once: the users trigger bumps the token version. Not one's own role, so
   * an administrator cannot lock the last administrator out by mistake.
   */
  async changeUserRole(me: Principal, id: string, dto: ChangeUserRoleDto) {
    if (id === me.userId) conflict('CANNOT_CHANGE_OWN_ROLE', 'You cannot change your own role');
    const before = await this.db.getRepository(UserRecord).findOneBy({ id });
    if (!before) notFound('user');
    const enterpriseId = dto.role === 'enterprise' ? dto.enterpriseId! : null;
    const supplierId = dto.role === 'supplier' ? dto.supplierId! : null;
    if (enterpriseId && !(await this.db.getRepository(EnterpriseRecord).existsBy({ id: enterpriseId })))
      refused('UNKNOWN_ENTERPRISE', 'No enterprise with this id', 'enterpriseId');
    if (supplierId && !(await this.db.getRepository(SupplierRecord).existsBy({ id: supplierId })))
      refused('UNKNOWN_SUPPLIER', 'No supplier with this id', 'supplierId');
    const after = { role: dto.role as Role, enterpriseId, supplierId };
    await this.db.transaction(async (tx) => {
      await tx.update(UserRecord, { id }, after);
      await appendAudit(tx, me.userId, 'user.role_changed', ['user', id], {
        before: { role: before.role, enterpriseId: before.enterpriseId, supplierId: before.supplierId },
        after,
      });
    });
    return { id, ...after };
  }

  /** The user's earlier tokens are refused at once (the users trigger bumps their token version). */
  async resetPassword(me: Principal, id: string, password: string) {
    if (!(await this.db.getRepository(UserRecord).existsBy({ id }))) notFound('user');
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      await tx.update(UserRecord, { id }, { passwordHash });
      await appendAudit(tx, me.userId, 'user.password_reset', ['user', id]);
    });
    return { id, passwordReset: true };
  }

  async clock() {
    return { sandbox: this.clockService.sandbox, today: await this.clockService.today() };
  }

  async setClock(me: Principal, date: string | null) {
    if (!this.clockService.sandbox)
      conflict('SANDBOX_CLOCK_DISABLED', 'The business date can only be set in sandbox mode');
    await this.db.transaction(async (tx) => {
      await appendAudit(tx, me.userId, 'clock.set', ['clock', 'sandbox'], { after: { businessDate: date } });
    });
    await this.clockService.setBusinessDate(date, me.userId);
    return this.clock();
  }

  /** Creates (id null) or updates a registry record, with its audit row in the same transaction. */
  private save<T extends ObjectLiteral & { id: string }>(
    me: Principal,
    target: EntityTarget<T>,
    entityType: string,
    id: string | null,
    values: object,
  ) {
    return this.db
      .transaction(async (tx) => {
        const before = id ? await tx.findOneBy(target, { id } as FindOptionsWhere<T>) : null;
        if (id && !before) notFound(entityType);
        const saved = await tx.save(target, { ...(before ?? {}), ...values } as DeepPartial<T>);
        await appendAudit(
          tx,
          me.userId,
          `${entityType}.${id ? 'updated' : 'created'}`,
          [entityType, saved.id],
          { before, after: values },
        );
        return saved;
      })
      .catch(uniqueViolation);
  }

  /** Opens/closes a program or (de)activates a user, audited. */
  private async setActive<T extends ObjectLiteral & { active: boolean }>(
    me: Principal,
    target: EntityTarget<T>,
    entityType: string,
    where: FindOptionsWhere<T>,
    key: string,
    active: boolean,
  ): Promise<void> {
    const row = await this.db.getRepository(target).findOneBy(where);
    if (!row) notFound(entityType);
    await this.db.transaction(async (tx) => {
      await tx.update(target, where, { active } as never);
      await appendAudit(tx, me.userId, `${entityType}.active_set`, [entityType, key], {
        before: { active: row.active },
        after: { active },
      });
    });
  }
}
