import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SECRET_KEYS } from '../functions/platform/aws/secrets.js';
import { GSIS, TABLE_KEYS, TTL_ATTRIBUTE } from '../functions/store/table-schema.js';
import { acknowledgeNag } from './nag.js';
import type { StageSettings } from './stages.js';

/** How long the worker may take on one message; the inbound queue's visibility timeout is six times it, as AWS advises. */
export const WORKER_TIMEOUT = Duration.seconds(30);
/** Deliveries before a message goes to its dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;

export interface StatefulStackProps extends StackProps {
  stage: StageSettings;
}

/**
 * What holds data and must outlive deployments: the table, the queues and the secret. The
 * stateless stack receives them as props, so functions can be replaced freely.
 */
export class StatefulStack extends Stack {
  readonly table: Table;
  readonly inboundQueue: Queue;
  readonly inboundDlq: Queue;
  readonly broadcastQueue: Queue;
  readonly broadcastDlq: Queue;
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { stage } = props;

    // Keys and indexes come from the same module the code and DynamoDB Local use: they cannot drift.
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: stage.deletionProtection,
      removalPolicy: stage.removalPolicy,
    });
    for (const gsi of GSIS) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
      });
    }

    this.inboundDlq = new Queue(this, 'InboundDlq', {
      fifo: true,
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: stage.removalPolicy,
    });
    this.inboundQueue = new Queue(this, 'InboundQueue', {
      // FIFO: each person is a message group, so their messages are answered one at a time, in order.
      fifo: true,
      // The webhook sets the platform's delivery id as the deduplication id (see sqs-queue.ts).
      contentBasedDeduplication: false,
      visibilityTimeout: Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.inboundDlq, maxReceiveCount: MAX_RECEIVE_COUNT },
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: stage.removalPolicy,
    });
    acknowledgeNag(
      this.inboundDlq,
      'AwsSolutions-SQS3',
      'This queue is the inbound queue’s dead-letter queue; it has none of its own by design.',
    );

    this.broadcastDlq = new Queue(this, 'BroadcastDlq', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: stage.removalPolicy,
    });
    // Broadcasts fan out to many people; their order does not matter, so a standard queue (higher throughput).
    this.broadcastQueue = new Queue(this, 'BroadcastQueue', {
      visibilityTimeout: Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6),
      // Its consumer runs one at a time (reserved concurrency 1): a poll Lambda throttles still
      // counts as a receive, so a job gets more of them before it is dead-lettered.
      deadLetterQueue: { queue: this.broadcastDlq, maxReceiveCount: 4 * MAX_RECEIVE_COUNT },
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: stage.removalPolicy,
    });
    acknowledgeNag(
      this.broadcastDlq,
      'AwsSolutions-SQS3',
      'This queue is the broadcast queue’s dead-letter queue; it has none of its own by design.',
    );

    // One JSON secret for every credential. The template holds only empty placeholders (and a
    // generated SESSION_SECRET); the operator puts the real values in after the first deploy.
    this.secret = new Secret(this, 'AppSecret', {
      description: `Togo diaspora assistant (${stage.name}): ${SECRET_KEYS.join(', ')}`,
      generateSecretString: {
        secretStringTemplate: JSON.stringify(
          Object.fromEntries(SECRET_KEYS.filter((k) => k !== 'SESSION_SECRET').map((k) => [k, ''])),
        ),
        generateStringKey: 'SESSION_SECRET',
        excludePunctuation: true,
        passwordLength: 48,
      },
      removalPolicy: stage.removalPolicy,
    });
    acknowledgeNag(
      this.secret,
      'AwsSolutions-SMG4',
      'The values are tokens issued by Twilio, Telegram and OpenAI and rotated in their consoles; no rotation Lambda can rotate them.',
    );
    new CfnOutput(this, 'SecretArn', {
      value: this.secret.secretArn,
      description: 'Put the credentials here (aws secretsmanager put-secret-value)',
    });
  }
}
