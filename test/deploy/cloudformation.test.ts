/**
 * The AWS deployment as CloudFormation will see it: `serverless package --stage prod` run here, with no AWS
 * credentials, and the template it writes checked for what matters (network path to kintone through the NAT
 * Gateway's Elastic IP, queue and DLQ, the writer's event source, the registry table, least-privilege roles, no
 * secret values), then linted with cfn-lint. The local stage must still resolve without credentials too.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { s3RawMailStore } from '../../server/src/adapters/raw-mail-store';
import { dynamoRegistry, registryTableDefinition } from '../../server/src/adapters/registry-dynamodb';
import { sqsEventQueue } from '../../server/src/adapters/sqs-queue';
import { kmsTokenVault } from '../../server/src/adapters/token-vault-kms';
import type { EngagementEvent } from '../../contract/src/events';
import { ssmSecret } from '../../server/src/adapters/ssm-secret';
import { MAX_RECEIVE_COUNT } from '../../scripts/local/sqs';
import { WRITER_MAXIMUM_CONCURRENCY } from '../../scripts/local/relay';
import { readZip } from '../../plugin/test/support/zip';
import {
  asArray,
  effectiveTemplate,
  getAtt,
  isObject,
  ofType,
  ref,
  resource,
  target,
  type Resource,
  type Template,
} from './template';

jest.setTimeout(240_000);

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const SERVICE = 'kintone-marketo-sync';
/** Given to the packaging process: it must not reach the template (deployed stages read SSM at run time). */
const SENTINEL_SECRET = 'sentinel-admin-secret-must-not-be-packaged';
/** What the local stage reads from its environment; only what a test passes may be set. */
const APP_VARIABLES = [
  'REGISTRY_FILE',
  'REGISTRY_TABLE',
  'EVENTS_QUEUE_URL',
  'ADMIN_SECRET',
  'ADMIN_SECRET_PARAMETER',
  'PUBLIC_BASE_URL',
  'ALLOW_HTTP_KINTONE',
  'KINTONE_DOMAINS',
  'TOKEN_KEY_FILE',
  'MARKETO_REST_URL',
  'MARKETO_IDENTITY_URL',
  'MARKETO_CLIENT_ID',
  'MARKETO_CLIENT_SECRET',
  'MARKETO_CLIENT_SECRET_PARAMETER',
  'RECONCILE_LAG_MINUTES',
  'RECONCILE_OVERLAP_MINUTES',
  'MARKETO_CALLS_PER_20S',
  'MARKETO_DAILY_BUDGET',
  'REPLY_MAIL_DIR',
];
const FUNCTIONS = {
  ingest: 'IngestLambdaFunction',
  writer: 'WriterLambdaFunction',
  admin: 'AdminLambdaFunction',
  reconcile: 'ReconcileLambdaFunction',
  rescore: 'RescoreLambdaFunction',
  reply: 'ReplyLambdaFunction',
} as const;

/**
 * The EC2 actions Lambda performs with a VPC function's role to manage its network interfaces, exactly those of
 * AWS's AWSLambdaVPCAccessExecutionRole. They are the only ones granted on '*': the Describe actions support no
 * resource-level permissions and the interfaces' ids do not exist before Lambda creates them.
 */
const NETWORK_INTERFACE_ACTIONS = [
  'ec2:AssignPrivateIpAddresses',
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:UnassignPrivateIpAddresses',
];

/** The reply bucket is named, not referenced, so roles can name it whether or not it is deployed. */
const REPLY_BUCKET_NAME = {
  'Fn::Join': ['-', [ref('AWS::StackName'), 'replies', ref('AWS::AccountId'), ref('AWS::Region')]],
};
const REPLY_OBJECTS_ARN = {
  'Fn::Join': ['', ['arn:', ref('AWS::Partition'), ':s3:::', REPLY_BUCKET_NAME, '/inbound/*']],
};

const MARKETO_SECRET_PARAMETER_ARN = {
  'Fn::Join': [
    '',
    [
      'arn:',
      ref('AWS::Partition'),
      ':ssm:',
      ref('AWS::Region'),
      ':',
      ref('AWS::AccountId'),
      `:parameter/${SERVICE}/prod/marketo-client-secret`,
    ],
  ],
};

let workDir: string;
let raw: Template;
let packagedFiles: string[];

