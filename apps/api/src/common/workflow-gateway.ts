import { ConflictException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { WorkflowRefusalException, workflowRefusalOf } from './workflow-refusal';
import { AppEnv } from '@app/config';
import { addWorkingDays, daysInclusive } from '@app/domain';
import { BusinessClock } from '@app/persistence';
import { TEMPORAL_CLIENT, applicationWorkflowId } from '@app/temporal';
import type { ReviewDecision, applicationWorkflow } from '@app/workflows/application.workflow';

/** The API's only door into Temporal: starts workflows and sends human decisions as Updates. */
@Injectable()
export class WorkflowGateway {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly env: AppEnv,
    private readonly clock: BusinessClock,
  ) {}

  async startApplication(applicationId: string, programCode: string): Promise<void> {
    const reviewDueMs = this.env.REVIEW_DUE_SECONDS
      ? this.env.REVIEW_DUE_SECONDS * 1000
      : await this.workingDaysFromToday(this.env.REVIEW_DUE_WORKING_DAYS);
    await this.client.workflow.start<typeof applicationWorkflow>('applicationWorkflow', {
      workflowId: applicationWorkflowId(applicationId),
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      args: [
        {
          applicationId,
          programCode,
          reviewDueMs,
          secondApprovalThreshold: this.env.SECOND_APPROVAL_THRESHOLD,
        },
      ],
      // A double submit finds the running workflow instead of starting another.
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  }

  /** N working days (the domain calendar: holidays and 调休 included) from today's business date, as a duration. */
  private async workingDaysFromToday(n: number): Promise<number> {
    const today = await this.clock.today();
    const calendarDays = daysInclusive(today, addWorkingDays(today, n)) - 1;
    return calendarDays * 24 * 3600 * 1000;
  }

  decide(applicationId: string, decision: ReviewDecision) {
    return this.update<{ applicationStatus: string }>(applicationId, 'decide', decision);
  }

  resubmit(applicationId: string, userId: string, note: string | null) {
    return this.update<{ round: number }>(applicationId, 'resubmit', { userId, note });
  }

  async signal(workflowId: string, name: string, arg?: unknown): Promise<void> {
    await this.client.workflow.getHandle(workflowId).signal(name, ...(arg === undefined ? [] : [arg]));
  }

  async update<T>(applicationId: string, name: string, arg: unknown): Promise<T> {
    return this.updateWorkflow<T>(applicationWorkflowId(applicationId), name, arg);
  }

  /** Executes an Update; a workflow's typed refusal becomes 409 with its code, message and field. */
  async updateWorkflow<T>(workflowId: string, name: string, arg: unknown): Promise<T> {
    try {
      return await this.client.workflow
        .getHandle(workflowId)
        .executeUpdate<T, [unknown]>(name, { args: [arg] });
    } catch (err) {
      const refusal = workflowRefusalOf(err);
      if (refusal) throw new WorkflowRefusalException(refusal);
      if (err instanceof WorkflowUpdateFailedError) {
        // Not a refusal of ours (the run completed or continued as new under the Update, a step failed).
        throw new ConflictException({
          statusCode: 409,
          code: 'UPDATE_REFUSED',
          message: err.cause?.message ?? err.message,
        });
      }
      if ((err as Error).name === 'WorkflowNotFoundError') {
        throw new ConflictException({
          statusCode: 409,
          code: 'WORKFLOW_NOT_RUNNING',
          message: '该记录已不在办理中 (This record is no longer in progress)',
        });
      }
      throw new ServiceUnavailableException({
        statusCode: 503,
        code: 'WORKFLOW_UNAVAILABLE',
        message: (err as Error).message,
      });
    }
  }
}
