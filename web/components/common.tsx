"use client";
import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { useT } from "@/lib/i18n/context";

/** Loading, error (with retry) and empty states for any query, then its content. */
export function Loaded<T>(props: {
  query: Pick<UseQueryResult<T>, "isPending" | "isError" | "error" | "data" | "refetch">;
  empty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useT();
  const { query } = props;
  if (query.isPending)
    return (
      <p className="skeleton" role="status">
        {t("common.loading")}
      </p>
    );
  if (query.isError) {
    return (
      <div role="alert" className="error">
        <p>{t("common.error", { message: (query.error as Error).message })}</p>
        <button type="button" onClick={() => void query.refetch()}>
          {t("common.retry")}
        </button>
      </div>
    );
  }
  const data = query.data as T;
  if (props.empty?.(data)) return <p className="muted">{props.emptyText ?? t("common.empty")}</p>;
  return <>{props.children(data)}</>;
}
