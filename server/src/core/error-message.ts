/** What a caught value says, for logs and status: an Error's message, anything else as text. */
export function errorMessage(error: unknown): string {
  if (isCodelessKintoneAnswer(error)) {
    // rest-api-client would say "[502] [undefined] undefined (undefined)": kintone's message, if any, is inside.
    const said = /^\[\d+\] \[[^\]]*\] (.*) \([^()]*\)$/s.exec(error.message)?.[1];
    const detail = said && said !== 'undefined' ? `: ${said}` : '';
    return `kintone answered HTTP ${error.status} without an error code${detail}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * A KintoneRestAPIError (@kintone/rest-api-client) for a JSON answer that has no kintone error code: what a proxy,
 * load balancer or maintenance page in front of kintone sends. Recognised by shape, so the core needs no client.
 */
function isCodelessKintoneAnswer(error: unknown): error is Error & { status: number } {
  if (!(error instanceof Error) || error.name !== 'KintoneRestAPIError') return false;
  const { status, code } = error as Error & { status?: unknown; code?: unknown };
  return typeof status === 'number' && (code === undefined || code === null || code === '');
}
