"use client";
import Link from "next/link";
import { useWork } from "@/hooks/data";
import { useT } from "@/lib/i18n/context";

/** A link to a work, by its title once the API has answered. */
export function WorkLink({ id }: { id: bigint }) {
  const { t } = useT();
  const work = useWork(id);
  return (
    <Link href={`/works/${id}`}>
      {work.data?.title ?? t("works.untitled", { id: id.toString() })}
    </Link>
  );
}
