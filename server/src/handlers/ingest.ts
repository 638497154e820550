import { sqsEventQueue } from '../adapters/sqs-queue';
import { readIngestEnvironment } from '../lambda/environment';
import { webhookHandler } from '../lambda/webhook-handler';
import { registryFrom } from '../lambda/wiring';

const env = readIngestEnvironment();

/** POST /webhook/{appId}: Marketo's "Call Webhook" lands here. */
export const handler = webhookHandler(registryFrom(env), sqsEventQueue(env.EVENTS_QUEUE_URL));