/** serverless 3 from node_modules, with every way to AWS credentials closed. */
async function serverless(args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (/^AWS_/.test(name) || APP_VARIABLES.includes(name)) delete env[name];
  Object.assign(env, {
    AWS_SHARED_CREDENTIALS_FILE: path.join(workDir, 'no-credentials'),
    AWS_CONFIG_FILE: path.join(workDir, 'no-config'),
    // No instance metadata either: it is the SDK's last resort for credentials.
    AWS_EC2_METADATA_DISABLED: 'true',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    ...extraEnv,
  });
  const { stdout } = await run(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js'), ...args],
    {
      cwd: ROOT,
      env,
      maxBuffer: 32 * 1024 * 1024,
    },
  );
  return stdout;
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'kms-deploy-'));
  const packageDir = path.join(workDir, 'package');
  await serverless(['package', '--stage', 'prod', '--package', packageDir], {
    ADMIN_SECRET: SENTINEL_SECRET,
    MARKETO_CLIENT_SECRET: SENTINEL_SECRET,
  });
  raw = JSON.parse(
    await readFile(path.join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as Template;
  packagedFiles = (await readdir(packageDir))
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(packageDir, name));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** As deployed by default (one NAT Gateway), and with `--param natPerAz=true` (the NatPerAz stack parameter). */
const LAYOUTS = [
  { name: 'one NAT Gateway', natPerAz: false },
  { name: 'a NAT Gateway per AZ', natPerAz: true },
];

it('packages each function with only the code it imports', async () => {
  const template = effectiveTemplate(raw);
  const bundleOf = async (name: keyof typeof FUNCTIONS) => {
    const key = resource(template, FUNCTIONS[name]).Properties!.Code.S3Key as string;
    const zip = readZip(await readFile(path.join(workDir, 'package', path.basename(key))));
    return zip.get(`server/src/handlers/${name}.js`)!.toString('utf8');
  };
  const keys = Object.values(FUNCTIONS).map((id) => resource(template, id).Properties!.Code.S3Key as string);
  expect(new Set(keys).size).toBe(keys.length);
  const mimeParser = /\bsimpleParser\b/;
  const marketoActivities = '/rest/v1/activities.json';
  expect(await bundleOf('reply')).toMatch(mimeParser);
  expect(await bundleOf('reconcile')).toContain(marketoActivities);
  for (const name of ['ingest', 'writer', 'admin'] as const) {
    const bundle = await bundleOf(name);
    expect(bundle).not.toMatch(mimeParser);
    expect(bundle).not.toContain(marketoActivities);
  }
  // Only the functions that open or seal API tokens carry the KMS client.
  const kmsClient = 'TrentService';
  for (const name of ['writer', 'admin', 'rescore'] as const) expect(await bundleOf(name)).toContain(kmsClient);
  for (const name of ['ingest', 'reconcile', 'reply'] as const) expect(await bundleOf(name)).not.toContain(kmsClient);
});

it('packages for prod without AWS credentials', () => {
  expect(raw.Parameters?.NatPerAz?.Default).toBe('false');
});

describe('network: the functions reach kintone only through the NAT Gateway and its Elastic IP', () => {
  const privateSubnets = [ref('PrivateSubnetA'), ref('PrivateSubnetB')];

  it('puts every function in exactly the two private subnets, with the HTTPS-only security group', () => {
    const template = effectiveTemplate(raw);
    const functions = ofType(template, 'AWS::Lambda::Function');
    expect(functions.map(([id]) => id).sort()).toEqual(Object.values(FUNCTIONS).sort());
    for (const [, fn] of functions) {
      expect(fn.Properties?.VpcConfig).toEqual({
        SubnetIds: privateSubnets,
        SecurityGroupIds: [ref('LambdaSecurityGroup')],
      });
      expect(fn.Properties?.Runtime).toBe('nodejs22.x');
    }
    expect(availabilityZone(template, 'PrivateSubnetA')).not.toEqual(availabilityZone(template, 'PrivateSubnetB'));

    const group = resource(template, 'LambdaSecurityGroup', 'AWS::EC2::SecurityGroup').Properties!;
    expect(group.SecurityGroupIngress).toBeUndefined();
    expect(group.SecurityGroupEgress).toEqual([
      expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }),
    ]);
    expect(ofType(template, 'AWS::EC2::SecurityGroupIngress')).toEqual([]);
    expect(ofType(template, 'AWS::EC2::SecurityGroupEgress')).toEqual([]);
  });

  it.each(LAYOUTS)(
    'routes each private subnet to a NAT Gateway in a public subnet behind the internet gateway ($name)',
    ({ natPerAz }) => {
      const template = effectiveTemplate(raw, { NatPerAz: String(natPerAz) });
      const nats = privateSubnets.map(({ Ref: subnet }) => {
        const route = defaultRoute(template, subnet);
        expect(route.GatewayId).toBeUndefined();
        const nat = target(route.NatGatewayId);
        if (!nat) throw new Error(`${subnet}'s default route goes to no NAT Gateway: ${JSON.stringify(route)}`);
        const natGateway = resource(template, nat, 'AWS::EC2::NatGateway').Properties!;

        const publicSubnet = target(natGateway.SubnetId)!;
        expect(privateSubnets.map((s) => s.Ref)).not.toContain(publicSubnet);
        const publicRoute = defaultRoute(template, publicSubnet);
        expect(publicRoute.NatGatewayId).toBeUndefined();
        const gateway = target(publicRoute.GatewayId)!;
        resource(template, gateway, 'AWS::EC2::InternetGateway');
        expect(ofType(template, 'AWS::EC2::VPCGatewayAttachment').map(([, a]) => a.Properties)).toContainEqual({
          VpcId: ref('Vpc'),
          InternetGatewayId: ref(gateway),
        });

        const eip = natGateway.AllocationId['Fn::GetAtt'];
        expect(eip[1]).toBe('AllocationId');
        expect(resource(template, eip[0], 'AWS::EC2::EIP').Properties?.Domain).toBe('vpc');
        if (natPerAz) expect(availabilityZone(template, publicSubnet)).toEqual(availabilityZone(template, subnet));
        return { nat, eip: eip[0] as string };
      });

      const distinct = new Set(nats.map((n) => n.nat));
      expect(distinct.size).toBe(natPerAz ? 2 : 1);
      expect(ofType(template, 'AWS::EC2::NatGateway')).toHaveLength(distinct.size);

      // Every Elastic IP of a NAT Gateway is in the exported output that the operator allow-lists in kintone.
      const output = template.Outputs?.NatElasticIps;
      expect(output?.Export?.Name).toBe(`${SERVICE}-prod-NatElasticIps`);
      const referenced = JSON.stringify(output?.Value);
      for (const { eip } of nats) expect(referenced).toContain(JSON.stringify(ref(eip)));
      expect(ofType(template, 'AWS::EC2::EIP')).toHaveLength(distinct.size);
    },
  );

  it('keeps DynamoDB traffic off the NAT Gateway through a gateway endpoint limited to the registry', () => {
    const endpoint = resource(effectiveTemplate(raw), 'DynamoDbEndpoint', 'AWS::EC2::VPCEndpoint').Properties!;
    expect(endpoint.VpcEndpointType).toBe('Gateway');
    expect(endpoint.RouteTableIds).toEqual([ref('PrivateRouteTableA'), ref('PrivateRouteTableB')]);
    expect(endpoint.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: '*',
        Action: [...registryActions, 'dynamodb:Scan'],
        Resource: getAtt('RegistryTable', 'Arn'),
      },
    ]);
  });
});

