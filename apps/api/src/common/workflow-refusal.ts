import { ConflictException } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/client';
import type { RefusalDetails } from '@app/workflows/refusal';

/** A domain code: UPPER_SNAKE. Other failure types (StepFailed, the SDK's own) are not refusals. */
const DOMAIN_CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

export interface WorkflowRefusal {
  code: string;
  message: { zh: string; en: string };
  field?: string;
}

/**
 * Finds the workflow's refusal in a client error: WorkflowUpdateFailedError / WorkflowFailedError carry it as
 * their cause, possibly wrapped in an ActivityFailure or ChildWorkflowFailure. The code is the failure's
 * `type`; the bilingual message and the field come from its details (workflows/refusal.ts), or from the
 * message of an older `CODE: message` failure.
 */
export function workflowRefusalOf(err: unknown): WorkflowRefusal | null {
  let current: unknown = err;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (current instanceof ApplicationFailure && current.type && DOMAIN_CODE.test(current.type)) {
      const code = current.type;
      const detail = current.details?.[0] as Partial<RefusalDetails> | undefined;
      if (detail && typeof detail.en === 'string' && typeof detail.zh === 'string') {
        return {
          code,
          message: { zh: detail.zh, en: detail.en },
          ...(typeof detail.field === 'string' ? { field: detail.field } : {}),
        };
      }
      const text = current.message.startsWith(`${code}:`)
        ? current.message.slice(code.length + 1).trim()
        : current.message;
      return { code, message: { zh: text, en: text } };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** A workflow refused the step: 409 in the standard error shape. */
export class WorkflowRefusalException extends ConflictException {
  constructor(readonly refusal: WorkflowRefusal) {
    const { code, message, field } = refusal;
    const text = message.zh === message.en ? message.en : `${message.en} (${message.zh})`;
    super({
      statusCode: 409,
      code,
      message: text,
      messages: message,
      ...(field ? { errors: [{ field, code, message: text, localized: message }] } : {}),
    });
  }
}
