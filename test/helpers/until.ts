/**
 * Wait until `condition` holds, looking every `pauseMs`. There is no time
 * budget of its own: on a busy machine things take longer, and the test's
 * timeout is what catches something that never happens.
 */
export async function until(condition: () => boolean | Promise<boolean>, pauseMs = 20): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, pauseMs));
}
