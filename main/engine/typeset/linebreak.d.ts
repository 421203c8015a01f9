/** The part of `linebreak` (UAX #14) the typesetter uses. */
declare module 'linebreak' {
  interface Break {
    /** UTF-16 offset where the next line may start. */
    readonly position: number;
    readonly required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
