import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import {
  authenticate,
  getOfficerByEmail,
  officerForApiToken,
} from '../../functions/console/officers/repository.js';
import { freshStore } from '../helpers/store.js';

const run = promisify(execFile);

describe('npm run officer:add', () => {
  it('creates an account that can sign in, prints its API token once, and refuses bad input', async () => {
    const store = await freshStore();
    const env = {
      ...process.env,
      APP_ENV: 'local',
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      TABLE_NAME: store.tableName,
      LOG_LEVEL: 'silent',
    };
    const args = [
      '--import',
      'tsx',
      'scripts/officer-add.ts',
      '--email',
      'Edem@Example.tg',
      '--name',
      'Edem A.',
    ];
    const { stdout } = await run(
      process.execPath,
      [...args, '--role', 'supervisor', '--desk', 'digital-economy', '--password', 'long enough secret'],
      { env },
    );
    const officer = await getOfficerByEmail(store, 'edem@example.tg');
    expect(officer).toMatchObject({ role: 'supervisor', desk: 'digital-economy', name: 'Edem A.' });
    expect((await authenticate(store, 'edem@example.tg', 'long enough secret')).ok).toBe(true);
    const token = /API token \(shown once, store it now\): (\S+)/.exec(stdout)?.[1] ?? '';
    expect((await officerForApiToken(store, token))?.id).toBe(officer?.id);

    const bad = run(
      process.execPath,
      [...args, '--role', 'root', '--desk', 'x', '--password', 'long enough secret'],
      {
        env,
      },
    );
    await expect(bad).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('officer:add failed: role'),
    });
  }, 60_000);
});
