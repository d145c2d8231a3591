import { Module } from '@nestjs/common';
import { RecipientsController } from './recipients.controller';
import { VerificationRateLimit } from './verification-rate-limit';
import { VoucherVerificationController } from './voucher-verification.controller';

/** Published recipient lists and the bank's voucher verification (ADR 0030). */
@Module({
  controllers: [RecipientsController, VoucherVerificationController],
  providers: [VerificationRateLimit],
})
export class RecipientsModule {}
