/** Proposals: the list with phase and quorum, and the detail page's read. */
import { createRoute, z } from "@hono/zod-openapi";
import { cursorParam, pageOf } from "../http/cursor.ts";
import type { Api, ApiContext } from "../http/context.ts";
import { ApiError } from "../http/errors.ts";
import { address, limit, uint256 } from "../http/params.ts";
import { before, ok } from "../http/respond.ts";
import { proposalDetail, splitDescription, withPhase } from "../reads/proposals.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";
import * as s from "../schemas/proposals.ts";
import { indexedTime } from "./claimable.ts";

export function registerProposalRoutes(app: Api, ctx: ApiContext): void {
  const { db, cursors, names, blockTimes } = ctx;

  app.openapi(
    createRoute({
      method: "get",
      path: "/proposals",
      summary:
        "Proposals with decoded actions, quorum and phase (the governor's state), newest first",
      request: { query: z.object({ limit, cursor: cursorParam.optional() }).strict() },
      responses: { 200: jsonResponse(s.proposals, "A page of proposals"), ...errorResponses(400) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const key = cursors.decode("proposals", q.cursor, ["int", "uint256"]);
      let query = db
        .selectFrom("proposals")
        .selectAll()
        .orderBy("vote_start", "desc")
        .orderBy("proposal_id", "desc")
        .limit(q.limit + 1);
      if (key) query = query.where(before(["vote_start", "proposal_id"], key));
      const page = pageOf(cursors, "proposals", await query.execute(), q.limit, (r) => [
        r.vote_start,
        r.proposal_id,
      ]);
      const now = await indexedTime(db);
      const items = await Promise.all(
        page.items.map(async (p) => {
          const { quorumReached: _reached, ...row } = await withPhase(db, p, now);
          return { ...row, title: splitDescription(row.description).title };
        }),
      );
      return ok(c, { ...page, items });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/proposals/{proposalId}",
      summary:
        "A proposal page: title and description, decoded calls with named arguments, timeline, " +
        "tally with quorum, votes with names, and with ?account= that account's view",
      request: {
        params: z.object({ proposalId: uint256 }),
        query: z.object({ account: address.optional() }).strict(),
      },
      responses: {
        200: jsonResponse(s.proposalDetail, "The proposal"),
        ...errorResponses(400, 404),
      },
    }),
    async (c) => {
      const { proposalId } = c.req.valid("param");
      const { account } = c.req.valid("query");
      const proposal = await db
        .selectFrom("proposals")
        .selectAll()
        .where("proposal_id", "=", proposalId)
        .executeTakeFirst();
      if (!proposal)
        throw new ApiError(404, "not_found", `no proposal ${proposalId}`, "params.proposalId");
      const phased = await withPhase(db, proposal, await indexedTime(db));
      return ok(c, await proposalDetail(db, names, blockTimes, phased, account));
    },
  );
}
