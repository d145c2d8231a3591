import type { Role } from '@app/persistence';

/**
 * Who is calling: the user named by a verified access token, with their role and owner as the database
 * holds them now; never from the request body.
 */
export interface Principal {
  userId: string;
  role: Role;
  enterpriseId: string | null;
  supplierId: string | null;
  displayName: string;
}
