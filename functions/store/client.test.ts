import { describe, expect, it } from 'vitest';
import { createStore } from './client.js';

describe('createStore', () => {
  it("leaves out the SDK's logger middleware: no copy of each request and response for a no-op logger", () => {
    // Prepare
    const store = createStore({ tableName: 'client-test', endpoint: 'http://127.0.0.1:1' });

    // Act
    const middleware = store.doc.middlewareStack.identify();

    // Assess: the stack is otherwise whole (the document marshalling and the signer stay).
    expect(middleware.some((m) => m.startsWith('loggerMiddleware'))).toBe(false);
    expect(middleware.some((m) => m.startsWith('serializerMiddleware'))).toBe(true);
    expect(middleware.some((m) => m.startsWith('httpSigningMiddleware'))).toBe(true);
  });
});
