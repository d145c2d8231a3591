import { ApplicationFailure } from '@temporalio/workflow';

/** What a refusal carries to the API in `ApplicationFailure.details[0]`. */
export interface RefusalDetails {
  code: string;
  zh: string;
  en: string;
  field?: string;
}

/**
 * A workflow's refusal of an Update (from its validator or its handler): the domain code is the failure's
 * `type`, so the API reads it instead of parsing the message; never retried.
 */
export function refusal(
  code: string,
  message: { zh: string; en: string },
  field?: string,
): ApplicationFailure {
  const details: RefusalDetails = { code, zh: message.zh, en: message.en, ...(field ? { field } : {}) };
  return ApplicationFailure.create({
    type: code,
    message: `${message.en} (${message.zh})`,
    nonRetryable: true,
    details: [details],
  });
}
