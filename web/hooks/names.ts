"use client";
/**
 * The commons' names in the wallet's islands, for finding someone by what was typed ("Delegate
 * to", a grant's recipient): every participant with the name the API gives it.
 */
import { useQuery } from "@tanstack/react-query";
import { allPages } from "@/lib/api/client";
import { browserApi } from "@/lib/api/browser";
import { namesFromParticipants, type Names } from "@/lib/names";

export function useNames() {
  return useQuery<Names>({
    queryKey: ["names"],
    queryFn: async () =>
      namesFromParticipants(
        await allPages((cursor) =>
          browserApi.GET("/participants", { params: { query: { limit: "100", cursor } } }),
        ),
      ),
    staleTime: 30_000,
  });
}
