/** The functions' structured log (Powertools Logger, JSON lines in CloudWatch), behind the services' Log port. */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { Log } from '../services/ports';

const powertools = new Logger({ serviceName: 'kintone-marketo-sync' });

export const logger: Log = {
  info: (message, data) => powertools.info(message, data ?? {}),
  warn: (message, data) => powertools.warn(message, data ?? {}),
  error: (message, data) => powertools.error(message, data ?? {}),
};

/** Every handler calls it first: from then on each line carries the request id, the function and the cold start. */
export function addLambdaContext(context: Context): void {
  powertools.addContext(context);
}
