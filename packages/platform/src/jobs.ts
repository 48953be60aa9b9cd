/**
 * `@crm/platform/jobs`: BullMQ queues and the outbox relay. The worker runs them; an API process loads this
 * entry too, because it queues jobs (JobQueues) and reads queue depths for /metrics and the queue dashboard;
 * bullmq itself is required on the first queue handle (see `bullmq()`), so an idle API does not carry it.
 */
export * from "./queues/bullmq";
export * from "./queues/job-queues";
export * from "./outbox/outbox-relay";
export * from "./outbox/outbox-delivery";
