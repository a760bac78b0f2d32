import { redirect } from "next/navigation";
import { portalConfig } from "@/lib/config";
import { optionalSession } from "@/lib/session";
import { LoginForm } from "./login-form";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const session = await optionalSession();
  if (session?.userId) redirect("/");
  const { error } = await searchParams;
  const config = await portalConfig();
  return (
    <div className="mx-auto mt-16 max-w-md">
      <div className="mb-8 text-center">
        <h1>Assure</h1>
        <p className="mt-2 text-sm text-slate-600">
          IEC 62443 supply-chain assurance: suppliers' capability claims, matched to your zones' target
          security levels.
        </p>
      </div>
      <div className="card">
        <LoginForm mode={config.authProvider} providerName={config.oidc?.name ?? ""} initialError={error} />
      </div>
    </div>
  );
}
