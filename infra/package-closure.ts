import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * The folders (relative to `root`) of an installed npm package and everything it depends on, for
 * shipping it as installed rather than bundled. It follows Node's lookup: a dependency is found in
 * the nearest node_modules above the package that needs it. Optional dependencies not installed
 * here are skipped, as npm skipped them.
 */
export function packageClosure(root: string, name: string): string[] {
  const found = new Set<string>();
  const visit = (fromDir: string, dependency: string, optional: boolean): void => {
    const dir = locate(root, fromDir, dependency);
    if (!dir) {
      if (optional) return;
      throw new Error(
        `${dependency} (needed by ${relative(root, fromDir) || 'the project'}) is not installed: run npm ci`,
      );
    }
    const path = relative(root, dir);
    if (found.has(path)) return;
    found.add(path);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const next of Object.keys(manifest.dependencies ?? {})) visit(dir, next, false);
    for (const next of Object.keys(manifest.optionalDependencies ?? {})) visit(dir, next, true);
  };
  visit(root, name, false);
  // A package nested inside another's node_modules is copied with its parent.
  return [...found]
    .filter((path) => ![...found].some((other) => other !== path && path.startsWith(`${other}/`)))
    .sort();
}

function locate(root: string, fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; dir.startsWith(root); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root) break;
  }
  return undefined;
}
