import { Hono } from 'hono';
import { listen } from './http-fake.js';

export type OpenAiBehaviour =
  | { kind: 'answer'; content: string }
  | { kind: 'status'; status: 429 | 500 | 503 }
  | { kind: 'hang'; ms: number };

export interface OpenAiCall {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: unknown;
}

/**
 * A loopback OpenAI-compatible server for the real `openai` client (`baseURL`): answers
 * POST /chat/completions with the configured behaviour and records each request.
 */
export async function startFakeOpenAi() {
  const calls: OpenAiCall[] = [];
  let behaviour: OpenAiBehaviour = { kind: 'answer', content: '{}' };
  const app = new Hono();
  app.post('/v1/chat/completions', async (c) => {
    const body = (await c.req.json()) as OpenAiCall;
    calls.push(body);
    const now = behaviour;
    if (now.kind === 'status') {
      return c.json({ error: { message: `fake error ${now.status}`, type: 'fake', code: null } }, now.status);
    }
    if (now.kind === 'hang') await new Promise((resolve) => setTimeout(resolve, now.ms));
    const content = now.kind === 'answer' ? now.content : '{}';
    return c.json({
      id: `chatcmpl-${calls.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
  });
  const server = await listen(app);
  return {
    baseURL: `${server.url}/v1`,
    calls,
    /** What the next requests get. */
    set(next: OpenAiBehaviour) {
      behaviour = next;
    },
    close: server.close,
  };
}
