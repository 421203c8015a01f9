// Preloaded with `node --import` so the packaged main process runs under plain Node.
import { register } from 'node:module';

register(new URL('./fake-electron-hooks.mjs', import.meta.url));
