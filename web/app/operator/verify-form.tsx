"use client";

import { ZSupplierVerificationInput } from "@assure/shared";
import { useId, useState, useTransition } from "react";
import { setVerificationAction } from "./actions";

const lines = (text: string) =>
  text
    .split(/\s+/)
    .map((line) => line.trim())
    .filter(Boolean);

export function VerifyForm({
  tenantId,
  verification,
}: {
  tenantId: string;
  verification: { method: string; namespaces: string[] } | undefined;
}) {
  const id = useId();
  const [method, setMethod] = useState(verification?.method ?? "");
  const [namespaces, setNamespaces] = useState((verification?.namespaces ?? []).join("\n"));
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();
  const save = () => {
    const input = { verified: true, method, namespaces: lines(namespaces) };
    const checked = ZSupplierVerificationInput.safeParse(input);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      setError(
        issue?.path[0] === "namespaces"
          ? `Namespace ${Number(issue.path[1]) + 1}: ${issue.message}`
          : (issue?.message ?? ""),
      );
      return;
    }
    setError("");
    startTransition(async () => {
      const answer = await setVerificationAction(tenantId, input);
      if (answer.ok) setMessage(answer.message);
      else setError(answer.message);
    });
  };
  const withdraw = () =>
    startTransition(async () => {
      const answer = await setVerificationAction(tenantId, {
        verified: false,
        method: "Verification withdrawn by operator",
        namespaces: [],
      });
      setMessage(answer.message);
      if (answer.ok) setNamespaces("");
    });
  return (
    <div className="space-y-2">
      <div>
        <label htmlFor={`${id}-method`} className="text-xs font-medium">
          How you checked who they are (required)
        </label>
        <input
          id={`${id}-method`}
          className="input mt-1 py-1"
          placeholder="e.g. DNS TXT record on northwind.example"
          aria-describedby={`${id}-method-help`}
          value={method}
          onChange={(e) => setMethod(e.target.value)}
        />
        <p id={`${id}-method-help`} className="text-xs text-slate-500">
          Recorded with the verification and in the audit trail, so anyone can later see what “verified” rests
          on (at least 3 characters).
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-ns`} className="text-xs font-medium">
          CSAF publisher namespaces (optional)
        </label>
        <textarea
          id={`${id}-ns`}
          className="input mt-1 w-full py-1 font-mono text-xs"
          rows={2}
          placeholder="https://psirt.example.com"
          aria-describedby={`${id}-ns-help${error ? ` ${id}-err` : ""}`}
          aria-invalid={error ? true : undefined}
          value={namespaces}
          onChange={(e) => setNamespaces(e.target.value)}
        />
        <p id={`${id}-ns-help`} className="text-xs text-slate-500">
          One https URL per line: the <code>document/publisher/namespace</code> of CSAF advisories this
          supplier publishes itself (e.g. its PSIRT's domain). Verify only namespaces you checked it controls
          (e.g. a DNS TXT record or a file on that domain): the supplier may then import advisories under
          them, and an advisory under a verified namespace always stays with its publisher. Each namespace
          belongs to one tenant; its portal namespace (…/suppliers/&lt;slug&gt;) needs no verification.
        </p>
        {error ? (
          <p id={`${id}-err`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <div className="flex items-center gap-2">
        <button
          type="button"
          className="btn-primary py-1"
          disabled={pending || method.trim().length < 3}
          aria-describedby={method.trim().length < 3 ? `${id}-method-needed` : undefined}
          onClick={save}
        >
          {verification ? "Save" : "Verify"}
        </button>
        {method.trim().length < 3 ? (
          <span id={`${id}-method-needed`} className="text-xs text-slate-600">
            Say how you checked first.
          </span>
        ) : null}
        {verification ? (
          <button type="button" className="btn-danger py-1" disabled={pending} onClick={withdraw}>
            Remove verification
          </button>
        ) : null}
        {message ? (
          <span role="status" className="text-xs text-slate-600">
            {message}
          </span>
        ) : null}
      </div>
    </div>
  );
}
