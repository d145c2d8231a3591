import type { Role } from '@app/persistence';

/** Who is calling: taken from a verified access token, never from the request body. */
export interface Principal {
  userId: string;
  role: Role;
  enterpriseId: string | null;
  supplierId: string | null;
  displayName: string;
}
