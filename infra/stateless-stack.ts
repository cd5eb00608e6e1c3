import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, type Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { SECRETS_ARN_ENV } from '../functions/platform/aws/secrets.js';
import { AssistantFunction } from './assistant-function.js';
import type { FunctionName } from './bundling.js';
import { acknowledgeNag } from './nag.js';
import { grantTable, TABLE_ACTIONS } from './permissions.js';
import type { StageSettings } from './stages.js';
import { type StatefulStack, WORKER_TIMEOUT } from './stateful-stack.js';

export interface StatelessStackProps extends StackProps {
  stage: StageSettings;
  data: Pick<
    StatefulStack,
    'table' | 'inboundQueue' | 'inboundDlq' | 'broadcastQueue' | 'broadcastDlq' | 'secret'
  >;
  /** The public https URL Twilio and Telegram call (a custom domain); the HTTP API's own URL otherwise. */
  publicUrl?: string;
  /** Non-secret settings passed as they are (TELEGRAM_BOT_USERNAME, OPENAI_MODEL...). */
  settings?: Record<string, string>;
  alarmEmail?: string;
  /**
   * The lead SLA escalation (functions/app/lambda/escalation.ts), run on `schedule` by an
   * EventBridge rule.
   */
  escalation?: { name: FunctionName; schedule: Schedule };
  /**
   * Broadcasting: the sender fed by the broadcast queue (reserved concurrency 1) and the scheduler
   * that starts due broadcasts on `schedule`.
   */
  broadcasts?: { sender: FunctionName; scheduler: FunctionName; schedule: Schedule };
}

