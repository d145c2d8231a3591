import { deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { apiSuite } from '../support/api-suite';
import { E2E_PASSWORD } from '../support/e2e-stack';
import { signIn, type ApiSession } from '../support/http';

/**
 * Issue 10: no forged tokens, no stale tokens, and uploads checked by what they contain. The API on a real
 * PostgreSQL database, driven over HTTP as a hostile tester did.
 */
describe('tokens and uploads (real API + PostgreSQL)', () => {
  const PUBLISHED_SECRET = 'development-only-secret-change-me-0123456789';
  const api = apiSuite();
  let admin: ApiSession;
  const ids: Record<string, string> = {};

  const http = () => request(api.app.getHttpServer());
  const withToken = (token: string, url: string) => http().get(url).set('Authorization', `Bearer ${token}`);
  const adminCount = async () =>
    (await api.db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`))[0].n as number;

  beforeAll(async () => {
    for (const [key, role] of [
      ['admin', 'admin'],
      ['reviewer', 'reviewer'],
      ['changer', 'reviewer'],
      ['resetee', 'finance'],
      ['promoted', 'reviewer'],
      ['leaver', 'finance'],
    ] as const) {
      ids[key] = await api.addUser(`tok-${key}@e2e.example.cn`, role);
    }
    admin = await signIn(api.app, 'tok-admin@e2e.example.cn', E2E_PASSWORD);
  });

  describe('forged tokens', () => {
    it('refuses a token signed with the secret that used to be written in the source', async () => {
      const forger = new JwtService({
        secret: PUBLISHED_SECRET,
        signOptions: { algorithm: 'HS256', issuer: 'compute-voucher' },
      });
      // Both the old claim shape (role in the token) and the new one (sub + version).
      for (const claims of [
        { sub: ids.admin, role: 'admin', ent: null, sup: null, name: 'x' },
        { sub: ids.admin, ver: 0 },
      ]) {
        const token = await forger.signAsync(claims);
        const res = await withToken(token, '/admin/users');
        expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
      }
      const before = await adminCount();
      const create = await http()
        .post('/admin/users')
        .set('Authorization', `Bearer ${await forger.signAsync({ sub: ids.admin, ver: 0 })}`)
        .send({ email: 'forged@e2e.example.cn', displayName: 'f', password: 'p'.repeat(12), role: 'admin' });
      expect(create.status).toBe(401);
      expect(await adminCount()).toBe(before);
    });

    it("refuses a reviewer's token with its role edited to admin, re-signed with a wrong key or not at all", async () => {
      const reviewer = await signIn(api.app, 'tok-reviewer@e2e.example.cn', E2E_PASSWORD);
      const [header, payload] = reviewer.token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const edited = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
      const wrongKey = new JwtService({
        secret: randomBytes(32).toString('hex'),
        signOptions: { algorithm: 'HS256', issuer: 'compute-voucher' },
      });
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      for (const token of [
        await wrongKey.signAsync({ sub: claims.sub, ver: claims.ver, role: 'admin' }),
        `${header}.${edited}.${reviewer.token.split('.')[2]}`,
        `${none}.${edited}.`,
      ]) {
        const res = await withToken(token, '/admin/users');
        expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
      }
      // The genuine token still works, as a reviewer.
      await reviewer.get('/auth/me').expect(200);
      await reviewer.get('/admin/users').expect(403);
    });

    it('takes role and owner from the database, never from the token, even a correctly signed one', async () => {
      const jwt = api.app.get(JwtService, { strict: false });
      const token = await jwt.signAsync({ sub: ids.reviewer, ver: 0, role: 'admin', ent: null, sup: null });
      const res = await withToken(token, '/admin/users');
      expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
      const me = await withToken(token, '/auth/me').expect(200);
      expect(me.body.role).toBe('reviewer');
      // A token without a version is not one sign-in issues.
      const unversioned = await jwt.signAsync({ sub: ids.reviewer });
      expect((await withToken(unversioned, '/auth/me')).status).toBe(401);
    });
  });

  describe('tokens issued before a change are refused at once', () => {
    async function expectRevoked(token: string) {
      const res = await withToken(token, '/auth/me');
      expect([res.status, res.body.code]).toEqual([401, 'TOKEN_REVOKED']);
    }

    it('after the user changes their own password: every earlier token, the fresh one works', async () => {
      const phone = await signIn(api.app, 'tok-changer@e2e.example.cn', E2E_PASSWORD);
      const laptop = await signIn(api.app, 'tok-changer@e2e.example.cn', E2E_PASSWORD);
      const changed = await laptop
        .post('/auth/password', { currentPassword: E2E_PASSWORD, newPassword: 'a brand new secret' })
        .expect(200);
      await expectRevoked(phone.token);
      await expectRevoked(laptop.token);
      const fresh = await withToken(changed.body.accessToken, '/auth/me').expect(200);
      expect(fresh.body.email).toBe('tok-changer@e2e.example.cn');
      await signIn(api.app, 'tok-changer@e2e.example.cn', 'a brand new secret');
    });

    it('after an admin resets the password', async () => {
      const before = await signIn(api.app, 'tok-resetee@e2e.example.cn', E2E_PASSWORD);
      await before.get('/redemption-runs').expect(200);
      await admin
        .put(`/admin/users/${ids.resetee}/password`, { password: 'temporary password 1' })
        .expect(200);
      await expectRevoked(before.token);
      const after = await signIn(api.app, 'tok-resetee@e2e.example.cn', 'temporary password 1');
      await after.get('/redemption-runs').expect(200);
    });

    it('after an admin changes the role: the old token is refused, a fresh one has the new role only', async () => {
      const before = await signIn(api.app, 'tok-promoted@e2e.example.cn', E2E_PASSWORD);
      await before.get('/review-tasks').expect(200);
      const changed = await admin.put(`/admin/users/${ids.promoted}/role`, { role: 'finance' }).expect(200);
      expect(changed.body).toMatchObject({ role: 'finance', enterpriseId: null, supplierId: null });
      await expectRevoked(before.token);
      const after = await signIn(api.app, 'tok-promoted@e2e.example.cn', E2E_PASSWORD);
      expect((await after.get('/auth/me').expect(200)).body.role).toBe('finance');
      await after.get('/redemption-runs').expect(200);
      await after.get('/review-tasks').expect(403);
      const [audit] = await api.db.query(
        `SELECT before, after FROM audit_log WHERE action = 'user.role_changed' AND entity_id = $1`,
        [ids.promoted],
      );
      expect([audit.before.role, audit.after.role]).toEqual(['reviewer', 'finance']);
    });

    it('refuses a bad role change field by field and changes nothing; no one changes their own role', async () => {
      const bad = await admin.put(`/admin/users/${ids.reviewer}/role`, { role: 'enterprise' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['enterpriseId']);
      const unknown = await admin.put(`/admin/users/${ids.reviewer}/role`, {
        role: 'enterprise',
        enterpriseId: '00000000-0000-4000-8000-000000000000',
      });
      expect([unknown.status, unknown.body.code]).toEqual([422, 'UNKNOWN_ENTERPRISE']);
      // An owner that does not go with the new role is refused, not dropped.
      const inapplicable = await admin.put(`/admin/users/${ids.reviewer}/role`, {
        role: 'finance',
        supplierId: '00000000-0000-4000-8000-000000000000',
      });
      expect(inapplicable.status).toBe(400);
      expect(inapplicable.body.errors.map((e: { field: string }) => e.field)).toEqual(['supplierId']);
      const self = await admin.put(`/admin/users/${ids.admin}/role`, { role: 'finance' });
      expect([self.status, self.body.code]).toEqual([409, 'CANNOT_CHANGE_OWN_ROLE']);
      const [reviewer] = await api.db.query(`SELECT role, token_version FROM users WHERE id = $1`, [
        ids.reviewer,
      ]);
      expect(reviewer).toEqual({ role: 'reviewer', token_version: 0 });
      await admin.get('/admin/users').expect(200);
    });

    it('after deactivation, and still after the account is activated again', async () => {
      const before = await signIn(api.app, 'tok-leaver@e2e.example.cn', E2E_PASSWORD);
      await admin.patch(`/admin/users/${ids.leaver}`, { active: false }).expect(200);
      await expectRevoked(before.token);
      await http()
        .post('/auth/login')
        .send({ email: 'tok-leaver@e2e.example.cn', password: E2E_PASSWORD })
        .expect(401);
      await admin.patch(`/admin/users/${ids.leaver}`, { active: true }).expect(200);
      await expectRevoked(before.token);
      const after = await signIn(api.app, 'tok-leaver@e2e.example.cn', E2E_PASSWORD);
      await after.get('/redemption-runs').expect(200);
    });
  });

  describe('uploads are checked by their content', () => {
    const DOCS = '/admin/programs/beijing-ai-compute-2023/documents';
    const docCount = async () =>
      (await api.db.query(`SELECT count(*)::int AS n FROM program_documents`))[0].n as number;

    /** A minimal, well-formed one-page PDF. */
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
        '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    /** A real 1×1 PNG: signature, IHDR, IDAT, IEND with their CRCs. */
    const png = (() => {
      const crcTable = Array.from({ length: 256 }, (_, n) => {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        return c >>> 0;
      });
      const crc = (buf: Buffer) => {
        let c = 0xffffffff;
        for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
        return (c ^ 0xffffffff) >>> 0;
      };
      const chunk = (type: string, data: Buffer) => {
        const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
        const len = Buffer.alloc(4);
        len.writeUInt32BE(data.length);
        const sum = Buffer.alloc(4);
        sum.writeUInt32BE(crc(body));
        return Buffer.concat([len, body, sum]);
      };
      const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
      return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk('IHDR', ihdr),
        chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
        chunk('IEND', Buffer.alloc(0)),
      ]);
    })();
    const html = Buffer.from(
      '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
    );
    const elf = Buffer.concat([
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
      Buffer.alloc(8),
      Buffer.from([2, 0, 0x3e, 0, 1, 0, 0, 0]),
      randomBytes(200),
    ]);

    /**
     * One multipart body written by hand, so the file name goes on the wire exactly as a hostile client
     * would send it (`filename*` carries CR/LF, which a quoted filename cannot).
     */
    function upload(content: Buffer, type: string, disposition: string) {
      const boundary = `----cv${randomBytes(8).toString('hex')}`;
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\n` +
            `Content-Type: ${type}\r\n\r\n`,
          'utf8',
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return admin.post(DOCS).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body);
    }

    it('refuses HTML, random bytes and an ELF executable sent as PDF or PNG; nothing is stored', async () => {
      const before = await docCount();
      const auditsBefore = (
        await api.db.query(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = 'program.document_uploaded'`,
        )
      )[0].n;
      for (const [content, type] of [
        [html, 'application/pdf'],
        [html, 'image/png'],
        [randomBytes(4096), 'application/pdf'],
        [randomBytes(4096), 'image/png'],
        [elf, 'application/pdf'],
        [elf, 'image/png'],
        [png, 'application/pdf'],
        [pdf, 'image/jpeg'],
      ] as const) {
        const res = await upload(content, type, 'filename="doc.pdf"');
        expect([type, res.status, res.body.code]).toEqual([type, 422, 'MATERIAL_CONTENT_MISMATCH']);
        expect(res.body.errors).toEqual([
          expect.objectContaining({ field: 'file', code: 'MATERIAL_CONTENT_MISMATCH' }),
        ]);
        expect(res.body.message).toMatch(/文件内容与声明的类型.*不符/);
      }
      expect(await docCount()).toBe(before);
      const auditsAfter = (
        await api.db.query(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = 'program.document_uploaded'`,
        )
      )[0].n;
      expect(auditsAfter).toBe(auditsBefore);
    });

    it('accepts a real PDF and a real PNG', async () => {
      const before = await docCount();
      const a = await upload(pdf, 'application/pdf', 'filename="政策原文.pdf"').expect(201);
      const b = await upload(png, 'image/png', 'filename="scan.png"').expect(201);
      expect([a.body.filename, b.body.filename]).toEqual(['政策原文.pdf', 'scan.png']);
      expect(await docCount()).toBe(before + 2);
    });

    it('refuses CR/LF, control and bidi characters in a name, and a 1,000-character name, instead of cutting it', async () => {
      const before = await docCount();
      for (const disposition of [
        `filename*=UTF-8''evil%0D%0AX-Injected%3A%201.pdf`,
        `filename*=UTF-8''tab%09name.pdf`,
        `filename*=UTF-8''invoice%E2%80%AEfdp.exe`,
        'filename="a\u202Egnp.exe"',
        `filename="${'长'.repeat(1000)}.pdf"`,
        `filename="${'a'.repeat(1000)}.pdf"`,
      ]) {
        const res = await upload(pdf, 'application/pdf', disposition);
        expect([disposition.slice(0, 40), res.status, res.body.code]).toEqual([
          disposition.slice(0, 40),
          422,
          'MATERIAL_FILENAME',
        ]);
        expect(res.body.errors[0]).toMatchObject({ field: 'file', code: 'MATERIAL_FILENAME' });
      }
      expect(await docCount()).toBe(before);
      // 255 characters is the limit, kept whole.
      const longest = `${'b'.repeat(251)}.pdf`;
      const ok = await upload(
        Buffer.concat([pdf, Buffer.from('%255\n')]),
        'application/pdf',
        `filename="${longest}"`,
      );
      expect([ok.status, ok.body.filename]).toEqual([201, longest]);
    });

    it('serves a stored document as a download: nosniff and a safe Content-Disposition', async () => {
      const stored = await upload(
        Buffer.concat([pdf, Buffer.from('%download\n')]),
        'application/pdf',
        'filename="申请书 final (v2).pdf"',
      ).expect(201);
      const res = await admin.get(`${DOCS}/${stored.body.id}`).expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="___ final (v2).pdf"; filename*=UTF-8''${encodeURIComponent('申请书 final ')}%28v2%29.pdf`,
      );
      expect(Buffer.compare(res.body as Buffer, Buffer.concat([pdf, Buffer.from('%download\n')]))).toBe(0);
    });

    it('neutralises a name stored before names were checked (CR/LF, quotes) when downloading it', async () => {
      const [row] = await api.db.query(
        `INSERT INTO program_documents (program_code, filename, content_type, size_bytes, sha256, content, uploaded_by)
         VALUES ('beijing-ai-compute-2023', $1, 'text/html', 3, $2, $3, $4) RETURNING id`,
        ['old"\r\nSet-Cookie: x=1.html', 'f'.repeat(64), Buffer.from('<b>'), ids.admin],
      );
      const res = await admin.get(`${DOCS}/${row.id}`).expect(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-type']).toBe('application/octet-stream');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="old___Set-Cookie: x=1.html"; filename*=UTF-8''old%22%0D%0ASet-Cookie%3A%20x%3D1.html`,
      );
    });
  });
});
