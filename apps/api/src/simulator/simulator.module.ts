import { Module } from '@nestjs/common';
import { ProgramDocumentsController } from './program-documents.controller';
import { SimulatorController } from './simulator.controller';

/** Program authoring: the simulator and the versions' source documents (ADR 0028). */
@Module({ controllers: [SimulatorController, ProgramDocumentsController] })
export class SimulatorModule {}
