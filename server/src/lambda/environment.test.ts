import {
  readAdminEnvironment,
  readIngestEnvironment,
  readReconcileEnvironment,
  readRegistryAccessEnvironment,
  readReplyEnvironment,
  readWriterEnvironment,
} from './environment';

/** What serverless.yml gives every function of the local stage: unset params arrive as ''. */
const PROVIDER = {
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: 'kintone-marketo-sync',
  REGISTRY_FILE: '/tmp/kintone-marketo-sync/registry.json',
  REGISTRY_TABLE: '',
  EVENTS_QUEUE_URL: 'http://127.0.0.1:9324/000000000000/events',
  ADMIN_SECRET_PARAMETER: '',
  PUBLIC_BASE_URL: '',
  ALLOW_HTTP_KINTONE: 'false',
  KINTONE_DOMAINS: '',
  TOKEN_KEY_ID: '',
  KINTONE_DAILY_REQUEST_BUDGET: '8000',
  MAX_RECEIVE_COUNT: '5',
  POWERTOOLS_METRICS_DISABLED: 'true',
};
/** The local stack's stand-ins, passed through serverless-offline's localEnvironment. */
const LOCAL = {
  TOKEN_KEY_FILE: '/tmp/kintone-marketo-sync/token.key',
  ADMIN_SECRET: 'Zq8v3kP0mW7xR2tY5uI9oA1sD4fG6hJ-',
};
const MARKETO = {
  MARKETO_REST_URL: 'https://123-ABC-456.mktorest.com/rest',
  MARKETO_IDENTITY_URL: '',
  MARKETO_CLIENT_ID: 'client-id',
  MARKETO_CLIENT_SECRET_PARAMETER: '/kintone-marketo-sync/dev/marketo-client-secret',
};

const MARKETO_READ = {
  MARKETO_REST_URL: 'https://123-ABC-456.mktorest.com/rest',
  MARKETO_IDENTITY_URL: undefined,
  MARKETO_CLIENT_ID: 'client-id',
  MARKETO_CLIENT_SECRET_PARAMETER: '/kintone-marketo-sync/dev/marketo-client-secret',
};

describe('each function reads the variables serverless.yml sets for it', () => {
  it('ingest: the registry and the queue, nothing else', () => {
    expect(readIngestEnvironment({ ...PROVIDER })).toEqual({
      REGISTRY_FILE: '/tmp/kintone-marketo-sync/registry.json',
      EVENTS_QUEUE_URL: 'http://127.0.0.1:9324/000000000000/events',
    });
  });

  it('writer: numbers as numbers, the flag as a boolean, empty params as unset', () => {
    expect(
      readWriterEnvironment({
        ...PROVIDER,
        ...LOCAL,
        ALLOW_HTTP_KINTONE: 'true',
        KINTONE_DOMAINS: 'example.cybozu.com',
        WRITE_LEASE_WAIT_SECONDS: '5',
      }),
    ).toEqual({
      REGISTRY_FILE: '/tmp/kintone-marketo-sync/registry.json',
      EVENTS_QUEUE_URL: 'http://127.0.0.1:9324/000000000000/events',
      KINTONE_DOMAINS: 'example.cybozu.com',
      ALLOW_HTTP_KINTONE: true,
      TOKEN_KEY_FILE: '/tmp/kintone-marketo-sync/token.key',
      KINTONE_DAILY_REQUEST_BUDGET: 8000,
      MAX_RECEIVE_COUNT: 5,
      WRITE_LEASE_WAIT_SECONDS: 5,
    });
  });

  it('admin: deployed with the parameter names and the KMS key, no secret in the environment', () => {
    const deployed = {
      ...PROVIDER,
      REGISTRY_FILE: '',
      REGISTRY_TABLE: 'kintone-marketo-sync-prod-registry',
      ADMIN_SECRET_PARAMETER: '/kintone-marketo-sync/prod/admin-secret',
      TOKEN_KEY_ID: 'arn:aws:kms:ap-northeast-1:123456789012:key/0000',
    };
    expect(readAdminEnvironment(deployed)).toEqual({
      REGISTRY_TABLE: 'kintone-marketo-sync-prod-registry',
      ALLOW_HTTP_KINTONE: false,
      TOKEN_KEY_ID: 'arn:aws:kms:ap-northeast-1:123456789012:key/0000',
      KINTONE_DAILY_REQUEST_BUDGET: 8000,
      ADMIN_SECRET_PARAMETER: '/kintone-marketo-sync/prod/admin-secret',
    });
  });

  it('reconcile: Marketo may be left out; its numbers are read when set', () => {
    const withoutMarketo = readReconcileEnvironment({
      ...PROVIDER,
      MARKETO_REST_URL: '',
      RECONCILE_LAG_MINUTES: '30',
      MARKETO_CALLS_PER_20S: '0.5',
    });
    expect(withoutMarketo).toMatchObject({ RECONCILE_LAG_MINUTES: 30, MARKETO_CALLS_PER_20S: 0.5 });
    expect(withoutMarketo.MARKETO_REST_URL).toBeUndefined();
    expect(withoutMarketo.RECONCILE_OVERLAP_MINUTES).toBeUndefined();
    expect(readReconcileEnvironment({ ...PROVIDER, ...MARKETO })).toMatchObject(MARKETO_READ);
  });

  it('reply: a bucket deployed, a folder locally', () => {
    expect(
      readReplyEnvironment({ ...PROVIDER, REPLY_BUCKET: 'replies', REPLY_PREFIX: 'inbound/', REPLY_MAIL_DIR: '' }),
    ).toMatchObject({
      REPLY_BUCKET: 'replies',
      REPLY_PREFIX: 'inbound/',
      REPLY_MAIL_DIR: undefined,
    });
    expect(
      readReplyEnvironment({ ...PROVIDER, REPLY_BUCKET: '', REPLY_MAIL_DIR: '/tmp/replies', ...MARKETO }),
    ).toMatchObject({
      REPLY_MAIL_DIR: '/tmp/replies',
      ...MARKETO_READ,
    });
  });
});

