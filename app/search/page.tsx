import type { Metadata } from "next";
import { SearchResults } from "@/components/search/SearchResults";

export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SearchPage({ searchParams }: Props) {
  const q = (await searchParams).q;
  return (
    <main className="page">
      <SearchResults q={(Array.isArray(q) ? q[0] : q) ?? ""} />
    </main>
  );
}
