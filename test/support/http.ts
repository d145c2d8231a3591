import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

/** A signed-in user's view of the HTTP API (the same routes the console uses). */
export interface ApiSession {
  token: string;
  get(url: string): request.Test;
  post(url: string, body?: object): request.Test;
  put(url: string, body?: object): request.Test;
  patch(url: string, body?: object): request.Test;
  delete(url: string): request.Test;
}

export async function signIn(app: INestApplication, email: string, password: string): Promise<ApiSession> {
  const res = await request(app.getHttpServer()).post('/auth/login').send({ email, password }).expect(200);
  const token: string = res.body.accessToken;
  const auth = (t: request.Test) => t.set('Authorization', `Bearer ${token}`);
  const server = app.getHttpServer();
  return {
    token,
    get: (url) => auth(request(server).get(url)),
    post: (url, body) =>
      body === undefined ? auth(request(server).post(url)) : auth(request(server).post(url)).send(body),
    put: (url, body) => auth(request(server).put(url)).send(body ?? {}),
    patch: (url, body) => auth(request(server).patch(url)).send(body ?? {}),
    delete: (url) => auth(request(server).delete(url)),
  };
}

/** The enterprise claims redemption of a confirmed settlement on the invoice `invoiceNumber`. */
export function fileClaim(
  enterprise: ApiSession,
  settlementId: string,
  invoiceNumber: string,
  invoicedAmount: string,
) {
  return enterprise.post('/claims', { settlementId, invoiceNumber, invoicedAmount });
}

/**
 * The supplier records a settlement of `amount` on the contract for `period` (invoiced on its last day),
 * expected to be confirmed, and the enterprise claims it; answers the claim's answer.
 */
export async function settleAndClaim(
  supplier: ApiSession,
  enterprise: ApiSession,
  contractId: string,
  invoice: string,
  amount: string,
  period: [string, string],
) {
  const s = await supplier.post(`/supplier/contracts/${contractId}/settlements`, {
    periodStart: period[0],
    periodEnd: period[1],
    amount,
    invoiceNumber: invoice,
    invoiceDate: period[1],
  });
  expect(s.status).toBe(201);
  return fileClaim(enterprise, s.body.id, invoice, amount);
}
