"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useAccount } from "wagmi";
import { AccountName, Loaded } from "@/components/common";
import { LicenceTerms, useLicenceStatus, Verdict } from "@/components/LicenceTerms";
import { Lineage } from "@/components/Lineage";
import { TxStatus } from "@/components/TxStatus";
import { useLineage, usePlaces, useTemplates, useWork } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { apiGet, contentFileUrl, type Bundle } from "@/lib/api";
import { formatBps, formatBytes, shortHash } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import { Markdown } from "@/lib/markdown";
import type { WorkDetail } from "@/lib/model";
import { useSpin } from "@/lib/spin";

/** The map's outline data loads only when a work has adopters to show. */
const WorldMap = dynamic(() => import("@/components/WorldMap").then((m) => m.WorldMap));

export default function WorkPage() {
  const { t } = useT();
  const params = useParams<{ id: string }>();
  const id = /^\d+$/.test(params.id) ? BigInt(params.id) : -1n;
  const work = useWork(id);
  return (
    <div className="page">
      {id < 0n ? (
        <p className="error">{t("err.WorksUnknownWork").replace("{0}", params.id)}</p>
      ) : (
        <Loaded query={work}>
          {(w) =>
            w ? (
              <WorkView work={w} />
            ) : (
              <p className="error">{t("err.WorksUnknownWork").replace("{0}", params.id)}</p>
            )
          }
        </Loaded>
      )}
    </div>
  );
}

function useBundle(contentHash: string) {
  return useQuery<Bundle | null>({
    queryKey: ["bundle", contentHash],
    queryFn: async () => {
      try {
        return await apiGet<Bundle>(`/content/${contentHash}`);
      } catch (error) {
        if (error instanceof Error && "status" in error && error.status === 404) return null;
        throw error;
      }
    },
  });
}

function useMainFile(bundle: Bundle | null | undefined) {
  const main = bundle?.entries.find((e) => e.path === "README.md" || e.path === "index.md");
  return useQuery<string>({
    queryKey: ["file", bundle?.content_hash, main?.path],
    enabled: Boolean(main),
    queryFn: async () => {
      const response = await fetch(contentFileUrl(bundle!.content_hash, main!.path));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.text();
    },
  });
}

function WorkView({ work }: { work: WorkDetail }) {
  const { t, locale } = useT();
  const { contracts } = useSpin();
  const { address } = useAccount();
  const bundle = useBundle(work.contentHash);
  const main = useMainFile(bundle.data);
  const template = useTemplates().data?.find((tpl) => tpl.id === work.licenceId);
  const lineage = useLineage(work.id);
  const allPlaces = usePlaces();
  const status = useLicenceStatus(work.id, address);
  const adopt = useTransaction();
  const title = bundle.data?.title ?? t("works.untitled", { id: work.id.toString() });
  const places = (allPlaces.data ?? []).filter((p) =>
    work.adopters.some((a) => a.toLowerCase() === p.account.toLowerCase()),
  );
  return (
    <article>
      <h1 data-testid="work-title">{title}</h1>
      {work.suspended && <p className="error">{t("work.suspended")}</p>}
      <p className="muted small">
        #{work.id.toString()} · {t("work.hash")}{" "}
        <span className="mono" title={work.contentHash}>
          {shortHash(work.contentHash)}
        </span>
        {bundle.data && (
          <>
            {" "}
            · CID <span className="mono">{bundle.data.cid.slice(0, 16)}…</span>
          </>
        )}
      </p>
      <div className="row">
        <Link href={`/works/new?fork=${work.id}`}>{t("work.fork")}</Link>
        <Link href={`/licences?work=${work.id}`}>{t("licences.check")}</Link>
      </div>
      <div className="two">
        <section aria-labelledby="content-h">
          <h2 id="content-h">{t("work.content")}</h2>
          <Loaded query={bundle}>
            {(b) =>
              b === null ? (
                <p className="muted">{t("work.noContent")}</p>
              ) : (
                <>
                  {main.isPending && main.fetchStatus !== "idle" && (
                    <p className="skeleton">{t("common.loading")}</p>
                  )}
                  {main.isError && (
                    <p className="error">{t("common.error", { message: main.error.message })}</p>
                  )}
                  {main.data && (
                    <Markdown
                      source={main.data}
                      options={{ resolveFile: (p) => contentFileUrl(b.content_hash, p) }}
                    />
                  )}
                  <h3>{t("work.files")}</h3>
                  <ul className="plain small">
                    {b.entries.map((e) => (
                      <li key={e.path}>
                        <a href={contentFileUrl(b.content_hash, e.path)}>{e.path}</a>{" "}
                        <span className="muted">{formatBytes(e.size, locale)}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )
            }
          </Loaded>
        </section>
        <aside className="stack">
          <section className="card" aria-labelledby="licence-h">
            <h2 id="licence-h">{t("work.licence")}</h2>
            {template ? <LicenceTerms template={template} /> : <p>#{work.licenceId}</p>}
            <h3>{t("work.mayDo")}</h3>
            {!address ? (
              <p className="muted">{t("wallet.connectFirst")}</p>
            ) : (
              <Loaded query={status}>{(v) => <Verdict verdict={v} />}</Loaded>
            )}
          </section>
          <section className="card" aria-labelledby="contrib-h">
            <h2 id="contrib-h">{t("work.contributors")}</h2>
            <ul className="plain">
              {work.contributors.map((c, i) => (
                <li key={c}>
                  <AccountName address={c} /> — {formatBps(work.shares[i] ?? 0, locale)}
                </li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="versions-h">
            <h2 id="versions-h">{t("work.versions")}</h2>
            <ol className="small">
              {work.versions.map((v) => (
                <li key={v.version}>
                  {t("work.version", { n: v.version })} ·{" "}
                  <span className="mono">{shortHash(v.contentHash)}</span>
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
      <section aria-labelledby="lineage-h">
        <h2 id="lineage-h">{t("work.lineage")}</h2>
        <Loaded query={lineage}>
          {(layout) => (
            <Lineage
              layout={layout}
              focus={work.id}
              label={t("work.lineageAlt", { id: work.id.toString() })}
            />
          )}
        </Loaded>
      </section>
      <section aria-labelledby="adopters-h">
        <h2 id="adopters-h">{t("work.adopters")}</h2>
        {work.adopters.length === 0 ? (
          <p className="muted">{t("work.noAdopters")}</p>
        ) : (
          <>
            <WorldMap
              label={t("places.mapAlt", { n: places.length })}
              pins={places.map((p) => ({
                id: p.account,
                label: p.name,
                latitude: p.latitude,
                longitude: p.longitude,
              }))}
            />
            <ul className="plain">
              {work.adopters.map((a) => (
                <li key={a}>
                  <AccountName
                    address={a}
                    name={places.find((p) => p.account.toLowerCase() === a.toLowerCase())?.name}
                  />
                </li>
              ))}
            </ul>
          </>
        )}
        {address && (
          <p>
            <button
              type="button"
              disabled={adopt.busy}
              onClick={() =>
                void adopt.run({ ...contracts.works, functionName: "adopt", args: [work.id] })
              }
            >
              {t("work.adopt")}
            </button>
          </p>
        )}
        <TxStatus state={adopt.state} />
      </section>
    </article>
  );
}
