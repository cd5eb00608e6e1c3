import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertJava, JavaMissingError } from './dynamodb-local.js';

/** A folder holding a fake `java` that prints the given version line, as `java -version` does. */
function fakeJava(versionLine: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-java-'));
  const file = join(dir, 'java');
  writeFileSync(file, `#!/bin/sh\necho '${versionLine}' >&2\n`);
  chmodSync(file, 0o755);
  return dir;
}

describe('the Java check before DynamoDB Local starts', () => {
  it('passes with the machine’s Java 17', () => {
    expect(() => assertJava()).not.toThrow();
  });

  it('names what to install, in one line, when there is no Java at all', () => {
    const check = () => assertJava({ ...process.env, PATH: '/nonexistent' });
    expect(check).toThrow(JavaMissingError);
    expect(check).toThrow(
      /Java was not found: DynamoDB Local needs Java 17 or newer.*apt-get install default-jre-headless/,
    );
    try {
      check();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it.each([
    ['Java 8', 'java version "1.8.0_392"', /Java 8 is too old/],
    ['Java 11', 'openjdk version "11.0.21" 2023-10-17', /Java 11 is too old/],
  ])('refuses %s', (_name, line, message) => {
    expect(() => assertJava({ ...process.env, PATH: fakeJava(line) })).toThrow(message);
  });

  it('accepts a newer Java', () => {
    expect(() =>
      assertJava({ ...process.env, PATH: fakeJava('openjdk version "21.0.2" 2024-01-16') }),
    ).not.toThrow();
  });
});
