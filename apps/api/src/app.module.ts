import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { TemporalClientModule } from '@app/temporal';
import { NotificationsModule } from '@app/notifications';
import { AdminController } from './admin/admin.controller';
import { AdminService } from './admin/admin.service';
import { InboxController } from './inbox/inbox.controller';
import { SupplierController } from './supplier/supplier.controller';
import { SupplierService } from './supplier/supplier.service';
import { ClaimsController } from './vouchers/claims.controller';
import { ClaimsService } from './vouchers/claims.service';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { AuthModule } from './auth/auth.module';
import { WorkflowGateway } from './common/workflow-gateway';
import { HealthController } from './health/health.controller';
import { ReviewController } from './review/review.controller';
import { ReviewService } from './review/review.service';

@Module({
  imports: [ConfigModule, PersistenceModule, TemporalClientModule, AuthModule, NotificationsModule],
  controllers: [
    HealthController,
    ApplicationsController,
    ReviewController,
    SupplierController,
    ClaimsController,
    InboxController,
    AdminController,
  ],
  providers: [
    WorkflowGateway,
    ApplicationsService,
    ReviewService,
    SupplierService,
    ClaimsService,
    AdminService,
  ],
})
export class AppModule {}
