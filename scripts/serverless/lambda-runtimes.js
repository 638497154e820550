// @ts-check
'use strict';

/**
 * Lambda runtimes that serverless 3's configuration schema does not list yet. Serverless 3.40 deploys whatever
 * provider.runtime names, but its schema for the aws provider (the awsLambdaRuntime definition) ends at nodejs20.x,
 * so every command warned "Invalid configuration encountered at 'provider.runtime'" for nodejs22.x. This plug-in adds
 * the runtimes below to that definition through the schema handler's defineProvider (the helper serverless offers
 * plug-ins for their schema), before serverless validates the configuration. A serverless that already knows them
 * is left as it is.
 */
const RUNTIMES = ['nodejs22.x'];

class LambdaRuntimes {
  /** @param {{ configSchemaHandler: { schema: { definitions: Record<string, any> }, defineProvider(name: string, options: object): void } }} serverless */
  constructor(serverless) {
    const handler = serverless.configSchemaHandler;
    const known = handler.schema.definitions.awsLambdaRuntime?.enum;
    // A schema of another shape: leave it to serverless's own validation to report what it does not know.
    if (!Array.isArray(known)) return;
    const missing = RUNTIMES.filter((runtime) => !known.includes(runtime));
    if (missing.length === 0) return;
    handler.defineProvider('aws', { definitions: { awsLambdaRuntime: { enum: [...known, ...missing] } } });
  }
}

module.exports = LambdaRuntimes;
