import { Module } from '@nestjs/common';
import { EntrantGrantsController } from './entrant-grants.controller';

@Module({ controllers: [EntrantGrantsController] })
export class EntrantGrantsModule {}
