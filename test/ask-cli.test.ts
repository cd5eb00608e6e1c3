import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = 'node_modules/.bin/tsx';
// No key: the command must work offline, with the extractive answer.
const env = { ...process.env, OPENAI_API_KEY: '', NODE_OPTIONS: '' };

describe('npm run ask', () => {
  it('--json prints one JSON object and nothing else on stdout', async () => {
    const { stdout } = await run(TSX, ['scripts/ask.ts', '--json', 'Comment envoyer de l’argent au Togo ?'], {
      env,
    });

    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!);
    expect(Object.keys(answer)).toEqual([
      'question',
      'lang',
      'decision',
      'confident',
      'sources',
      'choices',
      'answer',
      'latencyMs',
    ]);
    expect(answer).toMatchObject({ lang: 'fr', decision: 'answer', confident: true, choices: [] });
    expect(answer.sources[0]).toEqual({
      id: 'money-transfers',
      lang: 'fr',
      title: expect.any(String),
      score: expect.any(Number),
    });
    expect(answer.answer).toContain('Source : ');
  });

  it('--jsonl answers each line of stdin, in order', async () => {
    const child = run(TSX, ['scripts/ask.ts', '--jsonl'], { env });
    child.child.stdin!.end('register my interest\ntell me a joke\n\nJe veux rentrer vivre au Togo\n');
    const { stdout } = await child;

    const answers = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(answers.map((a) => [a.question, a.confident, a.lang])).toEqual([
      ['register my interest', true, 'en'],
      ['tell me a joke', false, 'en'],
      ['Je veux rentrer vivre au Togo', true, 'fr'],
    ]);
    expect(answers[0].sources[0].id).toBe('register-interest');
    expect(answers[2].sources[0].id).toBe('return-and-resettlement');
  });
});