describe('queue and writer', () => {
  it('redrives the events queue to the DLQ after as many receives as the local stack, with time for Lambda retries', () => {
    const template = effectiveTemplate(raw);
    const queue = resource(template, 'EventsQueue', 'AWS::SQS::Queue').Properties!;
    const dlq = resource(template, 'EventsDeadLetterQueue', 'AWS::SQS::Queue').Properties!;
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: getAtt('EventsDeadLetterQueue', 'Arn'),
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    expect(MAX_RECEIVE_COUNT).toBe(5);

    const writerTimeout = resource(template, FUNCTIONS.writer).Properties!.Timeout as number;
    const [, mapping] = writerMapping(template);
    // Lambda's guidance for SQS sources: at least six times the function timeout, plus the batching window.
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(
      6 * writerTimeout + mapping.Properties!.MaximumBatchingWindowInSeconds,
    );
    expect(dlq.MessageRetentionPeriod).toBeGreaterThan(queue.MessageRetentionPeriod);
    for (const q of [queue, dlq]) expect(q.SqsManagedSseEnabled).toBe(true);
  });

  it('feeds the writer batches with partial failures, sized for kintone', () => {
    const [, mapping] = writerMapping(effectiveTemplate(raw));
    expect(mapping.Properties).toMatchObject({
      EventSourceArn: getAtt('EventsQueue', 'Arn'),
      FunctionName: getAtt(FUNCTIONS.writer, 'Arn'),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      // The local stack's relay runs as many writers at once.
      ScalingConfig: { MaximumConcurrency: WRITER_MAXIMUM_CONCURRENCY },
      Enabled: true,
    });
  });
});

