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

export type TranscriptionBehaviour =
  | { kind: 'text'; text: string }
  | { kind: 'status'; status: 401 | 429 | 500 | 503 }
  | { kind: 'hang'; ms: number };

/** One `audio/transcriptions` request as the server received it (multipart form). */
export interface TranscriptionCall {
  model: string;
  language?: string | undefined;
  fileName: string;
  contentType: string;
  bytes: number;
  authorization?: string | undefined;
}

/**
 * A loopback OpenAI-compatible server for the real `openai` client (`baseURL`): answers
 * POST /chat/completions and POST /audio/transcriptions with the configured behaviours and
 * records each request.
 */
export async function startFakeOpenAi() {
  const calls: OpenAiCall[] = [];
  const transcriptions: TranscriptionCall[] = [];
  let behaviour: OpenAiBehaviour = { kind: 'answer', content: '{}' };
  let transcription: TranscriptionBehaviour = { kind: 'text', text: '' };
  const app = new Hono();
  app.post('/v1/audio/transcriptions', async (c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || typeof form.model !== 'string') {
      return c.json(
        { error: { message: 'file and model are required', type: 'invalid_request_error' } },
        400,
      );
    }
    transcriptions.push({
      model: form.model,
      language: typeof form.language === 'string' ? form.language : undefined,
      fileName: file.name,
      contentType: file.type,
      bytes: file.size,
      authorization: c.req.header('authorization'),
    });
    const now = transcription;
    if (now.kind === 'status') {
      return c.json({ error: { message: `fake error ${now.status}`, type: 'fake', code: null } }, now.status);
    }
    if (now.kind === 'hang') await new Promise((resolve) => setTimeout(resolve, now.ms));
    return c.json({ text: now.kind === 'text' ? now.text : '' });
  });
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
    transcriptions,
    /** What the next transcription requests get. */
    transcribe(next: TranscriptionBehaviour) {
      transcription = next;
    },
    /** What the next requests get. */
    set(next: OpenAiBehaviour) {
      behaviour = next;
    },
    close: server.close,
  };
}
