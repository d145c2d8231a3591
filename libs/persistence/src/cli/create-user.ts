import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadEnv } from '@app/config';
import { createDataSource } from '../data-source';
import { ROLES, UserRecord, type Role } from '../entities';
import { appendAudit } from '../audit';
import { hashPassword } from '../password';

/**
 * `npm run user:create -- --email admin@bureau.gov.cn --name 管理员 [--role admin]`, with the password in
 * NEW_USER_PASSWORD: how a production installation gets its first administrator (the API creates the rest).
 */
async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'admin' },
    },
  });
  const password = process.env.NEW_USER_PASSWORD ?? '';
  const problems: string[] = [];
  if (!values.email || !/^[^\s@]+@[^\s@]+$/.test(values.email))
    problems.push('--email must be an email address');
  if (!values.name) problems.push('--name is required');
  if (!ROLES.includes(values.role as Role) || values.role === 'enterprise' || values.role === 'supplier') {
    problems.push('--role must be a bureau role: admin, reviewer, senior_reviewer or finance');
  }
  if (password.length < 10) problems.push('NEW_USER_PASSWORD must hold a password of at least 10 characters');
  if (problems.length) throw new Error(problems.join('\n'));
  const db = await createDataSource(loadEnv()).initialize();
  try {
    await db.transaction(async (tx) => {
      const saved = await tx.save(UserRecord, {
        email: values.email!.toLowerCase(),
        displayName: values.name!,
        passwordHash: await hashPassword(password),
        role: values.role as Role,
        enterpriseId: null,
        supplierId: null,
        active: true,
      });
      await appendAudit(tx, 'system:cli', 'user.created', ['user', saved.id], {
        after: { email: saved.email, role: saved.role },
      });
      console.log(`created ${saved.role} ${saved.email} (${saved.id})`);
    });
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
