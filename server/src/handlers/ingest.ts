import { getQueue } from '../lambda/runtime';
import { webhookHandler } from '../lambda/webhook-handler';

/** POST /webhook/{appId}: Marketo's "Call Webhook" lands here. */
export const handler = webhookHandler(getQueue);
