"use client";
import { useState } from "react";
import { encodeFunctionData, sha256, toBytes, type Address } from "viem";
import { useAccount, useReadContract } from "wagmi";
import { AccountName, Loaded, MoreButton } from "@/components/common";
import { TxStatus } from "@/components/TxStatus";
import { useParticipants, usePlaces } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { countryToBytes2, formatDate } from "@/lib/format";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import type { Participant } from "@/lib/model";
import { useSpin } from "@/lib/spin";

/** The API's names for ICommonsRegistry's kinds and statuses, in enum order from 1. */
const KIND_NAMES = ["Person", "Cooperative", "Place", "Enterprise"];
const STATUS_NAMES = ["Applicant", "Admitted", "Suspended", "Expelled"];
const PERSON = 1;
const PLACE = 3;
const ADMITTED = 2;

export default function MembersPage() {
  const { t } = useT();
  const applicants = useParticipants({ status: "Applicant" });
  const [status, setStatus] = useState("");
  const [kind, setKind] = useState("");
  const directory = useParticipants({ status: status || undefined, kind: kind || undefined });
  const places = usePlaces();
  const placeName = (a: Address) =>
    places.data?.find((p) => p.account.toLowerCase() === a.toLowerCase())?.name;
  return (
    <div className="page">
      <h1>{t("members.title")}</h1>
      <div className="two">
        <div>
          <section aria-labelledby="applicants-h">
            <h2 id="applicants-h">{t("members.applicants")}</h2>
            <Loaded query={applicants}>{(list) => <Applicants applicants={list} />}</Loaded>
            <MoreButton query={applicants} />
          </section>
          <section aria-labelledby="directory-h">
            <h2 id="directory-h">{t("members.directory")}</h2>
            <form className="row" onSubmit={(e) => e.preventDefault()}>
              <label>
                {t("wallet.status")}
                <select value={status} onChange={(e) => setStatus(e.target.value)}>
                  <option value="">{t("works.any")}</option>
                  {STATUS_NAMES.map((name, i) => (
                    <option key={name} value={name}>
                      {t(`status.${i + 1}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t("wallet.kind")}
                <select value={kind} onChange={(e) => setKind(e.target.value)}>
                  <option value="">{t("works.any")}</option>
                  {KIND_NAMES.map((name, i) => (
                    <option key={name} value={name}>
                      {t(`kind.${i + 1}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
            </form>
            <Loaded query={directory} empty={(list) => list.length === 0}>
              {(list) => <Directory people={list} placeName={placeName} />}
            </Loaded>
            <MoreButton query={directory} />
          </section>
        </div>
        <ApplyForm />
      </div>
    </div>
  );
}

function Applicants({ applicants }: { applicants: Participant[] }) {
  const { t, locale } = useT();
  const { contracts } = useSpin();
  const tx = useTransaction();
  const governance = useGovernanceProposal();
  const threshold = useReadContract({ ...contracts.registry, functionName: "vouchThreshold" });
  if (applicants.length === 0) return <p className="muted">{t("members.noApplicants")}</p>;
  return (
    <>
      <ul className="plain">
        {applicants.map((p) => (
          <li key={p.account} className="card row" id={p.account.toLowerCase()}>
            <div>
              <AccountName address={p.account} />{" "}
              <span className="badge">{t(`kind.${p.kind}` as MessageKey)}</span>
              <p className="small muted">
                {t("members.vouches", {
                  n: p.vouches,
                  k: threshold.data?.toString() ?? "…",
                  date: formatDate(p.windowEnd, locale),
                })}
              </p>
            </div>
            <button
              type="button"
              className="primary"
              disabled={tx.busy}
              onClick={() =>
                void tx.run({ ...contracts.registry, functionName: "vouch", args: [p.account] })
              }
            >
              {t("members.vouch")}
            </button>
            <button
              type="button"
              disabled={governance.tx.busy}
              onClick={() =>
                governance.propose(
                  "admitApplicant",
                  [p.account],
                  t("members.admitReason", { who: p.account }),
                )
              }
            >
              {t("members.proposeAdmit")}
            </button>
          </li>
        ))}
      </ul>
      <TxStatus state={tx.state} />
      <TxStatus state={governance.tx.state} />
    </>
  );
}

function useGovernanceProposal() {
  const { contracts } = useSpin();
  const tx = useTransaction();
  const propose = (
    functionName: "admitApplicant" | "suspend",
    args: readonly unknown[],
    title: string,
  ) => {
    const data = encodeFunctionData({
      abi: contracts.registry.abi,
      functionName,
      args,
    } as Parameters<typeof encodeFunctionData>[0]);
    void tx.run({
      ...contracts.governor,
      functionName: "propose",
      args: [[contracts.registry.address], [0n], [data], `# ${title}`],
    });
  };
  return { tx, propose };
}

function Directory({
  people,
  placeName,
}: {
  people: Participant[];
  placeName: (a: Address) => string | undefined;
}) {
  const { t } = useT();
  const governance = useGovernanceProposal();
  return (
    <div className="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("wallet.account")}</th>
            <th scope="col">{t("wallet.kind")}</th>
            <th scope="col">{t("wallet.status")}</th>
            <th scope="col">
              <span className="sr-only">{t("members.proposeSuspend")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.account} id={p.account.toLowerCase()}>
              <td>
                <AccountName address={p.account} name={placeName(p.account)} />
              </td>
              <td>{t(`kind.${p.kind}` as MessageKey)}</td>
              <td>
                <span className={`badge status-${p.status}`}>
                  {t(`status.${p.status}` as MessageKey)}
                </span>
              </td>
              <td>
                {p.status === ADMITTED && (
                  <button
                    type="button"
                    disabled={governance.tx.busy}
                    onClick={() =>
                      governance.propose(
                        "suspend",
                        [p.account, t("members.suspendReason", { who: p.account })],
                        t("members.suspendReason", { who: p.account }),
                      )
                    }
                  >
                    {t("members.proposeSuspend")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <TxStatus state={governance.tx.state} />
    </div>
  );
}

function ApplyForm() {
  const { t } = useT();
  const { contracts } = useSpin();
  const { address } = useAccount();
  const tx = useTransaction();
  const [kind, setKind] = useState(PERSON);
  const [profile, setProfile] = useState("");
  const [name, setName] = useState("");
  const [lat, setLat] = useState("");
  const [lon, setLon] = useState("");
  const [country, setCountry] = useState("");
  const [machines, setMachines] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  function submit() {
    setProblem(null);
    const profileHash = sha256(toBytes(profile));
    if (kind !== PLACE) {
      void tx.run({
        ...contracts.registry,
        functionName: "applyForAdmission",
        args: [kind, profile, profileHash],
      });
      return;
    }
    let code: `0x${string}`;
    try {
      code = countryToBytes2(country);
    } catch {
      return setProblem(t("err.CommonsRegistryInvalidCountry"));
    }
    const place = {
      name,
      latitudeE6: Math.round(Number(lat) * 1e6),
      longitudeE6: Math.round(Number(lon) * 1e6),
      country: code,
      machines: machines
        .split(",")
        .map((m) => m.trim())
        .filter(Boolean),
    };
    void tx.run({
      ...contracts.registry,
      functionName: "applyAsPlace",
      args: [profile, profileHash, place],
    });
  }

  return (
    <section className="card" aria-labelledby="apply-h">
      <h2 id="apply-h">{t("members.apply")}</h2>
      {!address && <p className="muted">{t("wallet.connectFirst")}</p>}
      <form className="stack" onSubmit={(e) => (e.preventDefault(), submit())}>
        <label>
          {t("members.kind")}
          <select value={kind} onChange={(e) => setKind(Number(e.target.value))} name="kind">
            {[1, 2, 3, 4].map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("members.profile")}
          <input
            required
            value={profile}
            onChange={(e) => setProfile(e.target.value)}
            name="profile"
          />
        </label>
        {kind === PLACE && (
          <>
            <label>
              {t("members.placeName")}
              <input required value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <div className="row">
              <label>
                {t("members.latitude")}
                <input
                  required
                  value={lat}
                  onChange={(e) => setLat(e.target.value)}
                  inputMode="decimal"
                />
              </label>
              <label>
                {t("members.longitude")}
                <input
                  required
                  value={lon}
                  onChange={(e) => setLon(e.target.value)}
                  inputMode="decimal"
                />
              </label>
              <label>
                {t("members.country")}
                <input
                  required
                  value={country}
                  onChange={(e) => setCountry(e.target.value)}
                  maxLength={2}
                />
              </label>
            </div>
            <label>
              {t("members.machines")}
              <input value={machines} onChange={(e) => setMachines(e.target.value)} />
            </label>
          </>
        )}
        {problem && <p className="error">{problem}</p>}
        <button type="submit" className="primary" disabled={tx.busy} data-testid="apply">
          {t("members.applyButton")}
        </button>
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}
