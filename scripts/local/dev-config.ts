/** Reads `.local/dev.json`, which `npm start` writes, for the command-line tools. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const devConfigSchema = z.object({
  webhookUrl: z.url(),
  webhookSecret: z.string().min(1),
  adminSecret: z.string().min(1),
  kintoneBaseUrl: z.url(),
  appId: z.string().min(1),
  apiToken: z.string().min(1),
  serverUrl: z.url(),
  sqsEndpoint: z.url(),
  queueUrl: z.url(),
  deadLetterQueueUrl: z.url(),
  previewUrl: z.url().optional(),
  /** serverless-offline's Lambda invoke API, and the folder its reply function reads received mail from. */
  lambdaUrl: z.url().optional(),
  replyMailDir: z.string().min(1).optional(),
  /** The local Marketo's REST API and its API credentials. */
  marketo: z
    .object({ restUrl: z.url(), identityUrl: z.url(), clientId: z.string().min(1), clientSecret: z.string().min(1) })
    .optional(),
});
export type DevConfig = z.infer<typeof devConfigSchema>;

export const DEFAULT_STATE_DIR = path.resolve(__dirname, '..', '..', '.local');

export async function loadDevConfig(stateDir = DEFAULT_STATE_DIR): Promise<DevConfig> {
  const file = path.join(stateDir, 'dev.json');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new Error(`${file} not found: start the local stack first with \`npm start\``);
  }
  const parsed = devConfigSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a dev config written by \`npm start\`: ${parsed.error.message}`);
  return parsed.data;
}
