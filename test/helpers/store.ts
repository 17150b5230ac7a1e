// For the shared store contract suites: a test that runs its body against a freshly opened store
// and always closes it, whatever the body does.
import { test } from 'node:test';

export function storeTest<S extends { close(): Promise<void> }>(open: () => Promise<S> | S): (title: string, body: (store: S) => Promise<void>) => void {
  return (title, body) => {
    test(title, async () => {
      const store = await open();
      try {
        await body(store);
      } finally {
        await store.close();
      }
    });
  };
}