/**
 * The functions and the HTTP API, replaceable at will: API Gateway → API function (webhooks,
 * health, console) → inbound FIFO queue → worker function → DynamoDB and the channels. Alarms go
 * to one SNS topic.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly apiFunction: AssistantFunction;
  readonly consoleFunction: AssistantFunction;
  readonly worker: AssistantFunction;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { stage, data } = props;

    this.alarmTopic = new Topic(this, 'Alarms', {
      displayName: `Togo assistant alarms (${stage.name})`,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    acknowledgeNag(
      this.alarmTopic,
      'AwsSolutions-SNS2',
      'Alarm notifications carry alarm names only, no personal data; CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer key would be the only one in the project.',
    );
    const alarmAction = new SnsAction(this.alarmTopic);

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: stage.logRetention,
      removalPolicy: stage.removalPolicy,
    });
    this.api = new HttpApi(this, 'HttpApi', {
      description: `Togo diaspora assistant (${stage.name}): webhooks, health, console`,
      createDefaultStage: false,
    });
    this.api.addStage('PublicStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: stage.apiThrottle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    const publicUrl = props.publicUrl ?? this.api.apiEndpoint;

    const common = {
      APP_ENV: 'production',
      TABLE_NAME: data.table.tableName,
      [SECRETS_ARN_ENV]: data.secret.secretArn,
      PUBLIC_URL: publicUrl,
      ...props.settings,
    };

    this.apiFunction = new AssistantFunction(this, 'Api', {
      name: 'api',
      stage,
      timeout: Duration.seconds(10),
      environment: { ...common, INBOUND_QUEUE_URL: data.inboundQueue.queueUrl },
    });
    this.worker = new AssistantFunction(this, 'Worker', {
      name: 'worker',
      stage,
      timeout: WORKER_TIMEOUT,
      environment: common,
    });

    this.consoleFunction = new AssistantFunction(this, 'Console', {
      name: 'console',
      stage,
      timeout: Duration.seconds(15),
      environment: { ...common, BROADCAST_QUEUE_URL: data.broadcastQueue.queueUrl },
    });

    // Hono routes everything (404s included), so catch-all integrations are enough: the officers'
    // paths go to the console function (more specific routes win), the rest to the webhook function.
    this.api.addRoutes({
      path: '/{proxy+}',
      integration: new HttpLambdaIntegration('ApiIntegration', this.apiFunction.fn),
    });
    const consoleIntegration = new HttpLambdaIntegration('ConsoleIntegration', this.consoleFunction.fn);
    // The public pages (/officiel, /a-propos) are mounted with the console routes.
    for (const path of ['/console', '/console/{proxy+}', '/api/{proxy+}', '/officiel', '/a-propos']) {
      this.api.addRoutes({ path, integration: consoleIntegration });
    }
    acknowledgeNag(
      this.api,
      'AwsSolutions-APIG4',
      'Twilio and Telegram cannot present IAM or JWT credentials: each webhook is authenticated in the function (Twilio signature, Telegram secret token), the console by its own session.',
    );

    data.secret.grantRead(this.apiFunction.role);
    data.secret.grantRead(this.worker.role);
    data.secret.grantRead(this.consoleFunction.role);
    // The console queues a broadcast's fan-out; the sender function does the sending.
    data.broadcastQueue.grantSendMessages(this.consoleFunction.role);
    grantTable(data.table, this.consoleFunction.role, TABLE_ACTIONS.console);
    data.inboundQueue.grantSendMessages(this.apiFunction.role);
    grantTable(data.table, this.apiFunction.role, TABLE_ACTIONS.api);
    grantTable(data.table, this.worker.role, TABLE_ACTIONS.worker);

    this.worker.fn.addEventSource(
      new SqsEventSource(data.inboundQueue, { batchSize: 10, reportBatchItemFailures: true }),
    );

    const alarms: Alarm[] = [
      this.apiFunction.errorsAlarm,
      this.worker.errorsAlarm,
      this.consoleFunction.errorsAlarm,
    ];

    if (props.escalation) {
      const escalation = new AssistantFunction(this, 'Escalation', {
        name: props.escalation.name,
        stage,
        timeout: Duration.minutes(1),
        environment: common,
      });
      data.secret.grantRead(escalation.role);
      grantTable(data.table, escalation.role, TABLE_ACTIONS.escalation);
      new Rule(this, 'EscalationSchedule', {
        description: 'Runs the lead SLA escalation',
        schedule: props.escalation.schedule,
        targets: [new LambdaFunction(escalation.fn, { retryAttempts: 2 })],
      });
      alarms.push(escalation.errorsAlarm);
    }

    if (props.broadcasts) {
      const broadcastEnv = { ...common, BROADCAST_QUEUE_URL: data.broadcastQueue.queueUrl };
      const sender = new AssistantFunction(this, 'BroadcastSender', {
        name: props.broadcasts.sender,
        stage,
        timeout: WORKER_TIMEOUT,
        // One process holds the rate limiters (Telegram's and Twilio's sending limits).
        reservedConcurrentExecutions: 1,
        // A job sends one batch, then queues the next one.
        environment: broadcastEnv,
      });
      const scheduler = new AssistantFunction(this, 'BroadcastScheduler', {
        name: props.broadcasts.scheduler,
        stage,
        timeout: Duration.minutes(1),
        environment: broadcastEnv,
      });
      for (const fn of [sender, scheduler]) {
        data.secret.grantRead(fn.role);
        data.broadcastQueue.grantSendMessages(fn.role);
        grantTable(data.table, fn.role, TABLE_ACTIONS[fn.name]);
        alarms.push(fn.errorsAlarm);
      }
      sender.fn.addEventSource(
        new SqsEventSource(data.broadcastQueue, { batchSize: 10, reportBatchItemFailures: true }),
      );
      new Rule(this, 'BroadcastSchedule', {
        description: 'Starts the broadcasts whose time has come',
        schedule: props.broadcasts.schedule,
        targets: [new LambdaFunction(scheduler.fn, { retryAttempts: 2 })],
      });
    }

    const every5min = { period: Duration.minutes(5) };
    const threshold = (name: string, description: string, metric: IMetric, value: number) =>
      new Alarm(this, name, {
        alarmDescription: `${description} (${stage.name})`,
        metric,
        threshold: value,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    alarms.push(
      threshold(
        'InboundDlqAlarm',
        'Inbound messages reached the dead-letter queue',
        data.inboundDlq.metricApproximateNumberOfMessagesVisible(every5min),
        1,
      ),
      threshold(
        'BroadcastDlqAlarm',
        'Broadcast messages reached the dead-letter queue',
        data.broadcastDlq.metricApproximateNumberOfMessagesVisible(every5min),
        1,
      ),
      threshold(
        'InboundAgeAlarm',
        'The oldest inbound message waits too long',
        data.inboundQueue.metricApproximateAgeOfOldestMessage({ ...every5min, statistic: 'Maximum' }),
        stage.oldestMessageAlarmAge.toSeconds(),
      ),
      threshold('Api5xxAlarm', 'The HTTP API answered 5xx', this.api.metricServerError(every5min), 1),
      threshold(
        'TableThrottleAlarm',
        'DynamoDB throttled reads or writes',
        new MathExpression({
          label: 'Throttle events',
          expression: 'reads + writes',
          usingMetrics: {
            reads: data.table.metric('ReadThrottleEvents', { statistic: 'Sum' }),
            writes: data.table.metric('WriteThrottleEvents', { statistic: 'Sum' }),
          },
          ...every5min,
        }),
        1,
      ),
    );
    for (const alarm of alarms) alarm.addAlarmAction(alarmAction);
    new CfnOutput(this, 'PublicUrl', {
      value: publicUrl,
      description: 'PUBLIC_URL (npm run telegram:webhook)',
    });
    new CfnOutput(this, 'WhatsAppWebhookUrl', {
      value: `${publicUrl}/webhooks/whatsapp`,
      description: 'Paste in the Twilio console: "When a message comes in" (POST)',
    });
    new CfnOutput(this, 'ConsoleUrl', {
      value: `${publicUrl}/console`,
      description: "The officers' console",
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
  }
}
