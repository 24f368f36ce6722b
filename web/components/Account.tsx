/**
 * An account in words: its name when the commons knows one (the full address on hover, for
 * screen readers and to copy), else the address shortened. Safe to render on the server.
 */
import Link from "next/link";
import { shortAddress } from "@/lib/format";
import type { ServerI18n } from "@/lib/i18n";
import { nameOf, type Names } from "@/lib/names";
import { CopyAddress } from "./CopyAddress";

export function AccountName(props: {
  address: string;
  t: ServerI18n["t"];
  names?: Names;
  name?: string;
  /** Leave out the copy button (dense lists). */
  plain?: boolean;
}) {
  const name = props.name ?? nameOf(props.names ?? {}, props.address);
  const isContract = props.names?.[props.address.toLowerCase()]?.kind === "contract";
  const href = isContract ? undefined : `/members#${props.address.toLowerCase()}`;
  const label = name ?? shortAddress(props.address);
  const { t } = props;
  return (
    <span className="account-name">
      {href ? (
        <Link href={href} title={props.address} className={name ? undefined : "mono"}>
          {label}
        </Link>
      ) : (
        <span title={props.address}>{label}</span>
      )}
      {name && <span className="sr-only"> ({props.address})</span>}
      {!props.plain && (
        <CopyAddress
          address={props.address}
          label={t("common.copyAddress", { address: props.address })}
          copied={t("common.copied")}
        />
      )}
    </span>
  );
}
