import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAws } from '../../../test/bundles/aws-fakes.js';
import { envWithSecrets, forgetSecrets, SecretsError } from './secrets.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:app-AbCdEf';
let aws: Awaited<ReturnType<typeof startFakeAws>>;
let client: SecretsManagerClient;

beforeAll(async () => {
  aws = await startFakeAws({
    [ARN]: {
      TWILIO_AUTH_TOKEN: 'from-secret',
      TELEGRAM_BOT_TOKEN: '1:abc',
      TABLE_NAME: 'not-allowed-to-override',
      OPENAI_API_KEY: '',
    },
    'not-json': 'x' as unknown as Record<string, string>,
  });
  client = new SecretsManagerClient({
    region: 'eu-west-1',
    endpoint: aws.url,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
});
afterAll(() => aws.close());
beforeEach(() => forgetSecrets());

describe('envWithSecrets', () => {
  it('merges the known keys of the secret over the environment', async () => {
    const env = await envWithSecrets(
      { SECRETS_ARN: ARN, TWILIO_AUTH_TOKEN: 'from-env', TABLE_NAME: 'table', OPENAI_API_KEY: 'env-key' },
      { client },
    );
    expect(env).toMatchObject({
      TWILIO_AUTH_TOKEN: 'from-secret',
      TELEGRAM_BOT_TOKEN: '1:abc',
      // Unknown keys never override; an empty value in the secret leaves the environment's.
      TABLE_NAME: 'table',
      OPENAI_API_KEY: 'env-key',
    });
  });

  it('reads the secret once per container', async () => {
    const before = aws.secretReads.length;
    await Promise.all([1, 2, 3].map(() => envWithSecrets({ SECRETS_ARN: ARN }, { client })));
    await envWithSecrets({ SECRETS_ARN: ARN }, { client });
    expect(aws.secretReads.length - before).toBe(1);
  });

  it('returns the environment untouched when no secret is configured (local mode)', async () => {
    const env = { TWILIO_AUTH_TOKEN: 'local' };
    expect(await envWithSecrets(env, { client })).toBe(env);
  });

  it('names the secret when it cannot be read, and tries again on the next call', async () => {
    const before = aws.secretReads.length;
    const missing = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:missing';
    await expect(envWithSecrets({ SECRETS_ARN: missing }, { client })).rejects.toThrow(SecretsError);
    await expect(envWithSecrets({ SECRETS_ARN: missing }, { client })).rejects.toThrow(/missing/);
    expect(aws.secretReads.length - before).toBeGreaterThanOrEqual(2);
  });

  it('refuses a secret that is not a JSON object', async () => {
    await expect(envWithSecrets({ SECRETS_ARN: 'not-json' }, { client })).rejects.toThrow(
      /not a JSON object/,
    );
  });
});
