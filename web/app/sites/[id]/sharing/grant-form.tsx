"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { FormResult } from "@/lib/form-result";
import { siteMutation } from "../../actions";

export function GrantForm({ siteId }: { siteId: string }) {
  const [slug, setSlug] = useState("");
  const [access, setAccess] = useState<"read" | "write">("read");
  const [result, setResult] = useState<FormResult | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  return (
    <form
      className="card grid gap-3 md:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const answer = await siteMutation({
            method: "POST",
            path: `/v1/sites/${siteId}/grants`,
            body: { granteeSlug: slug.trim(), access },
            siteId,
            message: "Shared.",
          });
          setResult(answer);
          if (answer.ok) router.refresh();
        });
      }}
    >
      <div className="md:col-span-2">
        <label className="label" htmlFor="grantee">
          Integrator's tenant slug
        </label>
        <input
          id="grantee"
          className="input"
          placeholder="vantage-si"
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
        />
        {result && !result.ok ? (
          <p className="field-error">{result.fieldErrors["/granteeSlug"] ?? result.message}</p>
        ) : null}
      </div>
      <div>
        <label className="label" htmlFor="access">
          Access
        </label>
        <select
          id="access"
          className="input"
          value={access}
          onChange={(e) => setAccess(e.target.value as "read")}
        >
          <option value="read">Read</option>
          <option value="write">Write</option>
        </select>
      </div>
      <div className="self-end">
        <button type="submit" className="btn-primary" disabled={pending}>
          Share site
        </button>
      </div>
    </form>
  );
}
