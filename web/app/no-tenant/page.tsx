export const metadata = { title: "No tenant yet" };

export default function NoTenant() {
  return (
    <div className="card mx-auto mt-16 max-w-lg">
      <h1>You are not a member of any tenant yet</h1>
      <p className="mt-3 text-sm text-slate-600">
        Your sign-in worked, but no organisation has added you. Ask an administrator of your supplier,
        asset-owner or integrator tenant to add your e-mail address as a member, then sign in again.
      </p>
    </div>
  );
}
