/**
 * A light page's status from what its render found. The Pages Router decides the status before
 * the page renders (getServerSideProps), but a read page learns that the API refused its address
 * (a damaged page link: 400) only while its view renders. The document renders the page inside
 * renderWithStatus(); the view reports the refusal with setPageStatus(), and the document sets
 * the answer's status before anything is sent. Elsewhere (the App Router's pages, which stream)
 * setPageStatus() does nothing.
 */
import "./only";
import { AsyncLocalStorage } from "node:async_hooks";

const statuses = new AsyncLocalStorage<{ status: number | null }>();

/** Runs `render`, and gives its result with the status its page asked for (null: none). */
export async function renderWithStatus<T>(
  render: () => Promise<T>,
): Promise<{ result: T; status: number | null }> {
  const asked = { status: null as number | null };
  const result = await statuses.run(asked, render);
  return { result, status: asked.status };
}

/** Asks for the status of the page being rendered, where its document can still set it. */
export function setPageStatus(status: number): void {
  const asked = statuses.getStore();
  if (asked) asked.status = status;
}