describe('registry table', () => {
  it('has the key the adapter uses, on-demand, encrypted, with point-in-time recovery, kept when prod is removed', () => {
    const table = resource(effectiveTemplate(raw), 'RegistryTable', 'AWS::DynamoDB::Table');
    expect(table.Properties).toMatchObject({
      TableName: `${SERVICE}-prod-registry`,
      ...registryTableDefinition,
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      // The alert ledger's day items expire on their own.
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });
});

describe('function configuration', () => {
  it('points every function at the table and the queue, and the admin function at the secret parameter', () => {
    const template = effectiveTemplate(raw);
    for (const id of Object.values(FUNCTIONS)) {
      expect(resource(template, id).Properties!.Environment.Variables).toMatchObject({
        REGISTRY_TABLE: `${SERVICE}-prod-registry`,
        REGISTRY_FILE: '',
        EVENTS_QUEUE_URL: ref('EventsQueue'),
        ADMIN_SECRET_PARAMETER: `/${SERVICE}/prod/admin-secret`,
        ALLOW_HTTP_KINTONE: 'false',
        KINTONE_DOMAINS: '',
        TOKEN_KEY_ID: ref('TokenKey'),
      });
      expect(resource(template, id).Properties!.Environment.Variables).not.toHaveProperty('ADMIN_SECRET');
    }
  });

  it('packages no secret value, not even in the saved service state that deploy uploads', async () => {
    expect(packagedFiles.map((file) => path.basename(file))).toContain('serverless-state.json');
    for (const file of packagedFiles) expect(await readFile(file, 'utf8')).not.toContain(SENTINEL_SECRET);
    for (const id of Object.values(FUNCTIONS)) {
      const variables = resource(raw, id).Properties!.Environment.Variables as Record<string, unknown>;
      for (const [name, value] of Object.entries(variables)) {
        // A key's id names the key, it is not one; a parameter's name names where the secret is.
        if (/SECRET|TOKEN|PASSWORD|KEY/.test(name) && !/_PARAMETER$|_KEY_ID$/.test(name))
          expect([name, value]).toEqual([name, '']);
      }
    }
  });

  it('serves the webhook from the ingest function and the admin routes from the admin function', () => {
    const template = effectiveTemplate(raw);
    const routes = ofType(template, 'AWS::ApiGateway::Method').map(([, method]) => {
      const uri = JSON.stringify(method.Properties!.Integration.Uri);
      const handler = Object.entries(FUNCTIONS).find(([, id]) => uri.includes(JSON.stringify(getAtt(id, 'Arn'))))?.[0];
      return `${method.Properties!.HttpMethod} ${apiPath(template, method.Properties!.ResourceId)} ${handler}`;
    });
    expect(routes.sort()).toEqual([
      'GET /apps/{appId}/status admin',
      'POST /apps/{appId}/test-event admin',
      'POST /webhook/{appId} ingest',
      'PUT /apps/{appId}/registration admin',
    ]);
    expect(resource(template, 'ApiGatewayRestApi').Properties!.EndpointConfiguration).toEqual({ Types: ['REGIONAL'] });
  });

  it('has the outputs an operator needs', () => {
    expect(Object.keys(raw.Outputs ?? {})).toEqual(
      expect.arrayContaining([
        'ServerUrl',
        'WebhookBaseUrl',
        'NatElasticIps',
        'EventsQueueUrl',
        'DeadLetterQueueUrl',
        'RegistryTableName',
      ]),
    );
    expect(JSON.stringify(raw.Outputs?.WebhookBaseUrl?.Value)).toContain('/prod/webhook/');
  });
});

describe('IAM: one role per function, each allowed exactly what its code does', () => {
  const expected: Record<keyof typeof FUNCTIONS, Record<string, unknown>> = {
    ingest: {
      'logs:CreateLogStream': getAtt('IngestLogGroup', 'Arn'),
      'logs:PutLogEvents': getAtt('IngestLogGroup', 'Arn'),
      'dynamodb:GetItem': getAtt('RegistryTable', 'Arn'),
      'dynamodb:UpdateItem': getAtt('RegistryTable', 'Arn'),
      'sqs:SendMessage': getAtt('EventsQueue', 'Arn'),
    },
    writer: {
      'logs:CreateLogStream': getAtt('WriterLogGroup', 'Arn'),
      'logs:PutLogEvents': getAtt('WriterLogGroup', 'Arn'),
      'dynamodb:GetItem': getAtt('RegistryTable', 'Arn'),
      'dynamodb:UpdateItem': getAtt('RegistryTable', 'Arn'),
      'kms:Decrypt': getAtt('TokenKey', 'Arn'),
      // What Lambda's SQS poller needs (as in AWSLambdaSQSQueueExecutionRole), and SendMessage to defer events
      // of an app over its daily kintone request budget.
      'sqs:ReceiveMessage': getAtt('EventsQueue', 'Arn'),
      'sqs:DeleteMessage': getAtt('EventsQueue', 'Arn'),
      'sqs:GetQueueAttributes': getAtt('EventsQueue', 'Arn'),
      'sqs:SendMessage': getAtt('EventsQueue', 'Arn'),
    },
    reconcile: {
      'logs:CreateLogStream': getAtt('ReconcileLogGroup', 'Arn'),
      'logs:PutLogEvents': getAtt('ReconcileLogGroup', 'Arn'),
      'dynamodb:Scan': getAtt('RegistryTable', 'Arn'),
      'dynamodb:GetItem': getAtt('RegistryTable', 'Arn'),
      'dynamodb:UpdateItem': getAtt('RegistryTable', 'Arn'),
      'sqs:SendMessage': getAtt('EventsQueue', 'Arn'),
      'ssm:GetParameter': MARKETO_SECRET_PARAMETER_ARN,
    },
    rescore: {
      'logs:CreateLogStream': getAtt('RescoreLogGroup', 'Arn'),
      'logs:PutLogEvents': getAtt('RescoreLogGroup', 'Arn'),
      'dynamodb:Scan': getAtt('RegistryTable', 'Arn'),
      'dynamodb:GetItem': getAtt('RegistryTable', 'Arn'),
      'dynamodb:UpdateItem': getAtt('RegistryTable', 'Arn'),
      'kms:Decrypt': getAtt('TokenKey', 'Arn'),
    },
    reply: {
      'logs:CreateLogStream': getAtt('ReplyLogGroup', 'Arn'),
      'logs:PutLogEvents': getAtt('ReplyLogGroup', 'Arn'),
      's3:GetObject': REPLY_OBJECTS_ARN,
      'dynamodb:Scan': getAtt('RegistryTable', 'Arn'),
      'dynamodb:GetItem': getAtt('RegistryTable', 'Arn'),
      'dynamodb:UpdateItem': getAtt('RegistryTable', 'Arn'),
      'sqs:SendMessage': getAtt('EventsQueue', 'Arn'),
      'ssm:GetParameter': MARKETO_SECRET_PARAMETER_ARN,
    },
    admin: {
      'logs:CreateLogStream': getAtt('AdminLogGroup', 'Arn'),
      'logs:PutLogEvents': getAtt('AdminLogGroup', 'Arn'),
      'dynamodb:GetItem': getAtt('RegistryTable', 'Arn'),
      'dynamodb:UpdateItem': getAtt('RegistryTable', 'Arn'),
      'kms:Encrypt': getAtt('TokenKey', 'Arn'),
      'kms:Decrypt': getAtt('TokenKey', 'Arn'),
      'ssm:GetParameter': {
        'Fn::Join': [
          '',
          [
            'arn:',
            ref('AWS::Partition'),
            ':ssm:',
            ref('AWS::Region'),
            ':',
            ref('AWS::AccountId'),
            `:parameter/${SERVICE}/prod/admin-secret`,
          ],
        ],
      },
    },
  };

  it.each(Object.entries(FUNCTIONS))('%s: exact actions, each on a named resource', (name, functionId) => {
    const template = effectiveTemplate(raw);
    const roleId = target(resource(template, functionId).Properties!.Role)!;
    const grants = allowedActions(template, roleId);
    const wanted = {
      ...expected[name as keyof typeof FUNCTIONS],
      ...Object.fromEntries(NETWORK_INTERFACE_ACTIONS.map((a) => [a, '*'])),
    };
    expect(
      Object.fromEntries(
        [...grants].map(([action, resources]) => [action, resources.length === 1 ? resources[0] : resources]),
      ),
    ).toEqual(wanted);
    // Roles are not shared, so no function gets another's rights.
    const otherRoles = Object.values(FUNCTIONS)
      .filter((id) => id !== functionId)
      .map((id) => target(resource(template, id).Properties!.Role));
    expect(otherRoles).not.toContain(roleId);
  });

  it('names only log groups of the functions themselves', () => {
    const template = effectiveTemplate(raw);
    for (const [, functionId] of Object.entries(FUNCTIONS)) {
      const logGroup = functionId.replace('LambdaFunction', 'LogGroup');
      const functionName = resource(template, functionId).Properties!.FunctionName as string;
      expect(resource(template, logGroup, 'AWS::Logs::LogGroup').Properties!.LogGroupName).toBe(
        `/aws/lambda/${functionName}`,
      );
    }
    expect(
      ofType(template, 'AWS::IAM::Role')
        .map(([id]) => id)
        .sort(),
    ).toEqual(['AdminRole', 'IngestRole', 'ReconcileRole', 'ReplyRole', 'RescoreRole', 'WriterRole']);
  });

  it('grants what the adapters actually send', async () => {
    const template = effectiveTemplate(raw);
    const grantsOf = (functionId: string) =>
      allowedActions(template, target(resource(template, functionId).Properties!.Role)!);

    const dynamo = recorder();
    const registry = dynamoRegistry('table', dynamo.client as unknown as DynamoDBDocumentClient);
    await registry.get('1');
    await registry.put({ appId: '1' } as Parameters<typeof registry.put>[0]);
    await registry.status('1');
    await registry.recordStatus('1', {
      add: { accepted: 1 },
      lastEventAt: '2026-01-01T00:00:00Z',
      lastError: { at: '2026-01-01T00:00:00Z', message: 'x' },
    });
    expect(dynamo.actions('dynamodb').sort()).toEqual(registryActions);
    for (const id of Object.values(FUNCTIONS))
      for (const action of dynamo.actions('dynamodb')) expect(grantsOf(id).has(action)).toBe(true);
    // The reconciliation lists the apps and moves their watermarks too.
    const listing = recorder();
    const reconcileRegistry = dynamoRegistry('table', listing.client as unknown as DynamoDBDocumentClient);
    await reconcileRegistry.appIds();
    await reconcileRegistry.getWithStatus('1');
    await reconcileRegistry.recordReconciled('1', '2026-01-01T00:00:00.000Z');
    expect(listing.actions('dynamodb').sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:UpdateItem']);
    for (const action of listing.actions('dynamodb')) expect(grantsOf(FUNCTIONS.reconcile).has(action)).toBe(true);
    // So does the reply function, which also reads the stored messages, and the daily re-score.
    for (const action of listing.actions('dynamodb')) expect(grantsOf(FUNCTIONS.reply).has(action)).toBe(true);
    for (const action of listing.actions('dynamodb')) expect(grantsOf(FUNCTIONS.rescore).has(action)).toBe(true);
    const s3 = recorder({ Body: { transformToByteArray: async () => new Uint8Array() } });
    await s3RawMailStore('bucket', 'inbound/', s3.client).read('0123abcd');
    expect(s3.actions('s3')).toEqual(['s3:GetObject']);
    expect(grantsOf(FUNCTIONS.reply).has('s3:GetObject')).toBe(true);

    const sqs = recorder();
    await sqsEventQueue('https://queue', sqs.client as unknown as SQSClient).send({ appId: '1' } as EngagementEvent);
    for (const action of sqs.actions('sqs')) expect(grantsOf(FUNCTIONS.ingest).has(action)).toBe(true);
    // The writer sends through the same adapter when it defers events, the reconciliation when it queues them.
    for (const action of sqs.actions('sqs')) expect(grantsOf(FUNCTIONS.writer).has(action)).toBe(true);
    for (const action of sqs.actions('sqs')) expect(grantsOf(FUNCTIONS.reconcile).has(action)).toBe(true);
    for (const action of sqs.actions('sqs')) expect(grantsOf(FUNCTIONS.reply).has(action)).toBe(true);

    const kms = recorder({ CiphertextBlob: new Uint8Array([1]), Plaintext: new Uint8Array([116]) });
    const vault = kmsTokenVault('key-id', kms.client);
    await vault.open('1', await vault.seal('1', 'token'));
    expect(kms.actions('kms').sort()).toEqual(['kms:Decrypt', 'kms:Encrypt']);
    for (const action of kms.actions('kms')) expect(grantsOf(FUNCTIONS.admin).has(action)).toBe(true);
    expect(grantsOf(FUNCTIONS.writer).has('kms:Decrypt')).toBe(true);
    expect(grantsOf(FUNCTIONS.rescore).has('kms:Decrypt')).toBe(true);
    for (const id of [FUNCTIONS.ingest, FUNCTIONS.reconcile, FUNCTIONS.reply])
      expect([...grantsOf(id).keys()].filter((a) => a.startsWith('kms:'))).toEqual([]);

    const ssm = recorder({ Parameter: { Value: 'secret' } });
    await ssmSecret('/name', ssm.client)();
    expect(ssm.actions('ssm')).toEqual(['ssm:GetParameter']);
    expect(grantsOf(FUNCTIONS.admin).has('ssm:GetParameter')).toBe(true);
    expect(grantsOf(FUNCTIONS.reconcile).has('ssm:GetParameter')).toBe(true);
    expect(grantsOf(FUNCTIONS.reply).has('ssm:GetParameter')).toBe(true);
  });
});

describe('secrets at rest and throttling', () => {
  it('seals API tokens with a rotating KMS key of the stack, kept like the registry in prod', () => {
    const template = effectiveTemplate(raw);
    const key = resource(template, 'TokenKey', 'AWS::KMS::Key');
    expect(key.Properties!.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.Properties!.KeyPolicy.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: {
          AWS: { 'Fn::Join': ['', ['arn:', ref('AWS::Partition'), ':iam::', ref('AWS::AccountId'), ':root']] },
        },
        Action: 'kms:*',
        Resource: '*',
      },
    ]);
    expect(resource(template, 'TokenKeyAlias', 'AWS::KMS::Alias').Properties!.TargetKeyId).toEqual(ref('TokenKey'));
  });

  it('throttles the stage, and the admin routes far below it', () => {
    const template = effectiveTemplate(raw);
    const deployments = ofType(template, 'AWS::ApiGateway::Deployment');
    expect(deployments).toHaveLength(1);
    const stage = deployments[0]![1].Properties!.StageDescription;
    expect(stage).toMatchObject({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
    const admin = { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 };
    expect(stage.MethodSettings).toEqual([
      { HttpMethod: 'PUT', ResourcePath: '/~1apps~1{appId}~1registration', ...admin },
      { HttpMethod: 'GET', ResourcePath: '/~1apps~1{appId}~1status', ...admin },
      { HttpMethod: 'POST', ResourcePath: '/~1apps~1{appId}~1test-event', ...admin },
    ]);
    // Each MethodSettings path is one the API has.
    const paths = ofType(template, 'AWS::ApiGateway::Method').map(
      ([, m]) => `${m.Properties!.HttpMethod} ${apiPath(template, m.Properties!.ResourceId)}`,
    );
    for (const setting of stage.MethodSettings as { HttpMethod: string; ResourcePath: string }[]) {
      expect(paths).toContain(`${setting.HttpMethod} ${setting.ResourcePath.slice(1).replace(/~1/g, '/')}`);
    }
  });

  it('reserves concurrency for the webhook, so a flood cannot take the account and no other function starves it', () => {
    const template = effectiveTemplate(raw);
    expect(resource(template, FUNCTIONS.ingest).Properties!.ReservedConcurrentExecutions).toBe(25);
  });
});

describe('scheduled reconciliation', () => {
  /** The schedule rule that starts the function, one per scheduled function. */
  const scheduleRule = (template: Template, functionId: string = FUNCTIONS.reconcile) => {
    const rules = ofType(template, 'AWS::Events::Rule').filter(([, rule]) =>
      (rule.Properties!.Targets as { Arn: unknown }[]).some(
        (t) => JSON.stringify(t.Arn) === JSON.stringify(getAtt(functionId, 'Arn')),
      ),
    );
    expect(rules).toHaveLength(1);
    return rules[0]![1].Properties!;
  };

  it('runs the reconcile function hourly, only once Marketo is configured, never retrying a failed run', () => {
    const off = scheduleRule(effectiveTemplate(raw));
    expect(off).toMatchObject({ ScheduleExpression: 'rate(1 hour)', State: 'DISABLED' });
    expect(off.Targets).toEqual([expect.objectContaining({ Arn: getAtt(FUNCTIONS.reconcile, 'Arn') })]);
    expect(
      scheduleRule(effectiveTemplate(raw, { MarketoRestUrl: 'https://123-ABC-456.mktorest.com/rest' })).State,
    ).toBe('ENABLED');

    const template = effectiveTemplate(raw);
    const invokeConfigs = ofType(template, 'AWS::Lambda::EventInvokeConfig').map(([, c]) => c.Properties!);
    expect(invokeConfigs).toEqual([
      expect.objectContaining({ MaximumRetryAttempts: 0, FunctionName: ref(FUNCTIONS.reconcile) }),
      expect.objectContaining({ MaximumRetryAttempts: 0, FunctionName: ref(FUNCTIONS.rescore) }),
    ]);
    const reconcile = resource(template, FUNCTIONS.reconcile).Properties!;
    expect(reconcile.Timeout).toBe(900);
    expect(reconcile.Environment.Variables).toMatchObject({
      MARKETO_REST_URL: '',
      MARKETO_CLIENT_SECRET_PARAMETER: `/${SERVICE}/prod/marketo-client-secret`,
      RECONCILE_LAG_MINUTES: '30',
      RECONCILE_OVERLAP_MINUTES: '60',
      MARKETO_CALLS_PER_20S: '50',
      MARKETO_DAILY_BUDGET: '45000',
    });
    expect(reconcile.Environment.Variables).not.toHaveProperty('MARKETO_CLIENT_SECRET');
  });

  it("re-scores the engagement scores daily at 03:00 JST, with the writer's budget, never retrying a failed run", () => {
    const template = effectiveTemplate(raw);
    expect(scheduleRule(template, FUNCTIONS.rescore)).toMatchObject({
      ScheduleExpression: 'cron(0 18 * * ? *)',
      State: 'ENABLED',
    });
    const rescore = resource(template, FUNCTIONS.rescore).Properties!;
    expect(rescore.Timeout).toBe(900);
    expect(rescore.Environment.Variables).toMatchObject({ KINTONE_DAILY_REQUEST_BUDGET: '8000' });
  });

  it('takes the Marketo endpoints from params, switching the schedule on', async () => {
    const printed = await serverless([
      'print',
      '--stage',
      'prod',
      '--param',
      'marketoRestUrl=https://123-ABC-456.mktorest.com/rest',
      '--param',
      'marketoClientId=client-id',
      '--format',
      'json',
    ]);
    const config = JSON.parse(printed) as {
      functions: Record<'reconcile' | 'reply', { environment: Record<string, string> }>;
      resources: { Parameters: { MarketoRestUrl: { Default: string } } };
    };
    for (const name of ['reconcile', 'reply'] as const) {
      expect(config.functions[name].environment).toMatchObject({
        MARKETO_REST_URL: 'https://123-ABC-456.mktorest.com/rest',
        MARKETO_CLIENT_ID: 'client-id',
        MARKETO_CLIENT_SECRET_PARAMETER: `/${SERVICE}/prod/marketo-client-secret`,
      });
    }
    expect(config.resources.Parameters.MarketoRestUrl.Default).toBe('https://123-ABC-456.mktorest.com/rest');
  });
});

describe('replies', () => {
  const withDomain = () => effectiveTemplate(raw, { ReplyDomain: 'replies.example.com' });

  it('deploys nothing for SES until a reply domain is given', () => {
    const template = effectiveTemplate(raw);
    for (const type of [
      'AWS::S3::Bucket',
      'AWS::S3::BucketPolicy',
      'AWS::SES::ReceiptRuleSet',
      'AWS::SES::ReceiptRule',
    ]) {
      expect(
        ofType(template, type)
          .map(([id]) => id)
          .filter((id) => !id.startsWith('ServerlessDeploymentBucket')),
      ).toEqual([]);
    }
    expect(ofType(template, 'AWS::Lambda::Permission').map(([, p]) => p.Properties!.Principal)).not.toContain(
      'ses.amazonaws.com',
    );
    expect(resource(template, FUNCTIONS.reply).Properties!.Environment.Variables).toMatchObject({
      REPLY_BUCKET: '',
      REPLY_PREFIX: 'inbound/',
    });
  });

  it('stores each received message under the prefix the function reads, then invokes it asynchronously', () => {
    const template = withDomain();
    const rules = ofType(template, 'AWS::SES::ReceiptRule');
    expect(rules).toHaveLength(1);
    const rule = { Properties: rules[0]![1].Properties! };
    expect(rule.Properties.RuleSetName).toEqual(ref('ReplyRuleSet'));
    expect(rule.Properties.Rule).toMatchObject({
      Enabled: true,
      ScanEnabled: true,
      Recipients: ['replies.example.com'],
    });
    // The S3 action comes first: the function reads what it stored.
    expect(rule.Properties.Rule.Actions).toEqual([
      { S3Action: { BucketName: ref('ReplyBucket'), ObjectKeyPrefix: 'inbound/' } },
      { LambdaAction: { FunctionArn: getAtt(FUNCTIONS.reply, 'Arn'), InvocationType: 'Event' } },
    ]);
    expect(resource(template, FUNCTIONS.reply).Properties!.Environment.Variables).toMatchObject({
      REPLY_BUCKET: ref('ReplyBucket'),
      REPLY_PREFIX: 'inbound/',
    });
    expect(asArray(resource(template, 'ReplyReceiptRule').DependsOn).sort()).toEqual([
      'ReplyBucketPolicy',
      'ReplyInvokePermission',
    ]);
    expect(resource(template, 'ReplyInvokePermission', 'AWS::Lambda::Permission').Properties).toEqual({
      FunctionName: getAtt(FUNCTIONS.reply, 'Arn'),
      Action: 'lambda:InvokeFunction',
      Principal: 'ses.amazonaws.com',
      SourceAccount: ref('AWS::AccountId'),
    });
  });

  it('keeps received mail private, encrypted and only for the retention period, writable only by this rule set', () => {
    const template = withDomain();
    const bucket = resource(template, 'ReplyBucket', 'AWS::S3::Bucket').Properties!;
    expect(bucket.BucketName).toEqual(REPLY_BUCKET_NAME);
    expect(bucket.LifecycleConfiguration.Rules).toEqual([
      { Id: 'expire-received-mail', Status: 'Enabled', ExpirationInDays: 30 },
    ]);
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
    const [allow, deny] = resource(template, 'ReplyBucketPolicy', 'AWS::S3::BucketPolicy').Properties!.PolicyDocument
      .Statement;
    expect(allow).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'ses.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: REPLY_OBJECTS_ARN,
    });
    expect(allow.Condition.StringEquals).toEqual({ 'aws:SourceAccount': ref('AWS::AccountId') });
    expect(JSON.stringify(allow.Condition.ArnLike['aws:SourceArn'])).toContain(JSON.stringify(ref('ReplyRuleSet')));
    expect(deny).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(Object.keys(template.Outputs ?? {})).toEqual(
      expect.arrayContaining(['ReplyMxRecord', 'ReplyRuleSetName', 'ReplyBucketName']),
    );
  });

  it('reads the messages through a free S3 gateway endpoint that admits only them', () => {
    const endpoint = resource(withDomain(), 'S3Endpoint', 'AWS::EC2::VPCEndpoint').Properties!;
    expect(endpoint.VpcEndpointType).toBe('Gateway');
    expect(endpoint.RouteTableIds).toEqual([ref('PrivateRouteTableA'), ref('PrivateRouteTableB')]);
    expect(endpoint.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: REPLY_OBJECTS_ARN },
    ]);
  });
});

