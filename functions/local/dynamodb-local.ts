import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * Note on exposure: DynamoDB Local (2.x, `-help`) has no option to choose the interface it binds:
 * it listens on every interface of `-port`. Local mode therefore keeps the data in a local-only
 * folder and reaches it on 127.0.0.1; on a shared network, a host firewall must close that port.
 *
 * Runs the official DynamoDB Local (the jar shipped in the npm package amplify-dynamodb-simulator)
 * with the machine's Java: transactions and TTL configuration behave as in AWS, no Docker needed.
 */
export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
  process: ChildProcess;
}

/** What to install, in one line: the message `npm start` and `npm test` print when Java is missing. */
export class JavaMissingError extends Error {
  constructor(found?: string) {
    super(
      `${found ? `Java ${found} is too old` : 'Java was not found'}: DynamoDB Local needs Java 17 or newer. ` +
        'Install a JRE (Debian/Ubuntu: apt-get install default-jre-headless; macOS: brew install openjdk@17; ' +
        'Windows: winget install EclipseAdoptium.Temurin.17.JRE), then run the command again.',
    );
    this.name = 'JavaMissingError';
  }
}

/** Throws JavaMissingError unless `java` runs and is version 17 or newer. */
export function assertJava(env: NodeJS.ProcessEnv = process.env): void {
  const run = spawnSync('java', ['-version'], { encoding: 'utf8', env });
  if (run.error || run.status !== 0) throw new JavaMissingError();
  // `java -version` writes e.g. 'openjdk version "17.0.15"' (or "1.8.0_392" for Java 8) to stderr.
  const version = /version "(\d+)(?:\.(\d+))?/.exec(`${run.stderr}${run.stdout}`);
  const major = version ? (version[1] === '1' ? Number(version[2]) : Number(version[1])) : Number.NaN;
  if (Number.isFinite(major) && major < 17) throw new JavaMissingError(String(major));
}

export function emulatorDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    try {
      // Any HTTP answer means the server is listening (it answers 400 to a bare GET).
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer on port ${port} within ${timeoutMs} ms`);
}

export async function startDynamoDbLocal(
  options: {
    port?: number;
    dbPath?: string;
    timeoutMs?: number;
    /**
     * Run the JVM at a lower CPU priority. In local mode the store does background work (the
     * worker's reads and writes) while webhooks must be acknowledged at once; on a small machine
     * this keeps the JVM from taking the CPU the HTTP server needs, as separate Lambda functions
     * would in AWS.
     */
    lowPriority?: boolean;
    /** The JVM's niceness when `lowPriority` (10 by default): benches compare priorities with it. */
    niceness?: number;
    /** Extra JVM flags before `-jar` (a bench's GC log, for one). */
    jvmArgs?: string[];
  } = {},
): Promise<DynamoDbLocal> {
  assertJava();
  const port = options.port ?? (await freePort());
  const dir = emulatorDir();
  const storage = options.dbPath ? ['-sharedDb', '-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const nice = options.lowPriority ? (options.niceness ?? 10) : 0;
  const java = nice > 0 ? ['nice', '-n', String(nice), 'java'] : ['java'];
  const child = spawn(
    java[0]!,
    [
      ...java.slice(1),
      '-Xms64m',
      '-Xmx512m',
      '-Djava.library.path=DynamoDBLocal_lib',
      ...(options.jvmArgs ?? []),
      '-jar',
      'DynamoDBLocal.jar',
      ...storage,
      '-port',
      String(port),
      '-disableTelemetry',
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    // A shared or slow machine can take a minute to start a JVM; a missing Java fails at once above.
    await waitForPort(port, child, options.timeoutMs ?? 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
