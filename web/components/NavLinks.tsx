"use client";
/**
 * The sections: a row of links on wide screens, a menu on phones (a <details>, so it opens
 * without JavaScript). The menu closes on Escape and after choosing a section.
 */
import Link from "next/link";
import { usePathname } from "next/navigation";
import { shownPath } from "@/lib/lite";
import { useEffect, useRef } from "react";

export interface NavItem {
  href: string;
  label: string;
}

function isCurrent(path: string, href: string): boolean {
  if (href === "/works") return path === "/works" || /^\/works\/\d+/.test(path);
  return path === href || path.startsWith(`${href}/`);
}

export function NavLinks({
  items,
  label,
  menuLabel,
}: {
  items: NavItem[];
  label: string;
  menuLabel: string;
}) {
  const path = shownPath(usePathname());
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || !menu.current?.open) return;
      menu.current.open = false;
      menu.current.querySelector("summary")?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [path]);
  const list = (
    <ul>
      {items.map((item) => (
        <li key={item.href}>
          <Link href={item.href} aria-current={isCurrent(path, item.href) ? "page" : undefined}>
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <nav aria-label={label} className="nav-wide">
        {list}
      </nav>
      <details className="nav-menu" ref={menu}>
        <summary>{menuLabel}</summary>
        <nav aria-label={label}>{list}</nav>
      </details>
    </>
  );
}
