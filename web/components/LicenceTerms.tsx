/** A licence template in plain words (server or client). */
import { formatSpin } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/en";
import type { Values } from "@/lib/i18n/message";
import type { Template } from "@/lib/model";

export function LicenceTerms(props: {
  template: Template;
  t: (key: MessageKey, values?: Values) => string;
  locale: string;
}) {
  const { template, t, locale } = props;
  const { terms } = template;
  return (
    <div>
      <p>
        <strong>{template.name}</strong>
      </p>
      <ul>
        <li>
          {t(`licence.commercial.${terms.commercialUse}` as MessageKey, {
            fee: formatSpin(terms.fee, locale),
            days: Math.round(terms.term / 86_400),
          })}
        </li>
        <li>
          {t(terms.derivativesAllowed ? "licence.derivatives.true" : "licence.derivatives.false")}
        </li>
        {terms.shareAlike && <li>{t("licence.shareAlike")}</li>}
        {terms.attribution && <li>{t("licence.attribution")}</li>}
      </ul>
    </div>
  );
}
