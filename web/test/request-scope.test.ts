import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { inRequestScope, perRequest } from "@/lib/server/request-scope";

/** A read that counts how often it is made, by its argument. */
function countingRead() {
  const made: string[] = [];
  const read = perRequest(async (id: string) => {
    made.push(id);
    return { id };
  });
  return { made, read };
}

const request = () => ({}) as IncomingMessage;

describe("reads shared by one request", () => {
  it("makes a read once per request and arguments, across the request's steps", async () => {
    const { made, read } = countingRead();
    const req = request();
    // getServerSideProps decides the title, then the document renders the body.
    const title = await inRequestScope(req, () => read("7"));
    const body = await inRequestScope(req, async () => [await read("7"), await read("8")]);
    expect(made).toEqual(["7", "8"]);
    expect(body[0]).toBe(title);
  });

  it("never shares a read between two requests", async () => {
    const { made, read } = countingRead();
    await inRequestScope(request(), () => read("7"));
    await inRequestScope(request(), () => read("7"));
    expect(made).toEqual(["7", "7"]);
  });

  it("keeps a failed read's failure for the rest of its request", async () => {
    let calls = 0;
    const read = perRequest(async () => {
      calls += 1;
      throw new Error("the API refused");
    });
    const req = request();
    await expect(inRequestScope(req, () => read())).rejects.toThrow("the API refused");
    await expect(inRequestScope(req, () => read())).rejects.toThrow("the API refused");
    expect(calls).toBe(1);
  });

  it("outside a request's scope, is React's cache: nothing kept outside a server component", async () => {
    const { made, read } = countingRead();
    await read("7");
    await read("7");
    expect(made).toEqual(["7", "7"]);
    // Without a request, the scope runs the step as it is.
    await inRequestScope(undefined, () => read("7"));
    expect(made).toEqual(["7", "7", "7"]);
  });
});
