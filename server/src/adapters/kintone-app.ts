/**
 * Reads an app's form (fields and layout) and probes what an API token may do; used by registration. kintone's
 * refusals come out as KintoneRefusedError.
 */
import { KintoneRestAPIClient, KintoneRestAPIError, type KintoneFormLayout } from '@kintone/rest-api-client';
import type { FormLayoutSpace } from '../../../contract/src/field-rules';
import type { AppForm, AppInspector, KintoneConnection, TokenRights } from '../services/ports';
import { translateRefusal, translatingRefusals } from './kintone-refusal';

export function kintoneAppInspector(connection: KintoneConnection): AppInspector {
  const client = new KintoneRestAPIClient({
    baseUrl: connection.baseUrl,
    auth: { apiToken: connection.apiToken },
    socketTimeout: 15_000,
    ...(connection.guestSpaceId ? { guestSpaceId: connection.guestSpaceId } : {}),
  });
  const app = connection.appId;
  return {
    async readForm(): Promise<AppForm> {
      const [{ properties }, { layout }] = await translatingRefusals(connection, () =>
        Promise.all([client.app.getFormFields({ app }), client.app.getFormLayout({ app })]),
      );
      return { properties, spaces: spacesOf(layout) };
    },

    /**
     * kintone has no API that lists a token's rights. Updating a record that cannot exist tells them apart
     * without writing anything: a token that may edit gets "record not found", one that may not gets
     * "no permission".
     */
    async probeRights(): Promise<TokenRights> {
      const view = await client.record.getRecords({ app, query: 'limit 1', fields: ['$id'] }).then(
        () => true,
        (error: unknown) => {
          if (isNoPermission(error)) return false;
          throw translateRefusal(error, connection);
        },
      );
      const edit = await client.record.updateRecord({ app, id: '9007199254740991', record: {} }).then(
        () => true,
        (error: unknown) => {
          if (error instanceof KintoneRestAPIError && error.code === 'GAIA_RE01') return true;
          if (isNoPermission(error)) return false;
          throw translateRefusal(error, connection);
        },
      );
      return { view, edit };
    },
  };
}

function isNoPermission(error: unknown): boolean {
  return error instanceof KintoneRestAPIError && error.code === 'GAIA_NO01';
}

/** The Space fields (SPACER) of the form, in layout order: in its rows and in the rows of its groups. */
function spacesOf(layout: KintoneFormLayout.OneOf[]): FormLayoutSpace[] {
  return layout.flatMap((node): FormLayoutSpace[] => {
    switch (node.type) {
      case 'ROW':
        return node.fields.flatMap((field) =>
          field.type === 'SPACER' && field.elementId ? [{ elementId: field.elementId }] : [],
        );
      case 'GROUP':
        return spacesOf(node.layout);
      case 'SUBTABLE':
        // A table's columns are fields only; kintone puts no Space inside a table.
        return [];
    }
  });
}
