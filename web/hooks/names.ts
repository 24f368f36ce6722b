"use client";
/** Everyone's names in the wallet's islands (the same rule as the server's: lib/names.ts). */
import { useQuery } from "@tanstack/react-query";
import { listAll } from "@/lib/api";
import type { ParticipantRow } from "@/lib/model";
import { namesFrom, type Names } from "@/lib/names";
import { useSpin } from "@/lib/spin";

export function useNames() {
  const { book } = useSpin();
  return useQuery<Names>({
    queryKey: ["names"],
    queryFn: async () => namesFrom(await listAll<ParticipantRow>("/participants"), book.contracts),
    staleTime: 30_000,
  });
}
