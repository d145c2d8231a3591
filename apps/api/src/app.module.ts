import path from 'node:path';
import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { TemporalClientModule } from '@app/temporal';
import { NotificationsModule } from '@app/notifications';
import { RunsController } from './finance/runs.controller';
import { PortalController } from './applications/portal.controller';
import { PortalService } from './applications/portal.service';
import { PdfService } from './applications/pdf.service';
import { InvoiceFilesController } from './supplier/invoice-files.controller';
import { InvoiceFilesService } from './supplier/invoice-files.service';
import { RunReportService } from './finance/run-report.service';
import { CatalogController } from './catalog/catalog.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardRepository } from './dashboard/dashboard.repository';
import { AdminController } from './admin/admin.controller';
import { RegistersController } from './admin/registers.controller';
import { RegistersService } from './admin/registers.service';
import { ProgramVersionsController } from './admin/program-versions.controller';
import { AdminService } from './admin/admin.service';
import { InboxController } from './inbox/inbox.controller';
import { SupplierController } from './supplier/supplier.controller';
import { SupplierService } from './supplier/supplier.service';
import { ClaimsController } from './vouchers/claims.controller';
import { ClaimsService } from './vouchers/claims.service';
import { ApplicationsController } from './applications/applications.controller';
import { DraftsController } from './applications/drafts.controller';
import { DraftsService } from './applications/drafts.service';
import { ApplicationsService } from './applications/applications.service';
import { ApplicationStartReconciler } from './applications/application-start.reconciler';
import { AuthModule } from './auth/auth.module';
import { WorkflowGateway } from './common/workflow-gateway';
import { HealthController } from './health/health.controller';
import { RootController } from './health/root.controller';
import { CommentsController } from './review/comments.controller';
import { CommentsService } from './review/comments.service';
import { ReviewController } from './review/review.controller';
import { ReviewService } from './review/review.service';
import { PoolModule } from './pool/pool.module';
import { RoundsModule } from './rounds/rounds.module';
import { SupervisionModule } from './supervision/supervision.module';
import { SimulatorModule } from './simulator/simulator.module';
import { ForecastModule } from './forecast/forecast.module';
import { RecipientsModule } from './public/recipients.module';
import { SettlementDiscountsModule } from './settlement-discounts/settlement-discounts.module';
import { EntrantGrantsModule } from './entrant-grants/entrant-grants.module';

/** The built web console: <repo>/apps/console/dist, whether this file runs from sources or from dist/. */
const REPO_ROOT = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  ...(__dirname.includes(`${path.sep}dist${path.sep}`) ? ['..'] : []),
);
const CONSOLE_DIST = path.join(REPO_ROOT, 'apps', 'console', 'dist');

@Module({
  imports: [
    ConfigModule,
    PersistenceModule,
    TemporalClientModule,
    AuthModule,
    NotificationsModule,
    PoolModule,
    RoundsModule,
    SupervisionModule,
    SimulatorModule,
    ForecastModule,
    RecipientsModule,
    SettlementDiscountsModule,
    EntrantGrantsModule,
    // The console is served under /console (its client-side routes fall back to index.html); the API
    // keeps every other path.
    ServeStaticModule.forRoot({
      rootPath: CONSOLE_DIST,
      serveRoot: '/console',
    }),
  ],
  controllers: [
    RootController,
    HealthController,
    DraftsController,
    ApplicationsController,
    ReviewController,
    CommentsController,
    SupplierController,
    ClaimsController,
    InboxController,
    AdminController,
    RegistersController,
    ProgramVersionsController,
    CatalogController,
    DashboardController,
    RunsController,
    PortalController,
    InvoiceFilesController,
  ],
  providers: [
    // Finance's run report (CSV, XLSX) over the run's SQL store, the same queries the worker uses.
    RunReportService,
    WorkflowGateway,
    ApplicationsService,
    DraftsService,
    ApplicationStartReconciler,
    ReviewService,
    CommentsService,
    DashboardRepository,
    SupplierService,
    ClaimsService,
    AdminService,
    RegistersService,
    PortalService,
    PdfService,
    InvoiceFilesService,
  ],
})
export class AppModule {}
