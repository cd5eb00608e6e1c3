import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag AwsSolutions rule on a construct (and its children), with the reason
 * it does not apply. The reason is required: the template tests check every acknowledgement has one.
 */
export function acknowledgeNag(scope: IConstruct, rule: `AwsSolutions-${string}`, reason: string): void {
  Validations.of(scope).acknowledge({ id: rule, reason });
}