describe('API resource policy', () => {
  it('is off by default', () => {
    expect(resource(raw, 'ApiGatewayRestApi').Properties!.Policy).toBe('');
  });

  it('when on, fences only the webhook route to Marketo’s address blocks and leaves the admin routes open', async () => {
    const printed = await serverless([
      'print',
      '--stage',
      'prod',
      '--param',
      'marketoIpAllowList=true',
      '--path',
      'provider.apiGateway.resourcePolicy',
      '--format',
      'json',
    ]);
    const statements = JSON.parse(printed) as {
      Effect: string;
      Action: string[];
      Resource: string;
      Condition?: { NotIpAddress: Record<string, string[]> };
    }[];
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatchObject({
      Effect: 'Allow',
      Action: ['execute-api:Invoke'],
      Resource: 'execute-api:/*',
    });
    expect(statements[0]?.Condition).toBeUndefined();
    expect(statements[1]).toMatchObject({
      Effect: 'Deny',
      Action: ['execute-api:Invoke'],
      Resource: 'execute-api:/*/POST/webhook/*',
    });
    const blocks = statements[1]?.Condition!.NotIpAddress['aws:SourceIp'] as string[];
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks) expect(block).toMatch(/^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$/);
    expect(blocks).toEqual(expect.arrayContaining(['192.28.144.0/20', '199.15.212.0/22']));
  });
});

