/**
 * Members: applicants waiting for vouches, the directory by name, and the delegate directory.
 * Rendered on the server; vouching and proposing are the wallet's islands, offered only to
 * members who may do them. Joining has its own page (/join).
 */
import Link from "next/link";
import { AccountName } from "@/components/Account";
import { PageLinks } from "@/components/PageLinks";
import { ProfileChangeCard } from "@/components/ProfileChangeCard";
import { Island } from "@/components/wallet/Island";
import { formatDate } from "@/lib/format";
import { Status } from "@/lib/guards";
import type { ServerI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/en";
import { findPageCursor, listQuery } from "@/lib/api/client";
import { nameOf } from "@/lib/names";
import { PROFILE_CHANGE_PARAM } from "@/lib/profile-change";
import {
  getDelegates,
  getNames,
  getParticipants,
  getPendingApplications,
  getProfile,
  getRules,
} from "@/lib/server/api";
import type { ReadPage, Search } from "./read-page";

const KIND_NAMES = ["None", "Person", "Cooperative", "Place", "Enterprise"] as const;
const STATUS_NAMES = ["None", "Applicant", "Admitted", "Suspended", "Expelled"] as const;

export const membersPage: ReadPage<Search> = {
  meta: async ({ t }) => ({ title: t("members.title"), description: t("meta.members") }),
  View: MembersView,
};

async function MembersView({ i18n, input: search }: { i18n: ServerI18n; input: Search }) {
  const { t, locale } = i18n;
  const kind =
    typeof search.kind === "string" && /^[1-4]$/.test(search.kind) ? Number(search.kind) : null;
  const status =
    typeof search.status === "string" && /^[1-4]$/.test(search.status)
      ? Number(search.status)
      : null;
  const param = (name: string) => {
    const value = search[name];
    return typeof value === "string" ? value : undefined;
  };
  const cursor = param("cursor");
  // Each list pages by its own cursor; a link to one list's next page keeps the others' pages.
  // A newcomer's shared link names its account: open each list at the page that holds it.
  const wanted = /^0x[0-9a-fA-F]{40}$/.test(param("applicant") ?? "")
    ? param("applicant")!.toLowerCase()
    : undefined;
  const isWanted = (account: string) => account.toLowerCase() === wanted;
  const [signedAt, applicantAt] = wanted
    ? await Promise.all([
        findPageCursor(getPendingApplications, (a) => isWanted(a.applicant)),
        findPageCursor(
          (at) => getParticipants({ status: "Applicant", cursor: at }),
          (p) => isWanted(p.account),
        ),
      ])
    : [null, null];
  const signedCursor = param("signed") ?? signedAt?.cursor;
  const applicantCursor = param("applicants") ?? applicantAt?.cursor;
  // An applicant's signed profile change, shared as a link for a member to submit.
  const change = param(PROFILE_CHANGE_PARAM);
  const kindName =
    kind === null ? undefined : (KIND_NAMES[kind] as Exclude<(typeof KIND_NAMES)[number], "None">);
  const statusName =
    status === null
      ? undefined
      : (STATUS_NAMES[status] as Exclude<(typeof STATUS_NAMES)[number], "None">);
  const [signedPage, applicantPage, page, delegates, rules] = await Promise.all([
    getPendingApplications(signedCursor),
    getParticipants({ status: "Applicant", cursor: applicantCursor }),
    getParticipants({ kind: kindName, status: statusName, cursor }),
    getDelegates(),
    getRules(),
  ]);
  const applicants = applicantPage.items;
  const profiles = await Promise.all(applicants.map((p) => getProfile(p)));
  // SPIN's own contracts are participants without a profile: /names knows what they are.
  const contracts = await getNames(page.items.filter((p) => !p.name).map((p) => p.account));
  const nameOfRow = (p: (typeof page.items)[number]) => p.name ?? nameOf(contracts, p.account);
  // The API pages by account; within a page, people are listed by name.
  const directory = [...page.items].sort((a, b) =>
    (nameOfRow(a) ?? "~").localeCompare(nameOfRow(b) ?? "~", locale),
  );
  const here = {
    kind: kind === null ? undefined : String(kind),
    status: status === null ? undefined : String(status),
    cursor,
    signed: signedCursor,
    applicants: applicantCursor,
  };
  const link = (changes: Partial<typeof here>, anchor: string) =>
    `${listQuery("/members", { ...here, ...changes })}#${anchor}`;
  const next = page.nextCursor ? link({ cursor: page.nextCursor }, "directory-h") : null;
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
      {change !== undefined && <ProfileChangeCard encoded={change} i18n={i18n} />}
      <section aria-labelledby="signed-h">
        <h2 id="signed-h">{t("members.signedApplications")}</h2>
        <p className="small muted">{t("members.signedNote")}</p>
        {signedPage.items.length === 0 ? (
          <p className="muted">{t("members.noSignedApplications")}</p>
        ) : (
          <ul className="plain stack">
            {signedPage.items.map((a) => (
              <li
                key={a.applicant}
                className="card"
                data-testid={`signed-${a.applicant.toLowerCase()}`}
                id={a.applicant.toLowerCase()}
              >
                <AccountName t={t} address={a.applicant} name={a.name ?? undefined} />{" "}
                <span className="badge">{t(`kind.${a.application.kind}` as MessageKey)}</span>
                {a.about && <p className="small">{a.about}</p>}
                <p className="small muted">
                  {t("members.signedUntil", { date: formatDate(a.deadline, locale, true) })}
                </p>
                <Island
                  name="relayApplication"
                  props={{
                    application: a.application,
                    signature: a.signature as `0x${string}`,
                  }}
                />
              </li>
            ))}
          </ul>
        )}
        <PageLinks
          first={signedCursor ? link({ signed: undefined }, "signed-h") : null}
          next={signedPage.nextCursor ? link({ signed: signedPage.nextCursor }, "signed-h") : null}
          nextText={t("members.moreSigned")}
          firstText={t("common.firstPage")}
          label={t("members.signedApplications")}
        />
      </section>
      <section aria-labelledby="applicants-h">
        <h2 id="applicants-h">{t("members.applicants")}</h2>
        {applicants.length === 0 ? (
          <p className="muted">{t("members.noApplicants")}</p>
        ) : (
          <ul className="plain stack">
            {applicants.map((p, i) => (
              <li
                key={p.account}
                className="card"
                data-testid={`applicant-${p.account.toLowerCase()}`}
                id={p.account.toLowerCase()}
              >
                <AccountName t={t} address={p.account} name={p.name ?? undefined} />{" "}
                <span className="badge">{t(`kind.${p.kind}` as MessageKey)}</span>
                {profiles[i]?.about && <p className="small">{profiles[i]?.about}</p>}
                <p className="small muted">
                  {t("members.vouches", {
                    n: p.vouches,
                    k: rules?.vouchThreshold ?? "…",
                    date: formatDate(p.window_end, locale),
                  })}
                </p>
                <Island
                  name="applicantActions"
                  props={{
                    applicant: p.account as `0x${string}`,
                    profileURI: p.profile_uri,
                    name: p.name ?? undefined,
                  }}
                />
              </li>
            ))}
          </ul>
        )}
        <PageLinks
          first={applicantCursor ? link({ applicants: undefined }, "applicants-h") : null}
          next={
            applicantPage.nextCursor
              ? link({ applicants: applicantPage.nextCursor }, "applicants-h")
              : null
          }
          nextText={t("members.moreApplicants")}
          firstText={t("common.firstPage")}
          label={t("members.applicants")}
        />
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
                    <AccountName t={t} address={p.account} name={nameOfRow(p)} names={contracts} />
                  </td>
                  {p.is_protocol ? (
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
                          name: nameOfRow(p) ?? p.account,
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {(next || cursor) && (
          <p className="row">
            {cursor && (
              <Link href={link({ cursor: undefined }, "directory-h")}>{t("common.firstPage")}</Link>
            )}
            {next && (
              <Link href={next} rel="next">
                {t("common.nextPage")}
              </Link>
            )}
          </p>
        )}
      </section>
      <section aria-labelledby="delegates-h">
        <h2 id="delegates-h">{t("members.delegates")}</h2>
        <p className="small muted">{t("members.delegatesNote")}</p>
        <table data-testid="delegates">
          <thead>
            <tr>
              <th scope="col">{t("members.name")}</th>
              <th scope="col">{t("members.votes")}</th>
              <th scope="col">{t("members.delegators")}</th>
            </tr>
          </thead>
          <tbody>
            {delegates.items.map((d) => (
              <tr key={d.account}>
                <td>
                  <AccountName t={t} address={d.account} name={d.name ?? undefined} plain />
                </td>
                <td>{d.votes}</td>
                <td>{d.delegators}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
