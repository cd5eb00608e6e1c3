/**
 * `npm run officer:add -- --email a@b.tg --name "Ama K." --role officer --desk investment-promotion
 *   [--telegram-user-id 123] [--password ...] [--editor]`
 * `--editor` grants the knowledge base editor right (drafts; publishing another editor's draft).
 * Creates an officer account (password asked for when not given) and prints its API token once.
 * Locally it uses DYNAMODB_ENDPOINT, else the embedded store under .data/ (stop `npm start` first,
 * or pass the endpoint it prints); in production, the configured table with the AWS credentials.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createOfficer, issueApiToken, setEditor } from '../functions/console/officers/repository.js';
import { loadConfig } from '../functions/core/config.js';
import { startEmbeddedStore } from '../functions/local/embedded-store.js';
import { createStore } from '../functions/store/client.js';

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    let prompted = false;
    out._writeToOutput = (s: string) => {
      if (!prompted) {
        out.output.write(s);
        prompted = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'officer' },
      desk: { type: 'string' },
      'telegram-user-id': { type: 'string' },
      password: { type: 'string' },
      editor: { type: 'boolean', default: false },
    },
  });
  if (!values.email || !values.name || !values.desk) {
    throw new Error(
      'usage: npm run officer:add -- --email EMAIL --name NAME --role officer|supervisor|admin --desk DESK [--telegram-user-id ID] [--password PASSWORD]',
    );
  }
  const password = values.password ?? (await askHidden('Password (10 characters or more): '));
  const base = loadConfig();
  const { config, dynamo } =
    base.APP_ENV === 'local'
      ? await startEmbeddedStore(base, { persist: true })
      : { config: base, dynamo: undefined };
  try {
    const store = createStore({
      tableName: config.TABLE_NAME,
      endpoint: config.DYNAMODB_ENDPOINT,
      region: config.AWS_REGION,
    });
    const officer = await createOfficer(store, {
      email: values.email,
      name: values.name,
      role: values.role as 'officer',
      desk: values.desk,
      telegramUserId: values['telegram-user-id'],
      password,
    });
    if (values.editor) await setEditor(store, officer.id, true);
    const token = await issueApiToken(store, officer.id);
    process.stdout.write(
      `Created ${officer.role}${values.editor ? ' (editor)' : ''} ${officer.email} (desk ${officer.desk}, id ${officer.id}).\n` +
        `API token (shown once, store it now): ${token}\n`,
    );
  } finally {
    await dynamo?.stop();
  }
}

main().catch((error) => {
  const issues = (error as { issues?: { path: unknown[]; message: string }[] }).issues;
  const detail = issues
    ? issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    : (error as Error).message;
  process.stderr.write(`officer:add failed: ${detail}\n`);
  process.exit(1);
});
