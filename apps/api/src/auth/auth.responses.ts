import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** The signed-in user as the console needs it (never the password hash or token version). */
export class SessionUserResponse extends Fields({
  id: is.uuid,
  email: is.email,
  displayName: is.text,
  role: is.exactly('enterprise', 'supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin'),
  enterpriseId: is.uuidOrNull,
  supplierId: is.uuidOrNull,
}) {}

class TokenFields extends Fields({
  accessToken: is.text.about('JWT to send as `Authorization: Bearer …`'),
  tokenType: is.exactly('Bearer'),
  expiresIn: is.numeric.about('Seconds until the token expires'),
}) {}

export class LoginResponse extends Fields(TokenFields, {
  user: SessionUserResponse,
}) {}

/** Every earlier token is revoked; this one replaces the caller's. */
export class PasswordChangedResponse extends Fields(TokenFields, {
  changed: is.exactly(true),
}) {}
