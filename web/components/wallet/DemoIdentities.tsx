"use client";
/**
 * On the local chain: be one of the demo commons' members in one click, or paste a key. Both put
 * the key into the burner wallet of this browser and connect it. The app's server offers the
 * identities only for the local chain (GET /api/demo answers 404 elsewhere).
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useConnect, useDisconnect, type Connector } from "wagmi";
import { useT } from "@/lib/i18n/context";
import type { MessageKey } from "@/lib/i18n/en";
import { BURNER_AUTHORIZED_KEY } from "@/lib/wallet/burner-lazy";
import { rememberConnection } from "@/lib/wallet/state";

/** Where the burner keeps its key (lib/wallet/burner.ts reads it on every request). */
const BURNER_KEY = "spin-burner-key";

interface Identity {
  name: string;
  kind: number;
  status: number;
  address: string;
  privateKey: `0x${string}`;
}

export function isPrivateKey(text: string): text is `0x${string}` {
  return /^0x[0-9a-fA-F]{64}$/.test(text);
}

function useBecome(burner: Connector, onDone: () => void) {
  const { connectAsync } = useConnect();
  const { disconnectAsync } = useDisconnect();
  return async (key: `0x${string}`) => {
    await disconnectAsync().catch(() => undefined);
    window.localStorage.setItem(BURNER_KEY, key);
    window.localStorage.setItem(BURNER_AUTHORIZED_KEY, "1");
    await connectAsync({ connector: burner });
    rememberConnection(true);
    onDone();
  };
}

export function DemoIdentities({ burner, onDone }: { burner: Connector; onDone: () => void }) {
  const { t } = useT();
  const become = useBecome(burner, onDone);
  const [problem, setProblem] = useState<string | null>(null);
  const identities = useQuery({
    queryKey: ["demo-identities"],
    queryFn: async () => {
      const response = await fetch("/api/demo");
      if (response.status === 404) return [];
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return ((await response.json()) as { items: Identity[] }).items;
    },
    staleTime: 60_000,
  });
  if (!identities.data?.length) return null;
  return (
    <section aria-labelledby="demo-h" className="demo">
      <p id="demo-h" className="menu-title">
        {t("demo.title")}
      </p>
      <ul className="plain demo-list" data-testid="demo-identities">
        {identities.data.map((who) => (
          <li key={who.address}>
            <button
              type="button"
              title={who.address}
              onClick={() =>
                void become(who.privateKey).catch((e: unknown) =>
                  setProblem(e instanceof Error ? e.message : String(e)),
                )
              }
            >
              {t("demo.be", { name: who.name })}{" "}
              <span className="muted small">
                {t(`kind.${who.kind}` as MessageKey)}
                {who.status === 1 ? ` · ${t("status.1")}` : ""}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

export function ImportKey({ burner, onDone }: { burner: Connector; onDone: () => void }) {
  const { t } = useT();
  const become = useBecome(burner, onDone);
  const [key, setKey] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        const typed = key.trim();
        if (!isPrivateKey(typed)) return setProblem(t("demo.badKey"));
        setProblem(null);
        void become(typed).catch((error: unknown) =>
          setProblem(error instanceof Error ? error.message : String(error)),
        );
      }}
    >
      <label>
        {t("demo.importKey")}
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          className="mono"
          name="privateKey"
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
      </label>
      <button type="submit">{t("demo.import")}</button>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
