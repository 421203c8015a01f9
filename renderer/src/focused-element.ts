/**
 * The element that really has a key or the focus, inside shadow roots too.
 * The code editors (CodeMirror) are drawn in shadow roots: from the document,
 * an event's target and the active element are the editor's host element.
 */

/** Where an event started: its first element in the composed path, inside any shadow root. */
export function eventOrigin(event: Event): Element | null {
  const first = event.composedPath()[0];
  if (first instanceof Element) return first;
  // A text node (a beforeinput in some engines): its element.
  return first instanceof Node ? first.parentElement : null;
}

/** The focused element, looked for down through open shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