describe('alarms', () => {
  it('watch the DLQ depth and every function’s errors, and notify the topic', () => {
    const template = effectiveTemplate(raw);
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties!);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [ref('AlarmTopic')],
      });
    }
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: getAtt('EventsDeadLetterQueue', 'QueueName') }],
      }),
    );
    const errorAlarms = alarms.filter((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === 'Errors');
    expect(errorAlarms.map((a) => a.Dimensions[0].Value.Ref).sort()).toEqual(Object.values(FUNCTIONS).sort());
  });

  it('subscribes an e-mail address only when one is given', () => {
    expect(ofType(effectiveTemplate(raw), 'AWS::SNS::Subscription')).toEqual([]);
    const subscribed = effectiveTemplate(raw, { AlarmEmail: 'ops@example.com' });
    expect(ofType(subscribed, 'AWS::SNS::Subscription').map(([, s]) => s.Properties)).toEqual([
      { TopicArn: ref('AlarmTopic'), Protocol: 'email', Endpoint: 'ops@example.com' },
    ]);
  });
});

describe('the local stage', () => {
  it('resolves with no credentials, taking its settings from the environment the local stack gives it', async () => {
    const printed = await serverless(['print', '--stage', 'local', '--format', 'json'], {
      EVENTS_QUEUE_URL: 'http://127.0.0.1:9324/000000000000/events',
      ADMIN_SECRET: SENTINEL_SECRET,
    });
    expect(printed).not.toContain('${');
    const config = JSON.parse(printed) as {
      provider: { environment: Record<string, string> };
      custom: { 'serverless-offline': { localEnvironment?: boolean } };
    };
    expect(config.provider.environment).toMatchObject({
      REGISTRY_FILE: '/tmp/kintone-marketo-sync/registry.json',
      REGISTRY_TABLE: '',
      EVENTS_QUEUE_URL: 'http://127.0.0.1:9324/000000000000/events',
      ADMIN_SECRET_PARAMETER: '',
    });
    // The admin secret reaches the local handlers from serverless-offline's own environment, never the config.
    expect(config.custom['serverless-offline'].localEnvironment).toBe(true);
    expect(printed).not.toContain(SENTINEL_SECRET);
  });
});

