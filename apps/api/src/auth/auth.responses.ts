import { ApiProperty } from '@nestjs/swagger';

/** The signed-in user as the console needs it (never the password hash or token version). */
export class SessionUserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['enterprise', 'supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin'] })
  role!: 'enterprise' | 'supplier' | 'reviewer' | 'senior_reviewer' | 'finance' | 'admin';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) enterpriseId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supplierId!: string | null;
}

class TokenFields {
  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer …`' }) accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn!: number;
}

export class LoginResponse extends TokenFields {
  @ApiProperty({ type: SessionUserResponse }) user!: SessionUserResponse;
}

/** Every earlier token is revoked; this one replaces the caller's. */
export class PasswordChangedResponse extends TokenFields {
  @ApiProperty({ enum: [true] }) changed!: true;
}
