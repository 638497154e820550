/** The benchmark's customers: the same distinct records in our app and in the baseline's copy of it. */
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { PUT_LIMIT } from '../../contract/src/kintone-record';
import type { SimulatedLead } from '../marketo-simulator/render';

export function benchLeads(count: number): SimulatedLead[] {
  return Array.from({ length: count }, (_, i) => ({
    leadId: String(500_000 + i),
    email: `bench-${String(i + 1).padStart(6, '0')}@example.com`,
  }));
}

export async function addCustomers(
  connection: { baseUrl: string; apiToken: string; appId: string },
  leads: readonly SimulatedLead[],
): Promise<void> {
  const client = new KintoneRestAPIClient({ baseUrl: connection.baseUrl, auth: { apiToken: connection.apiToken } });
  for (let i = 0; i < leads.length; i += PUT_LIMIT) {
    await client.record.addRecords({
      app: connection.appId,
      records: leads.slice(i, i + PUT_LIMIT).map((lead) => ({
        company: { value: `Bench Customer ${lead.leadId}` },
        email: { value: lead.email },
        marketo_lead_id: { value: lead.leadId },
      })),
    });
  }
}
