/**
 * The baseline, a one-call-per-event design, for comparison, as a Lambda behind the same API Gateway route: for each
 * webhook call it reads that one customer's record and PUTs it back before answering. Same parsing, record patch and
 * kintone adapter as ours, so the benchmark measures only the shape of the pipeline. Served by
 * serverless.bench.yml; never deployed.
 */
import { kintoneRecordStore } from '../../server/src/adapters/kintone-records';
import { readRegistryAccessEnvironment } from '../../server/src/lambda/environment';
import { tokenVaultFrom } from '../../server/src/lambda/token-vault';
import { webhookHandler } from '../../server/src/lambda/webhook-handler';
import { registryFrom } from '../../server/src/lambda/wiring';
import type { EventQueue } from '../../server/src/services/ports';
import { writeAppEvents } from '../../server/src/services/write-events';

const env = readRegistryAccessEnvironment();
const registry = registryFrom(env);
const vault = tokenVaultFrom(env);

const writeNow: EventQueue = {
  async send(event) {
    const registration = await registry.get(event.appId);
    if (!registration) throw new Error(`app ${event.appId} is not registered`);
    const store = kintoneRecordStore({
      baseUrl: registration.kintoneBaseUrl,
      apiToken: await vault.open(event.appId, registration.apiTokenSealed),
      appId: event.appId,
    });
    const report = await writeAppEvents([event], registration.config, store);
    if (report.errors.length > 0) throw new Error(report.errors.map((e) => e.message).join('; '));
  },
};

export const handler = webhookHandler(registry, writeNow);
