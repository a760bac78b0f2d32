import type { TApiKeyScope, TRole, TTenantKind } from "@assure/shared";

/** Who is calling, derived from a verified token or API key, never from the request body. */
export interface AuthContext {
  via: "user" | "api_key";
  tenantId: string;
  role: TRole;
  /** `user:<id>` or `api_key:<id>`, as written to the audit trail. */
  actor: string;
  userId?: string;
  platformOperator: boolean;
  /** API keys are limited to their scopes; users are not scoped. */
  scopes?: readonly TApiKeyScope[];
  tenantKinds?: readonly TTenantKind[];
}
