/** Where the reply handler finds a received message: the object SES's receipt rule wrote, or a local file. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { RawMailStore } from '../services/ports';

/** SES message ids are letters, digits and dashes; anything else never names a stored message. */
const MESSAGE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function checked(messageId: string): string {
  if (!MESSAGE_ID.test(messageId) || messageId.includes('..'))
    throw new Error(`not a mail message id: ${JSON.stringify(messageId.slice(0, 40))}`);
  return messageId;
}

/** The receipt rule's S3 action stores each message under `<prefix><SES message id>`. */
export function s3RawMailStore(bucket: string, prefix: string, client: Pick<S3Client, 'send'>): RawMailStore {
  return {
    async read(messageId) {
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: `${prefix}${checked(messageId)}` }));
      if (!answer.Body) throw new Error(`s3://${bucket}/${prefix}${messageId} has no body`);
      return answer.Body.transformToByteArray();
    },
  };
}

/** A folder of raw messages named by id (the local stack; `npm run simulate -- --reply` puts them there). */
export function folderRawMailStore(folder: string): RawMailStore {
  return {
    read: async (messageId) => new Uint8Array(await fs.readFile(path.join(folder, checked(messageId)))),
  };
}
