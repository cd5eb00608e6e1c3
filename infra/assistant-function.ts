import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { type Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  BUNDLE_OPTIONS,
  bundlingFor,
  FUNCTION_ENTRIES,
  type FunctionName,
  PROJECT_ROOT,
} from './bundling.js';
import { acknowledgeNag } from './nag.js';
import type { StageSettings } from './stages.js';

export interface AssistantFunctionProps {
  name: FunctionName;
  stage: StageSettings;
  environment: Record<string, string>;
  timeout: Duration;
  memorySize?: number;
  reservedConcurrentExecutions?: number;
}

/**
 * One of the assistant's functions: Node.js 22 on arm64, an ESM bundle built by local esbuild with
 * the options the bundle tests use, its own log group with the stage's retention, its own role
 * (writing to that log group and nothing else until granted), and an alarm on its errors.
 */
export class AssistantFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly errorsAlarm: Alarm;
  readonly name: FunctionName;

  constructor(scope: Construct, id: string, props: AssistantFunctionProps) {
    super(scope, id);
    this.name = props.name;
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.stage.logRetention,
      removalPolicy: props.stage.removalPolicy,
    });
    // Built by hand so the function gets no managed policy: only its log group, then what the stack grants.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Togo assistant ${props.name} function (${props.stage.name})`,
    });
    logGroup.grantWrite(this.role);
    const { banner, mainFields, alias, minify, sourcemap, target } = BUNDLE_OPTIONS;
    const { external } = bundlingFor(props.name);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: join(PROJECT_ROOT, FUNCTION_ENTRIES[props.name]),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      ...(props.reservedConcurrentExecutions
        ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions }
        : {}),
      timeout: props.timeout,
      role: this.role,
      logGroup,
      environment: {
        ...props.environment,
        LOG_LEVEL: props.stage.logLevel,
        // Stack traces in the logs point at the TypeScript source.
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        target,
        minify,
        sourceMap: sourcemap,
        mainFields: [...mainFields],
        externalModules: external,
        bundleAwsSDK: external.length === 0,
        banner,
        esbuildArgs: Object.fromEntries(Object.entries(alias).map(([from, to]) => [`--alias:${from}`, to])),
        forceDockerBundling: false,
      },
    });
    this.errorsAlarm = this.fn
      .metricErrors({ period: Duration.minutes(5), statistic: 'Sum' })
      .createAlarm(this, 'ErrorsAlarm', {
        alarmDescription: `The ${props.name} function (${props.stage.name}) threw errors`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    acknowledgeNag(
      this.fn,
      'AwsSolutions-L1',
      'Node.js 22 is the runtime this project targets and tests (the bundles are built for node22).',
    );
  }
}
