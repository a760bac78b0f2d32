import type { TMembership } from "@assure/shared";
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    userId: string;
    platformOperator: boolean;
    memberships: TMembership[];
    /** The tenant everything in the portal currently shows; always one of `memberships`. */
    currentTenantId: string | null;
    /** When this portal session began (epoch ms); API tokens carry it so signing out everywhere ends it. */
    sessionIssuedAt: number;
  }
  interface User {
    id: string;
    platformOperator?: boolean;
    memberships?: TMembership[];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    platformOperator?: boolean;
    memberships?: TMembership[];
    currentTenantId?: string | null;
    sessionIssuedAt?: number;
  }
}
