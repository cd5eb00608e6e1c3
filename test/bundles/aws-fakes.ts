import { createHash, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { listen } from '../fakes/http-fake.js';

export interface SentSqsMessage {
  QueueUrl: string;
  MessageBody: string;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

/**
 * A loopback AWS endpoint speaking the JSON protocols of SQS (SendMessage) and Secrets Manager
 * (GetSecretValue), for the real AWS SDK v3 clients inside a bundle (pointed at it with
 * AWS_ENDPOINT_URL_SQS / AWS_ENDPOINT_URL_SECRETS_MANAGER).
 */
export async function startFakeAws(secrets: Record<string, Record<string, string>>) {
  const sent: SentSqsMessage[] = [];
  const secretReads: string[] = [];
  const app = new Hono();
  app.post('/', async (c) => {
    const target = c.req.header('x-amz-target') ?? '';
    const input = (await c.req.json()) as Record<string, string>;
    const type = { 'content-type': 'application/x-amz-json-1.0' };
    if (target === 'AmazonSQS.SendMessage') {
      sent.push(input as unknown as SentSqsMessage);
      // The SDK checks this digest of the body it sent.
      const md5 = createHash('md5')
        .update(input.MessageBody ?? '')
        .digest('hex');
      return c.json(
        { MessageId: randomUUID(), MD5OfMessageBody: md5, SequenceNumber: String(sent.length) },
        200,
        type,
      );
    }
    if (target === 'secretsmanager.GetSecretValue') {
      const id = input.SecretId ?? '';
      secretReads.push(id);
      const secret = secrets[id];
      if (!secret) {
        return c.json(
          {
            __type: 'ResourceNotFoundException',
            message: "Secrets Manager can't find the specified secret.",
          },
          400,
          type,
        );
      }
      return c.json({ ARN: id, Name: id, SecretString: JSON.stringify(secret), VersionId: 'v1' }, 200, type);
    }
    return c.json({ __type: 'UnknownOperationException', message: target }, 400, type);
  });
  const server = await listen(app);
  return { url: server.url, sent, secretReads, close: server.close };
}
