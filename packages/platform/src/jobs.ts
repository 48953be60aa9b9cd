/**
 * `@crm/platform/jobs`: BullMQ queues and the outbox relay. The worker runs them; an API process loads this
 * entry too, because it queues jobs (JobQueues) and reads queue depths for /metrics and the queue dashboard.
 */
export * from "./queues/job-queues";
export * from "./outbox/outbox-relay";
export * from "./outbox/outbox-delivery";
