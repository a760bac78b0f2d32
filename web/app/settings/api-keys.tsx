"use client";

import { API_KEY_SCOPE_HELP, API_KEY_SCOPES, type TApiKey, type TApiKeyScope } from "@assure/shared";
import { useState, useTransition } from "react";
import { ShownOnceDialog } from "@/components/shown-once-dialog";
import { type CreateKeyResult, createApiKeyAction, revokeApiKeyAction } from "./actions";

/** API keys for machine clients (suppliers' CI): created here, the secret shown exactly once. */
export function ApiKeys({ keys }: { keys: TApiKey[] }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<TApiKeyScope[]>(["components:write", "catalog:read"]);
  const [result, setResult] = useState<CreateKeyResult | null>(null);
  const [message, setMessage] = useState("");
  const [pending, startTransition] = useTransition();
  const error = result && !result.ok ? result : null;

  return (
    <section className="card space-y-4" aria-labelledby="keys-heading">
      <div>
        <h2 id="keys-heading">API keys</h2>
        <p className="text-sm text-slate-600">
          For CI pipelines and scripts. The secret is shown once; we keep only its hash.
        </p>
      </div>
      <form
        className="flex flex-wrap items-end gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          startTransition(async () => setResult(await createApiKeyAction({ name, scopes })));
        }}
      >
        <div>
          <label className="label" htmlFor="key-name">
            Name
          </label>
          <input
            id="key-name"
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={Boolean(error?.fieldErrors["/name"])}
            placeholder="e.g. GitLab release pipeline"
          />
          {error?.fieldErrors["/name"] ? <p className="field-error">{error.fieldErrors["/name"]}</p> : null}
        </div>
        <fieldset className="w-full">
          <legend className="label">Scopes</legend>
          <p className="text-xs text-slate-600">
            A key may call only what its scopes allow. Managing API keys, members, site sharing, advisory
            settings and the inbox needs a person signed in; no scope allows it.
          </p>
          <ul className="mt-2 space-y-1 text-sm">
            {API_KEY_SCOPES.map((scope) => (
              <li key={scope}>
                <label className="flex items-start gap-2">
                  <input
                    type="checkbox"
                    className="mt-1"
                    checked={scopes.includes(scope)}
                    aria-describedby={`scope-help-${scope.replace(":", "-")}`}
                    onChange={(e) =>
                      setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))
                    }
                  />
                  <span>
                    <code>{scope}</code>
                    <span
                      id={`scope-help-${scope.replace(":", "-")}`}
                      className="block text-xs text-slate-600"
                    >
                      {API_KEY_SCOPE_HELP[scope]}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {error?.fieldErrors["/scopes"] ? (
            <p className="field-error">{error.fieldErrors["/scopes"]}</p>
          ) : null}
        </fieldset>
        <button type="submit" className="btn-primary" disabled={pending}>
          Create key
        </button>
      </form>
      {error && Object.keys(error.fieldErrors).length === 0 ? (
        <p role="alert" className="field-error">
          {error.message}
        </p>
      ) : null}
      <ShownOnceDialog
        secret={result?.ok ? result.secret : null}
        title="Copy your new key now"
        description={`This is the only time the secret of “${result?.ok ? result.name : ""}” is shown.`}
        testId="api-key-secret"
        onClose={() => setResult(null)}
      />
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Key</th>
            <th>Scopes</th>
            <th>Created</th>
            <th>Status</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.length === 0 ? (
            <tr>
              <td colSpan={6} className="text-center text-slate-500">
                No keys yet.
              </td>
            </tr>
          ) : null}
          {keys.map((key) => (
            <tr key={key.id}>
              <td>{key.name}</td>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td className="text-xs">
                <ul className="flex flex-wrap gap-1">
                  {key.scopes.map((scope) => (
                    <li key={scope} className="badge bg-slate-100" title={API_KEY_SCOPE_HELP[scope]}>
                      {scope}
                    </li>
                  ))}
                </ul>
              </td>
              <td>{new Date(key.createdAt).toLocaleDateString("en-GB")}</td>
              <td>
                {key.revokedAt ? (
                  <span className="badge bg-slate-200">revoked</span>
                ) : (
                  <span className="badge bg-emerald-100">active</span>
                )}
              </td>
              <td>
                {key.revokedAt ? null : (
                  <button
                    type="button"
                    className="btn-danger py-1"
                    disabled={pending}
                    onClick={() =>
                      startTransition(async () => setMessage((await revokeApiKeyAction(key.id)).message))
                    }
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message ? (
        <p role="status" className="text-sm text-slate-600">
          {message}
        </p>
      ) : null}
    </section>
  );
}
