// Module hooks for the packaged-app smoke test: `electron` resolves to a stand-in runtime.
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('./fake-electron-runtime.mjs', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
