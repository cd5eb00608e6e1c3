import { randomUUID } from 'node:crypto';
import type { InboundMessage } from '../functions/core/types.js';
import { groupIdOf } from '../functions/core/types.js';
import type { SqsEvent } from '../functions/platform/aws/sqs-batch.js';

/** An API Gateway HTTP API (payload format 2.0) event, as API Gateway hands it to the API function. */
export function apiGatewayEvent(options: {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** API Gateway base64-encodes form bodies (Twilio's), passes JSON as text. */
  base64?: boolean;
}) {
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: options.path,
    rawQueryString: '',
    headers: { host: 'abc123.execute-api.eu-west-1.amazonaws.com', ...options.headers },
    requestContext: {
      accountId: '000000000000',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method: options.method,
        path: options.path,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: options.headers?.['user-agent'] ?? 'TwilioProxy/1.1',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    ...(options.body === undefined
      ? { isBase64Encoded: false }
      : options.base64
        ? { body: Buffer.from(options.body).toString('base64'), isBase64Encoded: true }
        : { body: options.body, isBase64Encoded: false }),
  };
}

/** An SQS event from the inbound FIFO queue, one record per message, as Lambda delivers it. */
export function sqsEvent(messages: InboundMessage[]): SqsEvent {
  return {
    Records: messages.map((message) => ({
      messageId: randomUUID(),
      body: JSON.stringify(message),
      attributes: {
        MessageGroupId: groupIdOf(message),
        MessageDeduplicationId: `${message.channel}:${message.externalId}`,
        ApproximateReceiveCount: '1',
      },
    })),
  };
}
