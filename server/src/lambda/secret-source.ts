/** A secret deployed as an SSM parameter and given to the local stack as a plain variable. */
import { SSMClient } from '@aws-sdk/client-ssm';
import { ssmSecret } from '../adapters/ssm-secret';

/**
 * The secret `name`: deployed, the SecureString parameter named by `<name>_PARAMETER`, read at run time, so the secret
 * is in neither the CloudFormation template nor the function's configuration; locally `<name>` itself.
 */
export function secretSource(
  name: string,
  variables: { parameter: string | undefined; value: string | undefined },
  ssm: () => Pick<SSMClient, 'send'> = () => new SSMClient({}),
): () => Promise<string> {
  const { parameter, value } = variables;
  if (parameter) return ssmSecret(parameter, ssm());
  return async () => {
    if (!value) throw new Error(`environment variable ${name} (or ${name}_PARAMETER) is not set`);
    return value;
  };
}
