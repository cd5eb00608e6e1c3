import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * Every difference between dev and prod, in one table: anything not here is the same in both.
 * Both stages run the app with APP_ENV=production (real secrets, no development defaults); "dev"
 * is a disposable copy, "prod" keeps its data.
 */
export const STAGES = {
  dev: {
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    logRetention: RetentionDays.ONE_WEEK,
    logLevel: 'debug',
    /** Inbound messages older than this raise the queue alarm. */
    oldestMessageAlarmAge: Duration.minutes(15),
    apiThrottle: { rateLimit: 20, burstLimit: 40 },
  },
  prod: {
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logRetention: RetentionDays.THREE_MONTHS,
    logLevel: 'info',
    oldestMessageAlarmAge: Duration.minutes(5),
    apiThrottle: { rateLimit: 200, burstLimit: 400 },
  },
} as const;

export type StageName = keyof typeof STAGES;
export type StageSettings = (typeof STAGES)[StageName] & { name: StageName };

export function stageSettings(name: unknown): StageSettings {
  const stage = name ?? 'dev';
  if (stage !== 'dev' && stage !== 'prod') {
    throw new Error(`Unknown stage "${String(stage)}": use -c stage=dev or -c stage=prod`);
  }
  return { ...STAGES[stage], name: stage };
}
