/** Two of markdown-it's core rules, run by markup.ts on the paragraphs it has not seen before. */
declare module 'markdown-it/lib/rules_core/smartquotes.mjs' {
  import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
  export default function smartquotes(state: StateCore): void;
}
declare module 'markdown-it/lib/rules_core/text_join.mjs' {
  import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
  export default function textJoin(state: StateCore): void;
}
