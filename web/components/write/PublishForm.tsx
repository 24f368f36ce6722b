"use client";
import { buildManifest, type BundleFile, type Manifest } from "@spin/shared";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { parseEventLogs, type Address } from "viem";
import { readContract } from "viem/actions";
import { useAccount, useClient, useSignTypedData } from "wagmi";
import { Loaded } from "@/components/common";
import { TextField } from "@/components/form";
import { TxStatus } from "@/components/TxStatus";
import { useAccountInfo, useTemplates } from "@/hooks/data";
import { useTransaction, write } from "@/hooks/useTransaction";
import { ApiError } from "@/lib/api/client";
import {
  composeReadme,
  hasMainFile,
  parseParents,
  percentToBps,
  readFiles,
  splitList,
} from "@/lib/bundle";
import { commitmentOf, forgetSalt, saltFor } from "@/lib/commitment";
import { decodeFailure } from "@/lib/errors";
import { postBundle, uploadDeadline, uploadProblem, uploadTypedData } from "@/lib/upload";
import { useSpin } from "@/lib/spin";
import { formatBytes } from "@/lib/format";
import { Status } from "@/lib/guards";
import { useT } from "@/lib/i18n/context";
import { useContracts } from "@/lib/contracts";
import { withWallet } from "@/components/wallet/Scope";
import { wantWallet } from "@/lib/wallet/state";

interface Contributor {
  account: string;
  percent: string;
}

function initialParents(): string {
  if (typeof window === "undefined") return "";
  return new URLSearchParams(window.location.search).get("fork") ?? "";
}

/** The work a new version is for (`?version=<id>`), or null when publishing a new work. */
function initialVersionOf(): bigint | null {
  if (typeof window === "undefined") return null;
  const id = new URLSearchParams(window.location.search).get("version") ?? "";
  return /^\d{1,20}$/.test(id) ? BigInt(id) : null;
}

