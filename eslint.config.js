import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'release', 'test-output', 'bin', '**/*.cjs', '**/*.mjs', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The boundaries (README, Architecture): the faces reach the engine only through its
  // index; the page only through main/shared; the engine knows no Electron and no face.
  {
    files: ['main/cli*.ts', 'main/print/**/*.ts', 'main/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)engine/(?!index\\.js$)', message: 'Import the engine through main/engine/index.ts, its one door.' }] }],
    },
  },
  {
    files: ['renderer/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The page talks to the main process only through the preload bridge.' }],
          patterns: [
            // Climbing out of renderer/ leads only to main/shared/ (the other folders at the top of the repository are not the page's).
            { regex: '^(\\.\\./)+(main/(?!shared/)|(test|bench|scripts|templates|assets|dist|out|bin|node_modules)/)', message: 'The renderer imports only from main/shared/ (and its own files).' },
            { regex: '^node:', message: 'The page has no Node: ask the main process through the preload bridge.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The engine imports nothing from Electron.' }],
          patterns: [
            { regex: '^electron/', message: 'The engine imports nothing from Electron.' },
            { regex: '^(\\.\\./)+(app|print|renderer|preload|cli[^/]*)(/|\\.js$)', message: 'The engine imports nothing from its faces (main/app, main/print, the CLI) or the renderer.' },
          ],
        },
      ],
    },
  },
  {
    // Raw ipcMain is allowed only where the typed contract is registered.
    files: ['main/**/*.ts', 'renderer/**/*.ts'],
    ignores: ['main/app/ipc-main.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='ipcMain']", message: 'Use the typed handlers in main/app/ipc-main.ts.' }],
    },
  },
);
