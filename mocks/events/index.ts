/** The demo account's simulated EventBridge → SQS events queue. */
export { DemoEventsQueue, DEMO_EVENTS_QUEUE_URL } from "./demo-events-queue";
export { createDemoEventsHandlers } from "./msw-handlers";
