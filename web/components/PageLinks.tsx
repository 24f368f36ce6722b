/**
 * "First page" and "next page" links of one cursor-paged list on a server-rendered page: plain
 * links, so paging works without JavaScript. Nothing when the list fits on one page.
 */
import Link from "next/link";

export function PageLinks(props: {
  first: string | null;
  next: string | null;
  firstText: string;
  nextText: string;
  label: string;
}) {
  if (!props.first && !props.next) return null;
  return (
    <nav className="row" aria-label={props.label}>
      {props.first && <Link href={props.first}>{props.firstText}</Link>}
      {props.next && (
        <Link href={props.next} rel="next">
          {props.nextText}
        </Link>
      )}
    </nav>
  );
}
