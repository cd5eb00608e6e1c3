import { App, type Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECRET_KEYS } from '../functions/platform/aws/secrets.js';
import { GSIS, TTL_ATTRIBUTE } from '../functions/store/table-schema.js';
import { buildAssistant } from './app.js';

/** An app for one stage with bundling skipped: these tests read the template; test/bundles runs the real bundles. */
function synthStage(stage: 'dev' | 'prod') {
  const app = new App({ context: { stage, 'aws:cdk:bundling-stacks': [] } });
  const built = buildAssistant(app);
  return {
    app,
    data: Template.fromStack(built.data),
    functions: Template.fromStack(built.functions),
    stacks: [built.data, built.functions] as Stack[],
  };
}

type Synth = ReturnType<typeof synthStage>;
let dev: Synth;
let prod: Synth;

beforeAll(() => {
  dev = synthStage('dev');
  prod = synthStage('prod');
}, 120_000);

type Statement = { Action: string | string[]; Resource: unknown };
function statements(template: Template): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
}
const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

describe('data stack', () => {
  it('builds the table from the shared schema: keys, GSIs, TTL, on-demand, PITR, encryption', () => {
    dev.data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      SSESpecification: { SSEEnabled: true },
      GlobalSecondaryIndexes: GSIS.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it.each([
    ['dev', false, 'Delete'],
    ['prod', true, 'Retain'],
  ] as const)('%s: deletion protection %s, removal policy %s', (stage, protection, policy) => {
    const template = stage === 'dev' ? dev.data : prod.data;
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: protection }),
      DeletionPolicy: policy,
      UpdateReplacePolicy: policy,
    });
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: policy });
  });

  it('queues inbound messages in a FIFO queue with explicit deduplication, redriven to a FIFO dead-letter queue', () => {
    const queues = dev.data.findResources('AWS::SQS::Queue');
    const [inboundId, inbound] = Object.entries(queues).find(([id]) => id.startsWith('InboundQueue'))!;
    const dlqId = Object.keys(queues).find((id) => id.startsWith('InboundDlq'))!;
    expect(inboundId).toBeDefined();
    expect(inbound.Properties).toMatchObject({
      FifoQueue: true,
      ContentBasedDeduplication: false,
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 180,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(queues[dlqId]?.Properties).toMatchObject({ FifoQueue: true });
  });

  it('gives the broadcast queue its own dead-letter queue, after more receives (its consumer is throttled to one)', () => {
    const queues = dev.data.findResources('AWS::SQS::Queue');
    const broadcast = Object.entries(queues).find(([id]) => id.startsWith('BroadcastQueue'))![1];
    const dlqId = Object.keys(queues).find((id) => id.startsWith('BroadcastDlq'))!;
    expect(broadcast.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      maxReceiveCount: 20,
    });
  });

  it('holds no secret value in the template: the secret starts with empty placeholders and a generated session key', () => {
    const secret = Object.values(dev.data.findResources('AWS::SecretsManager::Secret'))[0]!;
    const generate = secret.Properties.GenerateSecretString;
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(generate.GenerateStringKey).toBe('SESSION_SECRET');
    expect(Object.values(JSON.parse(generate.SecretStringTemplate))).toEqual(
      SECRET_KEYS.filter((k) => k !== 'SESSION_SECRET').map(() => ''),
    );
  });
});

