import { App, Duration, Validations } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageSettings } from './stages.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

/**
 * The whole assistant for one stage (`-c stage=dev|prod`): a data stack and an app stack. Both are
 * environment-agnostic (account and region come from the deploying credentials), so synth needs no
 * AWS account and makes no lookup. Optional context: `publicUrl` (custom domain), `alarmEmail`,
 * `telegramBotUsername`.
 */
export function buildAssistant(app: App) {
  const stage = stageSettings(app.node.tryGetContext('stage'));
  const context = (key: string): string | undefined => {
    const value = app.node.tryGetContext(key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const prefix = `TogoAssistant-${stage.name}`;
  const data = new StatefulStack(app, `${prefix}-Data`, {
    stage,
    description: `Togo diaspora assistant (${stage.name}): table, queues, secret`,
  });
  const botUsername = context('telegramBotUsername');
  const publicUrl = context('publicUrl');
  const alarmEmail = context('alarmEmail');
  const functions = new StatelessStack(app, `${prefix}-App`, {
    stage,
    data,
    description: `Togo diaspora assistant (${stage.name}): HTTP API, functions, alarms`,
    ...(publicUrl ? { publicUrl } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    settings: botUsername ? { TELEGRAM_BOT_USERNAME: botUsername } : {},
    // Lead SLAs are counted in minutes; a pass every 5 minutes escalates within 5 minutes of the deadline.
    escalation: { name: 'escalation', schedule: Schedule.rate(Duration.minutes(5)) },
    // Scheduled broadcasts start within a minute of their time.
    broadcasts: {
      sender: 'broadcast',
      scheduler: 'broadcastSchedule',
      schedule: Schedule.rate(Duration.minutes(1)),
    },
  });
  // cdk-nag's AwsSolutions pack runs on every synth; an unacknowledged finding stops it.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stage, data, functions };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const app = new App();
  buildAssistant(app);
  app.synth();
}
