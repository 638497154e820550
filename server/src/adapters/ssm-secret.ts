/** A SecureString parameter of SSM Parameter Store, read at run time (the admin secret, deployed). */
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/**
 * The parameter's value, read once and kept for ttlMs: a container does not call SSM per request, and a rotated
 * secret holds everywhere within that time. A failed read is not kept, so the next request tries again.
 */
export function ssmSecret(
  name: string,
  client: Pick<SSMClient, 'send'>,
  { ttlMs = 5 * 60_000, now = Date.now }: { ttlMs?: number; now?: () => number } = {},
): () => Promise<string> {
  let cached: { value: Promise<string>; until: number } | undefined;
  const read = async () => {
    const { Parameter } = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    if (!Parameter?.Value) throw new Error(`SSM parameter ${name} has no value`);
    return Parameter.Value;
  };
  return () => {
    if (!cached || now() >= cached.until) {
      const value = read();
      const entry = { value, until: now() + ttlMs };
      cached = entry;
      value.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.value;
  };
}
