/** Deterministic workflow ids: a double submit finds the running workflow instead of starting another. */
export const applicationWorkflowId = (applicationId: string) => `application:${applicationId}`;
