// Calls back when the config file's content changes. Watches the directory, not the file, because
// editors and config-management tools replace files by rename; debounced, and compared by content.
import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export function watchConfigFile(file: string, onChange: () => void, debounceMs = 200): { close(): void } {
  const name = basename(file);
  let lastDigest = digestOf(file);
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dirname(file), (_event, changed) => {
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const digest = digestOf(file);
      if (digest === undefined || digest === lastDigest) return;
      lastDigest = digest;
      onChange();
    }, debounceMs);
  });
  watcher.unref();
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

function digestOf(file: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined; // mid-rename: the next event will see the new file
  }
}