/**
 * cfn-lint comes with this project's machine image (pip); Debian has no package of it and PyPI is not reachable,
 * so nothing installs it. Where it is missing the check is skipped, except in CI, where that is a failure.
 */
const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const haveCfnLint = cfnLint.status === 0;
(haveCfnLint || process.env.CI ? it : it.skip)(
  `passes cfn-lint (${haveCfnLint ? cfnLint.stdout.trim() : 'not installed'})`,
  async () => {
    if (!haveCfnLint) throw new Error('cfn-lint is not installed; CI needs it to lint the CloudFormation template');
    const templateFile = path.join(workDir, 'package', 'cloudformation-template-update-stack.json');
    // W3005 (redundant DependsOn): serverless itself adds the role to each function's DependsOn when the function
    // has its own role, beside the GetAtt that already orders them; harmless, and not ours to remove.
    const result = spawnSync('cfn-lint', ['--format', 'parseable', '--ignore-checks', 'W3005', '--', templateFile], {
      encoding: 'utf8',
    });
    expect({ status: result.status, output: `${result.stdout}${result.stderr}`.trim() }).toEqual({
      status: 0,
      output: '',
    });
  },
);

// ---- helpers ----

const registryActions = ['dynamodb:GetItem', 'dynamodb:UpdateItem'];