describe('app stack', () => {
  it('runs every function on Node.js 22, arm64, from an ESM bundle', () => {
    const functions = Object.values(dev.functions.findResources('AWS::Lambda::Function'));
    // api, console, worker, escalation, broadcast sender, broadcast scheduler
    expect(functions).toHaveLength(6);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
      });
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('passes the secret by ARN only: no secret key and no credential in any environment', () => {
    for (const fn of Object.values(dev.functions.findResources('AWS::Lambda::Function'))) {
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
      for (const key of SECRET_KEYS) expect(variables).not.toHaveProperty(key);
      expect(variables.SECRETS_ARN).toBeDefined();
      expect(variables.APP_ENV).toBe('production');
    }
  });

  it('feeds the worker from the inbound queue with partial batch failure reporting', () => {
    dev.functions.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      EventSourceArn: Match.anyValue(),
    });
  });

  it('routes the webhooks to the API function, the officers’ paths to the console function, and logs access', () => {
    const routes = Object.values(dev.functions.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey,
    );
    expect(routes.sort()).toEqual([
      'ANY /a-propos',
      'ANY /api/{proxy+}',
      'ANY /console',
      'ANY /console/{proxy+}',
      'ANY /officiel',
      'ANY /{proxy+}',
    ]);
    dev.functions.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it.each([
    ['dev', 7, 'debug'],
    ['prod', 90, 'info'],
  ] as const)('%s: logs kept %i days, log level %s', (stage, days, level) => {
    const template = stage === 'dev' ? dev.functions : prod.functions;
    for (const group of Object.values(template.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBe(days);
    }
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.Environment.Variables.LOG_LEVEL).toBe(level);
    }
  });

  it('raises alarms on function errors, dead letters, API 5xx, table throttles and old inbound messages, to one topic', () => {
    const alarms = Object.values(dev.functions.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties,
    );
    const metricNames = alarms.map(
      (a) =>
        a.MetricName ??
        a.Metrics.map(
          (m: { MetricStat?: { Metric: { MetricName: string } } }) => m.MetricStat?.Metric.MetricName,
        )
          .filter(Boolean)
          .join('+'),
    );
    expect(metricNames.sort()).toEqual(
      [
        'Errors',
        'Errors',
        'Errors',
        'Errors',
        'Errors',
        'Errors',
        'ApproximateNumberOfMessagesVisible',
        'ApproximateNumberOfMessagesVisible',
        'ApproximateAgeOfOldestMessage',
        '5xx',
        'ReadThrottleEvents+WriteThrottleEvents',
      ].sort(),
    );
    const topic = Object.keys(dev.functions.findResources('AWS::SNS::Topic'))[0]!;
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
    const age = alarms.find((a) => a.MetricName === 'ApproximateAgeOfOldestMessage');
    expect(age?.Threshold).toBe(900);
  });

  it('grants no wildcard action and no "*" resource', () => {
    for (const template of [dev.functions, prod.functions]) {
      const all = statements(template);
      expect(all.length).toBeGreaterThan(0);
      for (const statement of all) {
        for (const action of asList(statement.Action)) expect(action).not.toContain('*');
        for (const resource of asList(statement.Resource)) {
          expect(resource).not.toBe('*');
          expect(JSON.stringify(resource)).not.toMatch(/index\/\*/);
        }
      }
    }
  });

  it('lets the API function describe the table and queue messages, and no more on the table', () => {
    const apiPolicy = Object.entries(dev.functions.findResources('AWS::IAM::Policy')).find(([id]) =>
      id.startsWith('ApiRole'),
    )![1];
    const actions = (apiPolicy.Properties.PolicyDocument.Statement as Statement[]).flatMap((s) =>
      asList(s.Action),
    );
    expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:DescribeTable']);
    expect(actions).toContain('sqs:SendMessage');
    expect(actions).toContain('secretsmanager:GetSecretValue');
    expect(actions.some((a) => a.startsWith('sqs:Receive') || a.startsWith('sqs:Delete'))).toBe(false);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it.each(['dev', 'prod'] as const)('%s: no unacknowledged finding', (stage) => {
    const { app } = stage === 'dev' ? dev : prod;
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(
      report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.resourceLogicalId)}`),
    ).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('gives every acknowledgement a reason', () => {
    const acknowledgements: { id: string; reason: string }[] = [];
    const visit = (node: IConstruct) => {
      for (const entry of node.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          acknowledgements.push({ id, reason });
        }
      }
      for (const child of node.node.children) visit(child);
    };
    visit(dev.app);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { id, reason } of acknowledgements) {
      expect(id).toMatch(/AwsSolutions-[A-Z]+[0-9]+$/);
      expect(reason.length).toBeGreaterThan(40);
    }
  });
});

describe('scheduled and queued functions', () => {
  it('runs the lead SLA escalation every 5 minutes, retried twice on failure', () => {
    const escalation = Object.keys(dev.functions.findResources('AWS::Lambda::Function')).find((id) =>
      id.startsWith('Escalation'),
    );
    dev.functions.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [escalation, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2 },
        }),
      ],
    });
  });

  it('feeds the broadcast sender from the broadcast queue, one process at a time, and starts due broadcasts every minute', () => {
    const functions = dev.functions.findResources('AWS::Lambda::Function');
    const idOf = (prefix: string) => Object.keys(functions).find((id) => id.startsWith(prefix))!;
    expect(functions[idOf('BroadcastSenderFunction')]?.Properties.ReservedConcurrentExecutions).toBe(1);
    dev.functions.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: idOf('BroadcastSenderFunction') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    dev.functions.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [idOf('BroadcastSchedulerFunction'), 'Arn'] } })],
    });
    for (const prefix of ['BroadcastSenderFunction', 'BroadcastSchedulerFunction']) {
      expect(functions[idOf(prefix)]?.Properties.Environment.Variables.BROADCAST_QUEUE_URL).toBeDefined();
    }
  });
});
