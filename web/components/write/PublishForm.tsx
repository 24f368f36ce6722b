"use client";
import { buildManifest, type BundleFile, type Manifest } from "@spin/shared";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { parseEventLogs, type Address } from "viem";
import { useAccount } from "wagmi";
import { Loaded } from "@/components/common";
import { TextField } from "@/components/form";
import { TxStatus } from "@/components/TxStatus";
import { useTemplates } from "@/hooks/data";
import { useTransaction } from "@/hooks/useTransaction";
import { apiPost } from "@/lib/api";
import {
  composeReadme,
  hasMainFile,
  parseParents,
  percentToBps,
  readFiles,
  splitList,
  toBase64,
} from "@/lib/bundle";
import { formatBytes } from "@/lib/format";
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

function PublishForm() {
  const { t, locale } = useT();
  const contracts = useContracts();
  const { address } = useAccount();
  const templates = useTemplates();
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
  const [uploading, setUploading] = useState(false);
  const [workId, setWorkId] = useState<bigint | null>(null);

  useEffect(() => (setParents(initialParents()), wantWallet(false)), []);
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
      (m) => !cancelled && (setManifest(m), setProblem(null)),
      (e: unknown) =>
        !cancelled &&
        (setManifest(null),
        setProblem(t("publish.invalid", { message: e instanceof Error ? e.message : String(e) }))),
    );
    return () => {
      cancelled = true;
    };
  }, [bundle, t]);

  const parentIds = parseParents(parents);
  const totalBps = contributors.reduce((sum, c) => sum + percentToBps(Number(c.percent) || 0), 0);
  const size = bundle.reduce((sum, f) => sum + f.bytes.length, 0);
  const ready = manifest && licenceId && parentIds && totalBps === 10_000 && !uploading && !tx.busy;

  async function submit() {
    if (!manifest || !parentIds) return;
    setUploading(true);
    setProblem(null);
    try {
      await apiPost("/content", {
        contentHash: manifest.contentHash,
        files: bundle.map((f) => ({ path: f.path, data: toBase64(f.bytes) })),
      });
    } catch (error) {
      setProblem(
        t("publish.uploadFailed", {
          message: error instanceof Error ? error.message : String(error),
        }),
      );
      return;
    } finally {
      setUploading(false);
    }
    const receipt = await tx.run({
      ...contracts.works,
      functionName: "register",
      args: [
        {
          contentHash: manifest.contentHash,
          metadataURI: `ipfs://${manifest.cid}`,
          licenceId: Number(licenceId),
          stewards: [address as Address],
          contributors: contributors.map((c) => c.account as Address),
          shares: contributors.map((c) => percentToBps(Number(c.percent) || 0)),
          parents: parentIds,
        },
      ],
    });
    if (!receipt) return;
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
      <h1>{forkOf ? t("publish.forkTitle", { ids: forkOf }) : t("publish.title")}</h1>
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
                      contributors.map((x, j) => (j === i ? { ...x, account: e.target.value } : x)),
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
                      contributors.map((x, j) => (j === i ? { ...x, percent: e.target.value } : x)),
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
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        {uploading && <p role="status">{t("publish.uploading")}</p>}
        <button type="submit" className="primary" disabled={!ready} data-testid="publish">
          {t("publish.submit")}
        </button>
        <TxStatus state={tx.state} />
        {workId !== null && (
          <p data-testid="published">
            <Link href={`/works/${workId}`}>
              {t("publish.registered", { id: workId.toString() })}
            </Link>
          </p>
        )}
      </form>
    </div>
  );
}

export default withWallet(PublishForm);