function availabilityZone(template: Template, subnet: string): unknown {
  return resource(template, subnet, 'AWS::EC2::Subnet').Properties!.AvailabilityZone;
}

/** The 0.0.0.0/0 route of the route table associated with the subnet. */
function defaultRoute(template: Template, subnet: string): NonNullable<Resource['Properties']> {
  const associations = ofType(template, 'AWS::EC2::SubnetRouteTableAssociation').filter(
    ([, a]) => target(a.Properties?.SubnetId) === subnet,
  );
  expect(associations).toHaveLength(1);
  const table = target(associations[0]![1].Properties!.RouteTableId)!;
  const routes = ofType(template, 'AWS::EC2::Route')
    .map(([, route]) => route.Properties!)
    .filter((route) => target(route.RouteTableId) === table && route.DestinationCidrBlock === '0.0.0.0/0');
  expect(routes).toHaveLength(1);
  return routes[0]!;
}

function writerMapping(template: Template) {
  const mappings = ofType(template, 'AWS::Lambda::EventSourceMapping');
  expect(mappings).toHaveLength(1);
  return mappings[0]!;
}

/** /webhook/{appId} for an API Gateway resource, walking up its parents. */
function apiPath(template: Template, resourceId: unknown): string {
  const id = target(resourceId);
  if (!id || (isObject(resourceId) && 'Fn::GetAtt' in resourceId)) return '';
  const apiResource = resource(template, id, 'AWS::ApiGateway::Resource').Properties!;
  return `${apiPath(template, apiResource.ParentId)}/${apiResource.PathPart}`;
}

/**
 * Every action the role allows (inline policies and customer managed policies of this template), with the
 * resources each is allowed on. Anything but a plain Allow of listed actions (no NotAction or NotResource, and no
 * Condition but the KMS encryption context one), or an AWS managed policy, fails.
 */
function allowedActions(template: Template, roleId: string): Map<string, unknown[]> {
  const role = resource(template, roleId, 'AWS::IAM::Role').Properties!;
  expect(role.AssumeRolePolicyDocument.Statement).toEqual([
    { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ]);
  const documents = [
    ...asArray(role.Policies).map((policy) => policy.PolicyDocument),
    ...asArray(role.ManagedPolicyArns).map((arn) => {
      const id = target(arn);
      if (!id) throw new Error(`${roleId} uses a policy from outside the template: ${JSON.stringify(arn)}`);
      return resource(template, id, 'AWS::IAM::ManagedPolicy').Properties!.PolicyDocument;
    }),
  ];
  const grants = new Map<string, unknown[]>();
  for (const statement of documents.flatMap((document) => asArray(document.Statement)) as Record<string, unknown>[]) {
    // The one condition any role has: KMS use names an app id as encryption context.
    if (statement.Condition) expect(statement.Condition).toEqual({ Null: { 'kms:EncryptionContext:appId': 'false' } });
    expect(
      Object.keys(statement)
        .filter((key) => key !== 'Sid' && key !== 'Condition')
        .sort(),
    ).toEqual(['Action', 'Effect', 'Resource']);
    expect(statement.Effect).toBe('Allow');
    const actions = asArray(statement.Action as string | string[]);
    for (const resourceArn of asArray(statement.Resource)) {
      if (resourceArn === '*') {
        for (const action of actions) expect(NETWORK_INTERFACE_ACTIONS).toContain(action);
      } else if (JSON.stringify(resourceArn) !== JSON.stringify(REPLY_OBJECTS_ARN)) {
        // The received messages' keys are SES's message ids, unknown in advance: the one wildcard, under one prefix.
        expect(JSON.stringify(resourceArn)).not.toContain('*');
        const named = target(resourceArn);
        if (named) resource(template, named);
      }
      for (const action of actions) {
        expect(action).not.toContain('*');
        grants.set(action, [...(grants.get(action) ?? []), resourceArn]);
      }
    }
  }
  return grants;
}

/** A stand-in SDK client that records the IAM actions of the commands sent through it. */
function recorder(answer: unknown = {}) {
  const commands: string[] = [];
  return {
    client: {
      send: async (command: object) => {
        commands.push(command.constructor.name.replace(/Command$/, ''));
        return answer;
      },
    },
    actions(service: string): string[] {
      // lib-dynamodb names its commands after the item operations without "Item" (GetCommand → GetItem).
      const documentClientNames: Record<string, string> = {
        Get: 'GetItem',
        Put: 'PutItem',
        Update: 'UpdateItem',
        Delete: 'DeleteItem',
      };
      return [
        ...new Set(
          commands.map((name) => `${service}:${service === 'dynamodb' ? (documentClientNames[name] ?? name) : name}`),
        ),
      ];
    },
  };
}
