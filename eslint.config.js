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
  {
    // Raw ipcMain is allowed only where the typed contract is registered.
    files: ['main/**/*.ts', 'renderer/**/*.ts'],
    ignores: ['main/app/ipc-main.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='ipcMain']", message: 'Use the typed handlers in main/app/ipc-main.ts.' }],
    },
  },
);
