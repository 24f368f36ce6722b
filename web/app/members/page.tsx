"use client";
import { useState } from "react";
import { encodeFunctionData, sha256, toBytes, type Address } from "viem";
import { useAccount, useReadContract } from "wagmi";
import { AccountName, Loaded, MoreButton } from "@/components/common";
import { TextField, TxForm } from "@/components/form";
import { TxStatus } from "@/components/TxStatus";
import { useAccountInfo, useParticipants, usePlaces } from "@/hooks/data";
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
const NONE = 0;
const APPLICANT = 1;
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
  const { address } = useAccount();
  const viewer = useAccountInfo(address);
  const tx = useTransaction();
  const governance = useGovernanceProposal();
  const rule = useReadContract({ ...contracts.admissions, functionName: "admissionRule" });
  // Only admitted members vouch or propose, and never for themselves.
  const member = viewer.data?.status === ADMITTED;
  const isViewer = (a: Address) => a.toLowerCase() === address?.toLowerCase();
  return (
    <>
      {applicants.length === 0 ? (
        <p className="muted">{t("members.noApplicants")}</p>
      ) : (
        <ul className="plain">
          {applicants.map((p) => (
            <li
              key={p.account}
              className="card row"
              data-testid={`applicant-${p.account.toLowerCase()}`}
            >
              <div>
                <AccountName address={p.account} />{" "}
                <span className="badge">{t(`kind.${p.kind}` as MessageKey)}</span>
                <p className="small muted">
                  {t("members.vouches", {
                    n: p.vouches,
                    k: rule.data?.vouchThreshold.toString() ?? "…",
                    date: formatDate(p.windowEnd, locale),
                  })}
                </p>
              </div>
              {member && !isViewer(p.account) && (
                <>
                  <VouchButton account={p.account} tx={tx} />
                  <button
                    type="button"
                    disabled={governance.tx.busy}
                    onClick={() =>
                      governance.propose(
                        "admitApplicant",
                        [p.account, p.profileURI],
                        t("members.admitReason", { who: p.account }),
                      )
                    }
                  >
                    {t("members.proposeAdmit")}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {/* Kept after the last applicant is admitted, so the confirmation stays in view. */}
      <TxStatus state={tx.state} />
      <TxStatus state={governance.tx.state} />
    </>
  );
}

/**
 * A vouch names the profile hash the voucher read: the application's, read from Admissions, so a
 * profile changed meanwhile is refused rather than vouched for.
 */
function VouchButton({ account, tx }: { account: Address; tx: ReturnType<typeof useTransaction> }) {
  const { t } = useT();
  const { contracts } = useSpin();
  const application = useReadContract({
    ...contracts.admissions,
    functionName: "applicationOf",
    args: [account],
  });
  const profileHash = application.data?.profileHash;
  return (
    <button
      type="button"
      className="primary"
      disabled={tx.busy || profileHash === undefined}
      onClick={() =>
        profileHash &&
        void tx.run({
          ...contracts.admissions,
          functionName: "vouch",
          args: [account, profileHash],
        })
      }
    >
      {t("members.vouch")}
    </button>
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
    // Applicants are admitted by Admissions; members are suspended by the registry.
    const target = functionName === "admitApplicant" ? contracts.admissions : contracts.registry;
    const data = encodeFunctionData({
      abi: target.abi,
      functionName,
      args,
    } as Parameters<typeof encodeFunctionData>[0]);
    void tx.run({
      ...contracts.governor,
      functionName: "propose",
      args: [[target.address], [0n], [data], `# ${title}`],
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
  const info = useAccountInfo(address);
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
        ...contracts.admissions,
        functionName: "applyForAdmission",
        args: [kind, profile, profileHash],
      });
      return;
    }
    const latitude = Number(lat);
    const longitude = Number(lon);
    if (!(lat.trim() && lon.trim()) || !(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180))
      return setProblem(t("err.CommonsRegistryInvalidLocation"));
    let code: `0x${string}`;
    try {
      code = countryToBytes2(country);
    } catch {
      return setProblem(t("err.CommonsRegistryInvalidCountry"));
    }
    const place = {
      name,
      latitudeE6: Math.round(latitude * 1e6),
      longitudeE6: Math.round(longitude * 1e6),
      country: code,
      machines: machines
        .split(",")
        .map((m) => m.trim())
        .filter(Boolean),
    };
    void tx.run({
      ...contracts.admissions,
      functionName: "applyAsPlace",
      args: [profile, profileHash, place],
    });
  }

  const status = info.data?.status ?? NONE;
  return (
    <section className="card" aria-labelledby="apply-h">
      <h2 id="apply-h">{t("members.apply")}</h2>
      {!address && <p className="muted">{t("wallet.connectFirst")}</p>}
      {status !== NONE && (
        <p data-testid="my-status">
          {status === APPLICANT
            ? t("members.waiting")
            : status === ADMITTED
              ? t("members.isMember")
              : `${t("wallet.status")}: ${t(`status.${status}` as MessageKey)}`}
        </p>
      )}
      {status !== ADMITTED && (
        <TxForm
          onSubmit={submit}
          submitLabel={t("members.applyButton")}
          submitTestId="apply"
          busy={tx.busy}
          tx={tx.state}
          problem={problem}
        >
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
          <TextField
            label={t("members.profile")}
            value={profile}
            onChange={setProfile}
            name="profile"
            required
          />
          {kind === PLACE && (
            <>
              <TextField label={t("members.placeName")} value={name} onChange={setName} required />
              <div className="row">
                <TextField
                  label={t("members.latitude")}
                  value={lat}
                  onChange={setLat}
                  required
                  decimal
                />
                <TextField
                  label={t("members.longitude")}
                  value={lon}
                  onChange={setLon}
                  required
                  decimal
                />
                <TextField
                  label={t("members.country")}
                  value={country}
                  onChange={setCountry}
                  required
                  maxLength={2}
                />
              </div>
              <TextField label={t("members.machines")} value={machines} onChange={setMachines} />
            </>
          )}
        </TxForm>
      )}
    </section>
  );
}