function PublishForm() {
  const { t, locale } = useT();
  const contracts = useContracts();
  const { config } = useSpin();
  const { address } = useAccount();
  const { signTypedDataAsync } = useSignTypedData();
  const client = useClient();
  const info = useAccountInfo(address);
  const templates = useTemplates();
  const commit = useTransaction();
  const tx = useTransaction();
  const [files, setFiles] = useState<BundleFile[]>([]);
  const [title, setTitle] = useState("");
  const [summary, setSummary] = useState("");
  const [tags, setTags] = useState("");
  const [machines, setMachines] = useState("");
  const [body, setBody] = useState("");
  const [licenceId, setLicenceId] = useState("");
  const [parents, setParents] = useState("");
  const [contributors, setContributors] = useState<Contributor[]>([]);
  const [manifest, setManifest] = useState<Manifest | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The bundle's own problem, kept apart: the manifest is rebuilt whenever the page refreshes
  // (after the commitment), which must not wipe a refusal said since.
  const [invalid, setInvalid] = useState<string | null>(null);
  const [uploading, setUploading] = useState<"signing" | "sending" | null>(null);
  const [workId, setWorkId] = useState<bigint | null>(null);

  const [versionOf, setVersionOf] = useState<bigint | null>(null);
  useEffect(
    () => (setParents(initialParents()), setVersionOf(initialVersionOf()), wantWallet(false)),
    [],
  );
  useEffect(() => {
    if (address && contributors.length === 0)
      setContributors([{ account: address, percent: "100" }]);
  }, [address, contributors.length]);

  const bundle = useMemo<BundleFile[]>(() => {
    if (hasMainFile(files)) return files;
    if (!title.trim() && files.length === 0) return [];
    const readme = composeReadme({
      title,
      summary,
      tags: splitList(tags),
      machines: splitList(machines),
      body,
    });
    return [{ path: "README.md", bytes: new TextEncoder().encode(readme) }, ...files];
  }, [files, title, summary, tags, machines, body]);

  useEffect(() => {
    let cancelled = false;
    if (bundle.length === 0) return setManifest(null);
    buildManifest(bundle).then(
      (m) => !cancelled && (setManifest(m), setInvalid(null)),
      (e: unknown) =>
        !cancelled &&
        (setManifest(null),
        setInvalid(t("publish.invalid", { message: e instanceof Error ? e.message : String(e) }))),
    );
    return () => {
      cancelled = true;
    };
  }, [bundle, t]);

  const parentIds = parseParents(parents);
  const totalBps = contributors.reduce((sum, c) => sum + percentToBps(Number(c.percent) || 0), 0);
  const size = bundle.reduce((sum, f) => sum + f.bytes.length, 0);
  const ready =
    manifest &&
    (versionOf !== null || (licenceId && parentIds && totalBps === 10_000)) &&
    !uploading &&
    !tx.busy &&
    !commit.busy;

  /** Signs the bundle's hash with the wallet and sends the files; a refusal is said in words. */
  async function upload(uploader: Address, contentHash: `0x${string}`): Promise<boolean> {
    const deadline = uploadDeadline();
    try {
      setUploading("signing");
      const signature = await signTypedDataAsync(
        uploadTypedData(config.chainId, contracts.registry.address, {
          contentHash,
          uploader,
          deadline,
        }),
      );
      setUploading("sending");
      await postBundle(bundle, { contentHash, uploader, deadline, signature });
      return true;
    } catch (error) {
      if (error instanceof ApiError) {
        const { key, values } = uploadProblem(error, (n) => formatBytes(n, locale));
        setProblem(t(key, values));
      } else if (decodeFailure(error).kind === "rejected") {
        setProblem(t("upload.declined"));
      } else {
        setProblem(
          t("upload.unavailable", {
            message: error instanceof Error ? error.message : String(error),
          }),
        );
      }
      return false;
    } finally {
      setUploading(null);
    }
  }

  /**
   * Records the commitment to the bundle's hash unless it already is (a reload, another tab):
   * true once the chain holds it. The salt stays in the browser until the reveal.
   */
  async function committed(registrant: Address, contentHash: `0x${string}`, salt: `0x${string}`) {
    const commitment = commitmentOf(contentHash, registrant, salt);
    const recorded = () =>
      readContract(client!, {
        ...contracts.works,
        functionName: "commitmentOf",
        args: [commitment],
      });
    if ((await recorded()) !== 0n) return true;
    const receipt = await commit.run({
      ...contracts.works,
      functionName: "commitRegistration",
      args: [commitment],
    });
    if (receipt) return true;
    // WorksAlreadyCommitted: an earlier attempt's commitment landed after all; continue with it.
    if ((await recorded()) === 0n) return false;
    commit.reset();
    return true;
  }

  /** Commit, upload (signed), then reveal with the salt a block later: nobody can take the hash. */
  async function submit() {
    if (!manifest || (!parentIds && versionOf === null) || !address || !client) return;
    setProblem(null);
    // Only admitted participants commit, upload and register: said before anything is signed.
    if (info.data?.status !== Status.Admitted) return setProblem(t("upload.notMember"));
    const contentHash = manifest.contentHash;
    const salt = saltFor(window.localStorage, config.chainId, address, contentHash);
    if (!(await committed(address, contentHash, salt))) return;
    if (!(await upload(address, contentHash))) return;
    // Simulated on the next block: the reveal must come at least a block after the commitment.
    const receipt = await tx.run(
      versionOf !== null
        ? write({
            ...contracts.works,
            functionName: "addVersion",
            blockTag: "pending",
            args: [versionOf, contentHash, `ipfs://${manifest.cid}`, salt],
          })
        : write({
            ...contracts.works,
            functionName: "register",
            blockTag: "pending",
            args: [
              {
                contentHash,
                metadataURI: `ipfs://${manifest.cid}`,
                licenceId: Number(licenceId),
                stewards: [address as Address],
                contributors: contributors.map((c) => c.account as Address),
                shares: contributors.map((c) => percentToBps(Number(c.percent) || 0)),
                parents: parentIds ?? [],
              },
              salt,
            ],
          }),
    );
    if (!receipt) return;
    forgetSalt(window.localStorage, config.chainId, address, contentHash);
    if (versionOf !== null) return setWorkId(versionOf);
    const [event] = parseEventLogs({
      abi: contracts.works.abi,
      logs: receipt.logs,
      eventName: "WorkRegistered",
    });
    if (event) setWorkId(event.args.workId);
  }

  const forkOf =
    parentIds && parentIds.length > 0 ? parentIds.map((p) => p.toString()).join(", ") : null;
  return (
    <div className="page narrow">
      <h1>
        {versionOf !== null
          ? t("publish.versionTitle", { id: versionOf.toString() })
          : forkOf
            ? t("publish.forkTitle", { ids: forkOf })
            : t("publish.title")}
      </h1>
      <form className="stack" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <fieldset className="stack">
          <legend>{t("publish.files")}</legend>
          <div className="row">
            <label>
              {t("publish.chooseFiles")}
              <input
                type="file"
                multiple
                data-testid="files"
                onChange={async (e) => setFiles(await readFiles([...(e.target.files ?? [])]))}
              />
            </label>
            <label>
              {t("publish.chooseFolder")}
              <input
                type="file"
                multiple
                {...({ webkitdirectory: "", directory: "" } as Record<string, string>)}
                onChange={async (e) => setFiles(await readFiles([...(e.target.files ?? [])]))}
              />
            </label>
          </div>
          {bundle.length > 0 && (
            <p className="muted small">
              {t("publish.fileCount", { n: bundle.length, size: formatBytes(size, locale) })}
            </p>
          )}
        </fieldset>
        {!hasMainFile(files) && (
          <fieldset className="stack">
            <legend>README.md</legend>
            <p className="muted small">{t("publish.readmeNote")}</p>
            <TextField
              label={t("publish.titleField")}
              value={title}
              onChange={setTitle}
              name="title"
              required
            />
            <TextField
              label={t("publish.summary")}
              value={summary}
              onChange={setSummary}
              name="summary"
              required
            />
            <div className="row">
              <TextField label={t("publish.tags")} value={tags} onChange={setTags} name="tags" />
              <TextField
                label={t("publish.machines")}
                value={machines}
                onChange={setMachines}
                name="machines"
              />
            </div>
            <label>
              {t("publish.body")}
              <textarea value={body} onChange={(e) => setBody(e.target.value)} name="body" />
            </label>
          </fieldset>
        )}
        <div className="card" aria-live="polite">
          <p className="small muted">{t("publish.hash")}</p>
          <p className="mono break" data-testid="content-hash">
            {manifest?.contentHash ?? "—"}
          </p>
          {manifest && (
            <p className="small">
              {t("publish.cid")} <span className="mono break">{manifest.cid}</span>
            </p>
          )}
        </div>
        {versionOf === null && (
          <>
            <Loaded query={templates}>
              {(list) => (
                <label>
                  {t("publish.licence")}
                  <select
                    required
                    value={licenceId}
                    onChange={(e) => setLicenceId(e.target.value)}
                    name="licence"
                  >
                    <option value="">—</option>
                    {list.map((tpl) => (
                      <option key={tpl.id} value={tpl.id}>
                        {tpl.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </Loaded>
            <label>
              {t("publish.parents")}
              <input
                value={parents}
                onChange={(e) => setParents(e.target.value)}
                name="parents"
                inputMode="numeric"
              />
            </label>
            <fieldset className="stack">
              <legend>{t("publish.contributors")}</legend>
              {contributors.map((c, i) => (
                <div className="row" key={i}>
                  <label>
                    {t("publish.contributor")} {i + 1}
                    <input
                      value={c.account}
                      onChange={(e) =>
                        setContributors(
                          contributors.map((x, j) =>
                            j === i ? { ...x, account: e.target.value } : x,
                          ),
                        )
                      }
                      className="mono"
                    />
                  </label>
                  <label style={{ flex: "0 1 7rem" }}>
                    {t("publish.share")}
                    <input
                      value={c.percent}
                      inputMode="decimal"
                      onChange={(e) =>
                        setContributors(
                          contributors.map((x, j) =>
                            j === i ? { ...x, percent: e.target.value } : x,
                          ),
                        )
                      }
                    />
                  </label>
                  <button
                    type="button"
                    onClick={() => setContributors(contributors.filter((_, j) => j !== i))}
                  >
                    {t("publish.remove")}
                  </button>
                </div>
              ))}
              <button
                type="button"
                onClick={() => setContributors([...contributors, { account: "", percent: "0" }])}
              >
                {t("publish.addContributor")}
              </button>
              {totalBps !== 10_000 && (
                <p className="tx-warn small">
                  {t("publish.sharesTotal", { total: `${totalBps / 100} %` })}
                </p>
              )}
            </fieldset>
          </>
        )}
        {(problem ?? invalid) && (
          <p className="error" role="alert" data-testid="publish-problem">
            {problem ?? invalid}
          </p>
        )}
        {uploading && (
          <p role="status" data-testid="upload-status">
            {t(uploading === "signing" ? "upload.signing" : "publish.uploading")}
          </p>
        )}
        <button type="submit" className="primary" disabled={!ready} data-testid="publish">
          {t("publish.submit")}
        </button>
        <TxStatus state={commit.state} />
        <TxStatus state={tx.state} />
        {workId !== null && (
          <p data-testid="published">
            <Link href={`/works/${workId}`}>
              {t(versionOf !== null ? "publish.versionAdded" : "publish.registered", {
                id: workId.toString(),
              })}
            </Link>
          </p>
        )}
      </form>
    </div>
  );
}

export default withWallet(PublishForm);
