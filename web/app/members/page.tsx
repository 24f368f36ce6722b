/**
 * Members: applicants waiting for vouches, the directory by name, and the delegate directory.
 * Rendered on the server; vouching and proposing are the wallet's islands, offered only to
 * members who may do them. Joining has its own page (/join).
 */
import type { Metadata } from "next";
import Link from "next/link";
import { AccountName } from "@/components/Account";
import { Island } from "@/components/wallet/Island";
import { formatDate } from "@/lib/format";
import { Kind, Status } from "@/lib/guards";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/en";
import { nameOf } from "@/lib/names";
import { decodeProfile } from "@/lib/profile";
import { getDelegates, getNames, getParticipants, getRules } from "@/lib/server/api";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("members.title"), description: t("meta.members") };
}

type Search = Record<string, string | string[] | undefined>;

export default async function MembersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { t, locale } = await getT();
  const search = await searchParams;
  const kind =
    typeof search.kind === "string" && /^[1-4]$/.test(search.kind) ? Number(search.kind) : null;
  const status =
    typeof search.status === "string" && /^[1-4]$/.test(search.status)
      ? Number(search.status)
      : null;
  const [all, names, rules] = await Promise.all([getParticipants(), getNames(), getRules()]);
  const applicants = all.filter((p) => p.status === Status.Applicant);
  const directory = all
    .filter((p) => (kind === null || p.kind === kind) && (status === null || p.status === status))
    .sort((a, b) =>
      (nameOf(names, a.account) ?? "~").localeCompare(nameOf(names, b.account) ?? "~", locale),
    );
  const persons = all.filter((p) => p.kind === Kind.Person && p.status === Status.Admitted);
  const delegates = (await getDelegates(persons)).filter((d) => d.votes > 0n);
  return (
    <div className="page">
      <div className="row">
        <h1>{t("members.title")}</h1>
        <p className="row-end">
          <Link href="/join" className="button primary">
            {t("members.apply")}
          </Link>
        </p>
      </div>
      <section aria-labelledby="applicants-h">
        <h2 id="applicants-h">{t("members.applicants")}</h2>
        {applicants.length === 0 ? (
          <p className="muted">{t("members.noApplicants")}</p>
        ) : (
          <ul className="plain stack">
            {applicants.map((p) => (
              <li
                key={p.account}
                className="card"
                data-testid={`applicant-${p.account.toLowerCase()}`}
                id={p.account.toLowerCase()}
              >
                <AccountName address={p.account} names={names} />{" "}
                <span className="badge">{t(`kind.${p.kind}` as MessageKey)}</span>
                {decodeProfile(p.profile_uri)?.about && (
                  <p className="small">{decodeProfile(p.profile_uri)?.about}</p>
                )}
                <p className="small muted">
                  {t("members.vouches", {
                    n: p.vouches,
                    k: rules?.vouchThreshold ?? "…",
                    date: formatDate(p.window_end, locale),
                  })}
                </p>
                <Island name="applicantActions" props={{ applicant: p.account as `0x${string}` }} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="directory-h">
        <h2 id="directory-h">{t("members.directory")}</h2>
        <form className="row filters" method="get" action="/members">
          <label>
            {t("wallet.status")}
            <select name="status" defaultValue={status === null ? "" : String(status)}>
              <option value="">{t("works.any")}</option>
              {[1, 2, 3, 4].map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("wallet.kind")}
            <select name="kind" defaultValue={kind === null ? "" : String(kind)}>
              <option value="">{t("works.any")}</option>
              {[1, 2, 3, 4].map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t("works.filter")}</button>
        </form>
        <div className="scroll">
          <table data-testid="directory">
            <thead>
              <tr>
                <th scope="col">{t("members.name")}</th>
                <th scope="col">{t("wallet.kind")}</th>
                <th scope="col">{t("wallet.status")}</th>
                <th scope="col">
                  <span className="sr-only">{t("members.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {directory.map((p) => (
                <tr key={p.account} id={p.account.toLowerCase()}>
                  <td>
                    <AccountName address={p.account} names={names} />
                  </td>
                  {names[p.account.toLowerCase()]?.kind === "contract" ? (
                    <>
                      <td>{t("members.contract")}</td>
                      <td>
                        <span className="badge">{t("members.contractStatus")}</span>
                      </td>
                    </>
                  ) : (
                    <>
                      <td>{t(`kind.${p.kind}` as MessageKey)}</td>
                      <td>
                        <span className={`badge status-${p.status}`}>
                          {t(`status.${p.status}` as MessageKey)}
                        </span>
                      </td>
                    </>
                  )}
                  <td>
                    {p.status === Status.Admitted && (
                      <Island
                        name="suspend"
                        props={{
                          account: p.account as `0x${string}`,
                          name: nameOf(names, p.account) ?? p.account,
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="delegates-h">
        <h2 id="delegates-h">{t("members.delegates")}</h2>
        <p className="small muted">{t("members.delegatesNote")}</p>
        <table data-testid="delegates">
          <thead>
            <tr>
              <th scope="col">{t("members.name")}</th>
              <th scope="col">{t("members.votes")}</th>
              <th scope="col">{t("members.delegatesTo")}</th>
            </tr>
          </thead>
          <tbody>
            {delegates.map((d) => (
              <tr key={d.account}>
                <td>
                  <AccountName address={d.account} names={names} plain />
                </td>
                <td>{d.votes.toString()}</td>
                <td>
                  {d.delegate && d.delegate.toLowerCase() !== d.account.toLowerCase() ? (
                    <AccountName address={d.delegate} names={names} plain />
                  ) : (
                    t("delegate.self")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