describe('a variable missing or malformed stops the function at cold start, named', () => {
  it('names a required variable that is not set', () => {
    expect(() => readIngestEnvironment({ ...PROVIDER, EVENTS_QUEUE_URL: '' })).toThrow(
      'environment of the ingest function: EVENTS_QUEUE_URL is not set',
    );
  });

  it('names both variables of a pair when neither is set', () => {
    expect(() => readIngestEnvironment({ ...PROVIDER, REGISTRY_FILE: '' })).toThrow(
      'neither REGISTRY_TABLE nor REGISTRY_FILE is set',
    );
    expect(() => readWriterEnvironment({ ...PROVIDER })).toThrow(
      'environment of the writer function: neither TOKEN_KEY_ID nor TOKEN_KEY_FILE is set',
    );
    expect(() => readAdminEnvironment({ ...PROVIDER, TOKEN_KEY_FILE: 'k' })).toThrow(
      'neither ADMIN_SECRET_PARAMETER nor ADMIN_SECRET is set',
    );
    expect(() => readReplyEnvironment({ ...PROVIDER })).toThrow('neither REPLY_BUCKET nor REPLY_MAIL_DIR is set');
    expect(() => readRegistryAccessEnvironment({ REGISTRY_TABLE: 'table' })).toThrow(
      "environment of the registry's tools: neither TOKEN_KEY_ID nor TOKEN_KEY_FILE is set",
    );
  });

  it('says every problem at once', () => {
    expect(() =>
      readWriterEnvironment({ ...PROVIDER, ...LOCAL, REGISTRY_FILE: '', EVENTS_QUEUE_URL: '', MAX_RECEIVE_COUNT: '0' }),
    ).toThrow(
      'environment of the writer function: EVENTS_QUEUE_URL is not set; MAX_RECEIVE_COUNT must be a positive whole number; neither REGISTRY_TABLE nor REGISTRY_FILE is set',
    );
  });

  it.each([
    ['MAX_RECEIVE_COUNT', '2.5', 'must be a positive whole number'],
    ['MAX_RECEIVE_COUNT', 'five', 'must be a positive whole number'],
    ['KINTONE_DAILY_REQUEST_BUDGET', '-1', 'must be a positive whole number'],
    [
      'WRITE_LEASE_WAIT_SECONDS',
      '60',
      "must be a whole number of seconds from 1 to 59 (under the writer's 60 s timeout)",
    ],
    [
      'WRITE_LEASE_WAIT_SECONDS',
      '0',
      "must be a whole number of seconds from 1 to 59 (under the writer's 60 s timeout)",
    ],
  ])('refuses %s=%s: it %s', (name, value, rule) => {
    expect(() => readWriterEnvironment({ ...PROVIDER, ...LOCAL, [name]: value })).toThrow(
      `environment of the writer function: ${name} ${rule}`,
    );
  });

  it.each([
    ['RECONCILE_LAG_MINUTES', '-5'],
    ['RECONCILE_OVERLAP_MINUTES', 'an hour'],
    ['MARKETO_DAILY_BUDGET', 'Infinity'],
  ])('refuses %s=%s: it must be a number of at least 0', (name, value) => {
    expect(() => readReconcileEnvironment({ ...PROVIDER, [name]: value })).toThrow(
      `${name} must be a number of at least 0`,
    );
  });

  it('needs the client id and a secret once Marketo is named', () => {
    expect(() =>
      readReconcileEnvironment({ ...PROVIDER, ...MARKETO, MARKETO_CLIENT_ID: '', MARKETO_CLIENT_SECRET_PARAMETER: '' }),
    ).toThrow(
      'environment of the reconcile function: MARKETO_CLIENT_ID is not set (MARKETO_REST_URL is); neither MARKETO_CLIENT_SECRET_PARAMETER nor MARKETO_CLIENT_SECRET is set (MARKETO_REST_URL is)',
    );
  });

  it('never prints a value, a secret least of all', () => {
    const secret = 'Zq8v3kP0mW7xR2tY5uI9oA1sD4fG6hJ-';
    let message = '';
    try {
      readAdminEnvironment({
        ...PROVIDER,
        ADMIN_SECRET: secret,
        KINTONE_DAILY_REQUEST_BUDGET: 'budget-7341',
        REGISTRY_FILE: '',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'environment of the admin function: KINTONE_DAILY_REQUEST_BUDGET must be a positive whole number; neither REGISTRY_TABLE nor REGISTRY_FILE is set; neither TOKEN_KEY_ID nor TOKEN_KEY_FILE is set',
    );
    expect(message).not.toContain(secret);
    expect(message).not.toContain('budget-7341');
  });
});
