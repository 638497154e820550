// @ts-check
'use strict';

/**
 * Stage and per-route throttling for the REST API, in the CloudFormation template itself. Serverless v3 creates the
 * stage through an AWS::ApiGateway::Deployment (with a new logical id on every deploy) and has no throttling setting
 * for it; the Deployment's StageDescription carries the stage's rate and burst and its MethodSettings, so this
 * plug-in adds them there when the template is compiled. Settings: custom.stageThrottling in serverless.yml.
 */
class StageThrottling {
  /** @param {{ service: { custom?: Record<string, any>, provider: { compiledCloudFormationTemplate: { Resources: Record<string, any> } } } }} serverless */
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'before:package:finalize': () => this.addThrottling() };
  }

  addThrottling() {
    const { service } = this.serverless;
    const settings = service.custom?.stageThrottling;
    if (!settings) throw new Error('custom.stageThrottling is not set');
    const resources = service.provider.compiledCloudFormationTemplate.Resources;
    const deployments = Object.values(resources).filter((resource) => resource.Type === 'AWS::ApiGateway::Deployment');
    for (const deployment of deployments) {
      deployment.Properties.StageDescription = {
        ...deployment.Properties.StageDescription,
        ThrottlingRateLimit: positive(settings.rateLimit, 'rateLimit'),
        ThrottlingBurstLimit: positive(settings.burstLimit, 'burstLimit'),
        MethodSettings: (settings.routes ?? []).map(
          (/** @type {{ method: string, path: string, rateLimit: unknown, burstLimit: unknown }} */ route) => ({
            HttpMethod: route.method,
            // MethodSettings name a resource path with its slashes written as ~1: /apps/x → /~1apps~1x.
            ResourcePath: `/${`/${route.path.replace(/^\/+/, '')}`.replace(/\//g, '~1')}`,
            ThrottlingRateLimit: positive(route.rateLimit, `${route.method} ${route.path} rateLimit`),
            ThrottlingBurstLimit: positive(route.burstLimit, `${route.method} ${route.path} burstLimit`),
          }),
        ),
      };
    }
  }
}

/** @param {unknown} value @param {string} name */
function positive(value, name) {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`custom.stageThrottling ${name} must be a positive number, got ${String(value)}`);
  return number;
}

module.exports = StageThrottling;
