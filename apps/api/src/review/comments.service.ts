import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appendAudit } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/errors';

const SELECT = `SELECT c.id, c.application_id AS "applicationId", c.author_id AS "authorId",
                       u.display_name AS "authorName", u.role AS "authorRole", c.body, c.created_at AS "createdAt"
                  FROM application_comments c JOIN users u ON u.id = c.author_id`;

/** The reviewers' thread on an application (ADR 0048): append-only, never shown to the enterprise. */
@Injectable()
export class CommentsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(applicationId: string) {
    await this.assertApplication(applicationId);
    return this.db.query(`${SELECT} WHERE c.application_id = $1 ORDER BY c.created_at, c.id`, [
      applicationId,
    ]);
  }

  /** The comment and its audit row commit together. */
  async add(me: Principal, applicationId: string, body: string) {
    await this.assertApplication(applicationId);
    const text = body.trim();
    return this.db.transaction(async (tx) => {
      const [{ id }] = (await tx.query(
        `INSERT INTO application_comments (application_id, author_id, body) VALUES ($1, $2, $3) RETURNING id`,
        [applicationId, me.userId, text],
      )) as { id: string }[];
      await appendAudit(tx, me.userId, 'application.commented', ['application', applicationId], {
        after: { commentId: id, body: text },
      });
      const [row] = await tx.query(`${SELECT} WHERE c.id = $1`, [id]);
      return row;
    });
  }

  private async assertApplication(id: string) {
    const [row] = await this.db.query(`SELECT 1 FROM applications WHERE id = $1`, [id]);
    if (!row) notFound('application');
  }
}
