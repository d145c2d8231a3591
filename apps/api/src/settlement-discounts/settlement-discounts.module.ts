import { Module } from '@nestjs/common';
import { SettlementDiscountsController } from './settlement-discounts.controller';

@Module({ controllers: [SettlementDiscountsController] })
export class SettlementDiscountsModule {}
