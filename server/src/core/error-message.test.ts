import { KintoneRestAPIError } from '@kintone/rest-api-client';
import { errorMessage } from './error-message';

const refusal = (status: number, data: Record<string, unknown>) =>
  new KintoneRestAPIError({ data, status, headers: {} } as ConstructorParameters<typeof KintoneRestAPIError>[0]);

describe('errorMessage', () => {
  it('says what kintone answered when its answer had no error code, never "undefined"', () => {
    expect(errorMessage(refusal(500, {}))).toBe('kintone answered HTTP 500 without an error code');
    expect(errorMessage(refusal(502, { message: 'Bad gateway' }))).toBe(
      'kintone answered HTTP 502 without an error code: Bad gateway',
    );
  });

  it("keeps the client's text when kintone gave a code, and any other error's message", () => {
    const coded = refusal(400, { id: 'x1', code: 'GAIA_IQ11', message: 'no such field' });
    expect(errorMessage(coded)).toBe('[400] [GAIA_IQ11] no such field (x1)');
    expect(errorMessage(new Error('503: Service Unavailable'))).toBe('503: Service Unavailable');
    expect(errorMessage('plain')).toBe('plain');
  });
});
