"use client";

import { ZGrantInput } from "@assure/shared";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { FormResult } from "@/lib/form-result";
import { siteMutation } from "../../actions";

export function GrantForm({ siteId }: { siteId: string }) {
  const [slug, setSlug] = useState("");
  const [access, setAccess] = useState<"read" | "write">("read");
  const [result, setResult] = useState<FormResult | null>(null);
  const [pending, start] = useTransition();
  const [touched, setTouched] = useState(false);
  const router = useRouter();
  const parsed = ZGrantInput.safeParse({ granteeSlug: slug.trim(), access });
  const slugError = parsed.success ? undefined : parsed.error.issues[0]?.message;
  const shownError =
    result && !result.ok ? (result.fieldErrors["/granteeSlug"] ?? result.message) : undefined;
  return (
    <form
      noValidate
      aria-label="Share this site"
      className="card grid items-start gap-3 md:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (slugError) return;
        start(async () => {
          const answer = await siteMutation({
            method: "POST",
            path: `/v1/sites/${siteId}/grants`,
            body: { granteeSlug: slug.trim(), access },
            siteId,
            message: "Shared.",
          });
          setResult(answer);
          if (answer.ok) {
            setSlug("");
            setTouched(false);
            router.refresh();
          }
        });
      }}
    >
      <h2 className="md:col-span-4">Share with an integrator</h2>
      <div className="md:col-span-2">
        <label className="label" htmlFor="grantee">
          Integrator's tenant slug
        </label>
        <input
          id="grantee"
          className="input"
          placeholder="vantage-si"
          value={slug}
          aria-invalid={Boolean((touched && slugError) || shownError)}
          aria-describedby="grantee-hint"
          onBlur={() => setTouched(true)}
          onChange={(e) => {
            setSlug(e.target.value);
            setResult(null);
          }}
        />
        <p id="grantee-hint" className="mt-1 text-xs text-slate-500">
          The integrator finds its slug under Settings.
        </p>
        {touched && slugError ? <p className="field-error">{slugError}</p> : null}
        {shownError ? <p className="field-error">{shownError}</p> : null}
        {result?.ok ? (
          <p role="status" className="mt-1 text-sm text-emerald-700">
            {result.message}
          </p>
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
      <div className="md:mt-6">
        <button type="submit" className="btn-primary" disabled={pending}>
          Share site
        </button>
      </div>
    </form>
  );
}
