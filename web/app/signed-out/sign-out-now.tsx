"use client";

import { signOut } from "next-auth/react";
import { useEffect } from "react";

export function SignOutNow() {
  useEffect(() => {
    void signOut({ redirect: false });
  }, []);
  return (
    <a className="btn-primary mt-4 inline-flex" href="/login">
      Sign in again
    </a>
  );
}
