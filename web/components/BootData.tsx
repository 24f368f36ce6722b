/**
 * The settings the wallet's code reads when it loads (components/wallet/Boot.tsx), written into
 * the page as JSON data: a script of type application/json is never run, so the CSP needs no
 * exception, and `<` is escaped so no value can close the element.
 */
import { BOOT_ELEMENT_ID, type Boot } from "@/lib/boot";

export function BootData({ boot }: { boot: Boot }) {
  const json = JSON.stringify(boot).replace(/</g, "\\u003c");
  return (
    <script
      id={BOOT_ELEMENT_ID}
      type="application/json"
      dangerouslySetInnerHTML={{ __html: json }}
    />
  );
}
